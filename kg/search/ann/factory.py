"""Build or load the dense index the manifest names."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from kg.errors import ConfigError
from kg.search.ann.base import VectorIndex


def build_vector_index(vectors: np.ndarray, *, exact_max: int = 100_000) -> VectorIndex:
    """Exact below ``exact_max`` vectors, approximate (IVF) above."""
    from kg.search.ann.faiss import FaissIndex

    return FaissIndex.build(vectors, exact_max=exact_max)


def load_vector_index(path: Path, kind: str) -> VectorIndex:
    if kind in ("flat", "ivf"):
        from kg.search.ann.faiss import FaissIndex

        return FaissIndex.load(path, kind)
    raise ConfigError(f"unknown dense index type {kind!r} in {path.parent / 'manifest.json'}; rebuild with `kg build`")
