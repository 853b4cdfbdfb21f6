"""Build, persist and open the search index of a graph build.

::

    <build>/index/
      manifest.json          model, dimension, counts, corpus hash, index types, text version
      passages.faiss         dense index over passage vectors (flat or IVF by size)
      sentences.faiss        dense index over sentence vectors
      passage_vectors.npy    the vectors again, memory-mapped for exact re-scoring
      sentence_vectors.npy
      pair_vectors.npy       each two adjacent sentences of a passage (re-scoring only, no FAISS)
      sentences.json         sentence texts and per-passage offsets of sentences and pairs
      acronyms.json          acronym -> expansion, applied to questions too
      bm25/ bm25_sentences/  lexical indexes (bm25s)

The manifest is checked on open: another model, another corpus (the build's
passages.jsonl or entities.jsonl changed) or an older text version is reported
as ``IndexMismatchError``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from kg.errors import IndexMismatchError, IndexNotBuiltError
from kg.search.ann import VectorIndex, build_vector_index, load_vector_index
from kg.search.cache import EmbeddingCache, embed_cached
from kg.search.corpus import (
    ENTITIES_FILE,
    PASSAGES_FILE,
    TEXT_VERSION,
    prepare,
    read_entities,
    read_passages,
)
from kg.search.embed import Embedder, create_embedder, embedder_name
from kg.search.lexical import LexicalIndex
from kg.search.text import Acronyms

if TYPE_CHECKING:
    from kg.settings import Settings

INDEX_DIR = "index"
MANIFEST = "manifest.json"
FORMAT = 2  # 2: sentence-pair vectors


def corpus_hash(build_dir: Path) -> str:
    """sha256 of the build's passages.jsonl and entities.jsonl: what the index was built from."""
    h = hashlib.sha256()
    for name in (PASSAGES_FILE, ENTITIES_FILE):
        path = build_dir / name
        h.update(name.encode())
        if path.is_file():
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()[:20]


def _exact_max(settings: "Settings") -> int:
    return int(getattr(settings, "ann_exact_max", 100_000))


def build_index(
    settings: "Settings",
    build_dir: Path,
    cache_dir: Path,
    progress: Callable[[str], None] | None = None,
    *,
    embedder: Embedder | None = None,
) -> dict:
    """Index a build's passages: embed (through the cache), then write ``build_dir/index/``.

    Args:
        build_dir: holds passages.jsonl and entities.jsonl.
        cache_dir: the embedding cache shared by builds (``<data_dir>/cache``).
        progress: called with short status lines.
        embedder: use this instead of creating one from the settings (tests, benchmarks).
    Returns:
        a summary: counts, texts embedded vs taken from the cache, index types, seconds.
    Raises:
        IndexNotBuiltError: no passages.jsonl in ``build_dir``.
        ModelNotFoundError: the model setting names no local model.
    """
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    passages = read_passages(build_dir)
    entities = read_entities(build_dir)
    corpus = prepare(passages, entities)
    emb = embedder or create_embedder(settings)
    say(f"search index: {len(passages)} passages, {len(corpus.sentences)} sentences, model {emb.name}")

    def step(kind: str, total: int) -> Callable[[int, int], None]:
        last = [0.0]

        def report(done: int, todo: int) -> None:
            # about every 10% (and at the end): a 100k-text build should not print 400 lines
            if done == todo or done - last[0] >= todo / 10:
                last[0] = done
                say(f"embedding {kind}: {done}/{todo} new (of {total})")

        return report

    cache = EmbeddingCache(cache_dir)
    try:
        pvec, p_new = embed_cached(corpus.dense_texts, emb.encode, cache, emb.name, emb.dim, progress=step("passages", len(passages)))
        svec, s_new = embed_cached(corpus.sentence_texts, emb.encode, cache, emb.name, emb.dim, progress=step("sentences", len(corpus.sentences)))
        pairvec, pair_new = embed_cached(corpus.pair_texts, emb.encode, cache, emb.name, emb.dim, progress=step("sentence pairs", len(corpus.pair_texts)))
    finally:
        cache.close()
    t_embed = time.perf_counter() - t0

    final = build_dir / INDEX_DIR
    tmp = build_dir / (INDEX_DIR + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    exact_max = _exact_max(settings)
    p_index = build_vector_index(pvec, exact_max=exact_max)
    s_index = build_vector_index(svec, exact_max=exact_max)
    p_index.save(tmp / "passages.faiss")
    s_index.save(tmp / "sentences.faiss")
    np.save(tmp / "passage_vectors.npy", pvec)
    np.save(tmp / "sentence_vectors.npy", svec)
    np.save(tmp / "pair_vectors.npy", pairvec)
    LexicalIndex.build(corpus.lexical_texts).save(tmp / "bm25")
    LexicalIndex.build(corpus.sentence_texts).save(tmp / "bm25_sentences")
    (tmp / "sentences.json").write_text(
        json.dumps(
            {"offsets": corpus.sentence_offsets.tolist(), "pair_offsets": corpus.pair_offsets.tolist(), "sentences": corpus.sentences},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (tmp / "acronyms.json").write_text(json.dumps(corpus.acronyms.table, ensure_ascii=False, indent=1), encoding="utf-8")
    summary: dict[str, Any] = {
        "passages": len(passages),
        "sentences": len(corpus.sentences),
        "entities": len(entities),
        "pairs": len(corpus.pair_texts),
        "embedded": {"passages": p_new, "sentences": s_new, "pairs": pair_new},
        "cached": {
            "passages": len(set(corpus.dense_texts)) - p_new,
            "sentences": len(set(corpus.sentence_texts)) - s_new,
            "pairs": len(set(corpus.pair_texts)) - pair_new,
        },
        "ann": {"passages": p_index.kind, "sentences": s_index.kind},
        "embed_seconds": round(t_embed, 3),
    }
    manifest = {
        "format": FORMAT,
        "text_version": TEXT_VERSION,
        "embedder": settings.embedder,
        "model": emb.name,
        "dim": emb.dim,
        "passages": len(passages),
        "sentences": len(corpus.sentences),
        "pairs": len(corpus.pair_texts),
        "corpus_hash": corpus_hash(build_dir),
        "ann": summary["ann"],
        "ann_exact_max": exact_max,
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "summary": summary,
    }
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    if final.exists():
        shutil.rmtree(final)
    tmp.rename(final)
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    say(
        f"search index written: {p_new} passages, {s_new} sentences and {pair_new} sentence pairs embedded, "
        f"{summary['cached']['passages']} passages from cache ({summary['seconds']} s)"
    )
    return summary


def read_manifest(build_dir: Path) -> dict:
    """The index manifest of a build.

    Raises:
        IndexNotBuiltError: the build has no (complete) search index.
    """
    path = build_dir / INDEX_DIR / MANIFEST
    if not path.is_file():
        raise IndexNotBuiltError(f"the build at {build_dir} has no search index; run `kg build`")
    return json.loads(path.read_text(encoding="utf-8"))


def check_manifest(manifest: dict, settings: "Settings", build_dir: Path) -> None:
    """Refuse an index built with another model, text version or corpus.

    Raises:
        IndexMismatchError: with what differs and how to fix it.
    """
    if manifest.get("format") != FORMAT or manifest.get("text_version") != TEXT_VERSION:
        raise IndexMismatchError(
            f"the search index in {build_dir} was written by another version of metkg "
            f"(format {manifest.get('format')}, text {manifest.get('text_version')}); run `kg build`"
        )
    want_embedder, want_model = settings.embedder, embedder_name(settings)
    if manifest.get("embedder") != want_embedder or manifest.get("model") != want_model:
        raise IndexMismatchError(
            f"the search index was built with model {manifest.get('model')!r} (embedder {manifest.get('embedder')!r}) "
            f"but the settings ask for {want_model!r} (KG_MODEL, KG_EMBEDDER {want_embedder!r}); "
            f"run `kg build` to re-index, or set KG_MODEL={manifest.get('model')}"
        )
    found = corpus_hash(build_dir)
    if manifest.get("corpus_hash") != found:
        raise IndexMismatchError(
            f"the search index in {build_dir} was built from another corpus (hash {manifest.get('corpus_hash')}, "
            f"passages.jsonl/entities.jsonl now hash {found}); run `kg build`"
        )


@dataclass
class IndexFiles:
    """Everything loaded from ``<build>/index``."""

    manifest: dict
    passage_index: VectorIndex
    sentence_index: VectorIndex
    passage_vectors: np.ndarray
    sentence_vectors: np.ndarray
    pair_vectors: np.ndarray
    lexical: LexicalIndex
    lexical_sentences: LexicalIndex
    sentences: list[str]
    sentence_offsets: np.ndarray
    pair_offsets: np.ndarray
    acronyms: Acronyms


MMAP_ABOVE = 256 << 20


def _load_vectors(path: Path) -> np.ndarray:
    """Small matrices are read into memory; large ones are memory-mapped (only the rows re-scored are paged in)."""
    return np.load(path, mmap_mode="r" if path.stat().st_size > MMAP_ABOVE else None)


def load_index(settings: "Settings", build_dir: Path) -> IndexFiles:
    """Open a build's index after checking its manifest against the settings and the corpus.

    Raises:
        IndexNotBuiltError, IndexMismatchError.
    """
    manifest = read_manifest(build_dir)
    check_manifest(manifest, settings, build_dir)
    root = build_dir / INDEX_DIR
    ann = manifest["ann"]
    sent = json.loads((root / "sentences.json").read_text(encoding="utf-8"))
    return IndexFiles(
        manifest=manifest,
        passage_index=load_vector_index(root / "passages.faiss", ann["passages"]),
        sentence_index=load_vector_index(root / "sentences.faiss", ann["sentences"]),
        passage_vectors=_load_vectors(root / "passage_vectors.npy"),
        sentence_vectors=_load_vectors(root / "sentence_vectors.npy"),
        pair_vectors=_load_vectors(root / "pair_vectors.npy"),
        lexical=LexicalIndex.load(root / "bm25"),
        lexical_sentences=LexicalIndex.load(root / "bm25_sentences"),
        sentences=sent["sentences"],
        sentence_offsets=np.asarray(sent["offsets"], dtype=np.int64),
        pair_offsets=np.asarray(sent["pair_offsets"], dtype=np.int64),
        acronyms=Acronyms(json.loads((root / "acronyms.json").read_text(encoding="utf-8"))),
    )
