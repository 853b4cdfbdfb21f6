"""The SPARQL service: caps, store resolution and the worker pool behind one call.

``SparqlService.query`` is what the HTTP route calls. It rejects over-long and over-deep
queries before any parser runs, resolves the store to answer from (the build ``current``
points to at this moment, or a fixed ``settings.store_path``), and hands the query to
a worker process that inspects, runs and serialises it under the query timeout.

Answers never mix builds: each request names one store directory, resolved once; a
worker that last served another build reopens before answering.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from kg.errors import NotAcceptableError, NotBuiltError
from kg.layout import current_build
from kg.settings import Settings
from kg.sparql.limits import check_query
from kg.sparql.negotiate import GRAPH, RESULTS, available, choose, parse_accept
from kg.sparql.pool import WorkerPool
from kg.sparql.worker import QueryJob, QueryOutput, StatsJob, StoreUnavailableError, WorkerConfig


@dataclass(frozen=True)
class QueryRequest:
    """A SPARQL Protocol query operation. Empty graph tuples: the protocol names no dataset."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None


@dataclass(frozen=True)
class QueryResponse:
    body: bytes
    content_type: str
    kind: str  # "results" (SELECT/ASK) or "graph" (CONSTRUCT/DESCRIBE)
    truncated: bool
    build_id: str | None


@dataclass(frozen=True)
class ServedStore:
    path: Path
    build_id: str | None


class SparqlService:
    """Answer SPARQL queries from worker processes. Start before use; close after."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.config = WorkerConfig(
            store_kind=settings.store,
            base_iri=settings.base_iri,
            max_length=settings.max_query_length,
            max_depth=settings.max_query_depth,
            memory_mb=settings.sparql_worker_memory_mb,
        )
        self.pool = WorkerPool(max(1, settings.sparql_workers), self.config)
        self._build_ids: dict[Path, str | None] = {}
        self._stats: dict[Path, dict] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        self.pool.start()

    def close(self) -> None:
        self.pool.close()

    # --- queries ----------------------------------------------------------------------

    def query(self, request: QueryRequest) -> QueryResponse:
        """Run one query operation.

        Raises:
            QueryTooComplexError, QueryError, ForbiddenQueryError: rejected query (4xx).
            NotAcceptableError: no acceptable media type (406).
            QueryTimeoutError, OverloadedError, QueryAbortedError, NotBuiltError: 503.
        """
        s = self.settings
        text = check_query(request.query, max_length=s.max_query_length, max_depth=s.max_query_depth)
        accept = parse_accept(request.accept)
        if choose(accept, RESULTS) is None and choose(accept, GRAPH) is None:
            raise NotAcceptableError(
                "the Accept header allows none of the media types this endpoint writes", available()
            )
        served = self.served_store()
        job = QueryJob(
            store=str(served.path),
            query=text,
            accept=accept,
            max_rows=s.max_result_rows,
            union_default_graph=s.sparql_union_default_graph,
            default_graphs=tuple(request.default_graphs),
            named_graphs=tuple(request.named_graphs),
        )
        out = self._submit(job, served)
        assert isinstance(out, QueryOutput)
        return QueryResponse(out.body, out.media_type, out.kind, out.truncated, served.build_id)

    def dataset_stats(self) -> tuple[ServedStore, dict]:
        """Triple counts of the served store (cached per store directory)."""
        served = self.served_store()
        with self._lock:
            cached = self._stats.get(served.path)
        if cached is None:
            cached = self._submit(StatsJob(str(served.path)), served)  # type: ignore[assignment]
            with self._lock:
                self._stats[served.path] = cached  # type: ignore[assignment]
        return served, cached  # type: ignore[return-value]

    def _submit(self, job: QueryJob | StatsJob, served: ServedStore) -> object:
        try:
            return self.pool.submit(job, timeout=self.settings.query_timeout)
        except StoreUnavailableError as exc:
            # The build may have been pruned between resolving and opening: resolve again once.
            again = self.served_store()
            if again.path == served.path:
                raise NotBuiltError(str(exc)) from None
            retry = type(job)(**{**job.__dict__, "store": str(again.path)})
            return self.pool.submit(retry, timeout=self.settings.query_timeout)

    # --- which store --------------------------------------------------------------------

    def served_store(self) -> ServedStore:
        """The store to answer from now: ``settings.store_path`` or the current build's store.

        Raises:
            NotBuiltError: no build yet (and no fixed store path), or the path is not a store.
        """
        fixed = self.settings.store_path
        if fixed is not None:
            path = fixed.expanduser().resolve()
            if not path.is_dir():
                raise NotBuiltError(f"the store directory {path} does not exist (setting KG_STORE_PATH)")
            return ServedStore(path, None)
        layout = current_build(self.settings.data_dir)  # resolves the `current` link once
        path = layout.store
        with self._lock:
            known = path in self._build_ids
            build_id = self._build_ids.get(path)
        if not known:
            try:
                build_id = str(layout.read_manifest().get("build_id") or layout.root.name)
            except (OSError, ValueError):
                build_id = layout.root.name
            with self._lock:
                self._build_ids[path] = build_id
        return ServedStore(path, build_id)

    def health(self) -> dict:
        served = self.served_store()
        return {"build": served.build_id, "workers": self.pool.status()}

