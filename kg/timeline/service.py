"""One object per build that answers timeline, neighbour and path questions."""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from kg.errors import KGError, NotFoundError
from kg.layout import current_build
from kg.settings import Settings
from kg.store import open_store
from kg.timeline import graph as g
from kg.timeline.snapshot import Snapshot
from kg.timeline.timeline import Timeline, TimelineBuilder

if TYPE_CHECKING:
    import networkx as nx


class TimelineService:
    def __init__(self, snap: Snapshot, searcher=None):
        self.snap = snap
        self.builder = TimelineBuilder(snap, searcher)
        self._graph: "nx.Graph | None" = None
        self._lock = threading.Lock()

    @property
    def graph(self) -> "nx.Graph":
        with self._lock:
            if self._graph is None:
                self._graph = g.entity_graph(self.snap)
            return self._graph

    def resolve(self, name: str) -> str:
        """An entity IRI from an IRI, a name or an alias."""
        if name in self.snap.entities:
            return name
        hits = self.builder.resolve_entities(name)
        if not hits:
            raise NotFoundError(f"no entity named {name!r}; try `kg entities {name!r}`")
        return hits[0]

    def timeline(self, topic: str) -> Timeline:
        return self.builder.for_topic(topic)

    def entity_timeline(self, iri: str) -> Timeline:
        return self.builder.for_entity(self.resolve(iri))

    def path(self, a: str, b: str) -> list[dict]:
        return g.path(self.graph, self.resolve(a), self.resolve(b))

    def neighbours(self, name: str, limit: int = 25) -> list[dict]:
        return g.neighbours(self.graph, self.resolve(name), limit)

    def ego(self, name: str, radius: int = 1):
        return g.ego(self.graph, self.resolve(name), radius)


def open_timelines(settings: Settings, *, with_search: bool = True) -> TimelineService:
    """A service over the current build; search is used when its index exists."""
    cur = current_build(settings.data_dir)
    store = open_store(settings.store, cur.store, read_only=True)
    try:
        snap = Snapshot(store, cur.root.name)
    finally:
        store.close()
    searcher = None
    if with_search and (cur.index / "manifest.json").exists():
        try:
            from kg.search import open_searcher

            searcher = open_searcher(settings)
        except KGError:
            searcher = None
    return TimelineService(snap, searcher)
