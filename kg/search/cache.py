"""Embedding cache shared by builds: vectors keyed by model and the sha256 of the embedded text.

One SQLite file per data directory (``<data_dir>/cache/embeddings.sqlite``), so a
rebuild re-embeds only the texts that changed.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

CACHE_FILE = "embeddings.sqlite"


def text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode("utf-8")).hexdigest()


class EmbeddingCache:
    """``get_many``/``put_many`` over a SQLite table of float32 blobs."""

    def __init__(self, cache_dir: Path):
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.path = cache_dir / CACHE_FILE
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER NOT NULL, vec BLOB NOT NULL)")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "EmbeddingCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_many(self, keys: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        uniq = list(dict.fromkeys(keys))
        for i in range(0, len(uniq), 500):
            chunk = uniq[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE dim = ? AND key IN ({','.join('?' * len(chunk))})", (dim, *chunk)
            )
            for key, blob in rows:
                out[key] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, dim, vec) VALUES (?, ?, ?)",
                [(k, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items],
            )


def embed_cached(
    texts: Sequence[str],
    encode: Callable[[list[str]], np.ndarray],
    cache: EmbeddingCache | None,
    model: str,
    dim: int,
    *,
    batch: int = 256,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``, encoding only those not in the cache.

    Returns:
        ``(vectors, n_embedded)``: an ``(len(texts), dim)`` float32 array and how
        many distinct texts were actually encoded.
    """
    out = np.zeros((len(texts), dim), dtype=np.float32)
    keys = [text_key(model, t) for t in texts]
    found = cache.get_many(keys, dim) if cache is not None else {}
    missing: dict[str, int] = {}
    for i, k in enumerate(keys):
        v = found.get(k)
        if v is not None:
            out[i] = v
        elif k not in missing:
            missing[k] = i
    todo = list(missing.items())
    done = 0
    for start in range(0, len(todo), batch):
        part = todo[start : start + batch]
        vecs = encode([texts[i] for _, i in part])
        for (k, _), v in zip(part, vecs):
            found[k] = v
        if cache is not None:
            cache.put_many([(k, v) for (k, _), v in zip(part, vecs)])
        done += len(part)
        if progress is not None:
            progress(done, len(todo))
    for i, k in enumerate(keys):
        if k in missing:
            out[i] = found[k]
    return out, len(todo)
