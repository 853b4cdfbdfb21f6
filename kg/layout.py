"""Where build output lives inside the data directory.

::

    <data_dir>/
      current -> builds/<build-id>     symlink, switched atomically after a good build
      builds/<build-id>/
        manifest.json   build id, corpus hash, counts, settings that shaped it
        store/          embedded Oxigraph store
        graph.trig, graph.nq
        passages.jsonl  one passage per line (id, iri, doc, section, text, offsets)
        index/          search index (FAISS + BM25 + manifest)
      cache/            embedding cache shared by builds (keyed by passage content)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kg.errors import NotBuiltError


@dataclass(frozen=True)
class BuildLayout:
    root: Path  # one build directory

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def trig(self) -> Path:
        return self.root / "graph.trig"

    @property
    def nquads(self) -> Path:
        return self.root / "graph.nq"

    @property
    def passages(self) -> Path:
        return self.root / "passages.jsonl"

    @property
    def index(self) -> Path:
        return self.root / "index"

    def read_manifest(self) -> dict:
        return json.loads(self.manifest.read_text(encoding="utf-8"))


def builds_dir(data_dir: Path) -> Path:
    return data_dir / "builds"


def current_link(data_dir: Path) -> Path:
    return data_dir / "current"


def cache_dir(data_dir: Path) -> Path:
    return data_dir / "cache"


def current_build(data_dir: Path) -> BuildLayout:
    """The build ``current`` points to.

    Raises:
        NotBuiltError: no completed build in ``data_dir``.
    """
    link = current_link(data_dir)
    if not link.exists():
        raise NotBuiltError(f"no build found in {data_dir}; run `kg build` first (data directory: setting KG_DATA_DIR)")
    layout = BuildLayout(link.resolve())
    if not layout.manifest.is_file():
        raise NotBuiltError(f"the build at {layout.root} is incomplete; run `kg build` again")
    return layout
