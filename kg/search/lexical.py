"""BM25 over passage texts (bm25s), with the project's own tokenizer and stemmer."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import numpy as np

from kg.search.text import tokenize

try:
    import bm25s
except ImportError as exc:  # pragma: no cover - a dependency of the project
    raise ImportError("bm25s is needed for the lexical index: pip install bm25s") from exc

K1 = 1.2
B = 0.75


class LexicalIndex:
    """BM25 scores for every passage; questions are tokenised like the passages."""

    def __init__(self, bm25: "bm25s.BM25"):
        self._bm25 = bm25
        self.size = int(bm25.scores["num_docs"])

    @classmethod
    def build(cls, texts: Sequence[str], *, k1: float = K1, b: float = B) -> "LexicalIndex":
        bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        bm25.index([tokenize(t) or ["\x00"] for t in texts], show_progress=False)
        return cls(bm25)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        return cls(bm25s.BM25.load(str(directory), show_progress=False, verbosity=0))

    def token_ids(self, query: str) -> list[int]:
        vocab = self._bm25.vocab_dict
        return list(dict.fromkeys(vocab[t] for t in tokenize(query) if t in vocab))

    def word_presence(self, text: str) -> dict[str, np.ndarray]:
        """Each indexed word of ``text`` -> which passages contain it (a boolean per passage)."""
        vocab = self._bm25.vocab_dict
        out = {}
        for t in dict.fromkeys(tokenize(text)):
            if t in vocab:
                out[t] = np.asarray(self._bm25.get_scores_from_ids([vocab[t]])) > 0
        return out

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage (zeros when no question word is indexed)."""
        ids = self.token_ids(query)
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)
