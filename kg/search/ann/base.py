"""The dense-index interface: inner-product search over unit vectors."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np


class VectorIndex(Protocol):
    """Nearest neighbours by inner product (cosine, as vectors are normalised).

    ``kind`` names the structure ("flat" is exact; others are approximate) and is
    recorded in the index manifest.
    """

    kind: str
    dim: int

    def __len__(self) -> int: ...

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` rows for one query vector.

        Args:
            query: shape ``(dim,)`` float32.
            allowed: optional boolean mask over the rows; only rows marked True are returned (filters).
        Returns:
            ``(scores, ids)``, best first; ids are row numbers (no ``-1`` padding).
        """
        ...

    def save(self, path: Path) -> None: ...
