"""A deterministic, model-free embedder for tests: hashed stemmed words and word pairs.

Texts that share words get similar vectors, which is enough to test ranking
plumbing in milliseconds without torch.
"""
from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

from kg.search.embed.base import normalise_rows
from kg.search.text import tokenize


class HashEmbedder:
    """Feature hashing of unigrams and bigrams into ``dim`` signed buckets."""

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"hash-{dim}"
        self.calls = 0  # texts encoded so far (tests count re-embedding with it)

    def _features(self, text: str) -> list[str]:
        toks = tokenize(text)
        return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for feat in self._features(text):
                h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        return normalise_rows(out)
