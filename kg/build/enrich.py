"""Build stage after extraction: themes for passages and entities, and evolution links."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from kg.build.corpus import CorpusDocument
from kg.build.evolve import Link, apply_reviewed, read_reviewed, suggest_links
from kg.build.themes import Theme, ThemeAssignment, ThemeTagger, entity_themes, load_themes
from kg.records import Extraction
from kg.settings import Settings


@dataclass
class Enrichment:
    themes: list[Theme]
    passage_themes: list[ThemeAssignment]
    entity_themes: list[ThemeAssignment]
    links: list[Link]
    embedded: bool


def passage_vectors(
    settings: Settings, texts: list[str], cache_dir: Path, build_dir: Path | None = None
) -> tuple[np.ndarray, Callable[[list[str]], np.ndarray]]:
    """Embeddings of the passages and the encoder.

    The search index of the same build already holds one vector per passage (in
    passages.jsonl order); reuse it rather than embedding the corpus twice.
    """
    from kg.search.cache import EmbeddingCache, embed_cached
    from kg.search.embed.factory import create_embedder

    emb = create_embedder(settings)
    saved = build_dir / "index" / "passage_vectors.npy" if build_dir is not None else None
    if saved is not None and saved.is_file():
        vecs = np.load(saved)
        if vecs.shape == (len(texts), emb.dim):
            return vecs, lambda xs: emb.encode(xs)
    with EmbeddingCache(cache_dir) as cache:
        vecs, _ = embed_cached(texts, lambda xs: emb.encode(xs), cache, emb.name, emb.dim)
    return vecs, lambda xs: emb.encode(xs)


def enrich(
    corpus: list[CorpusDocument],
    ext: Extraction,
    settings: Settings,
    cache_dir: Path,
    *,
    use_embeddings: bool,
    say: Callable[[str], None],
    build_dir: Path | None = None,
) -> Enrichment:
    passages = [p for d in corpus for p in d.passages]
    ids, texts = [p.id for p in passages], [p.text for p in passages]
    year = {p.id: d.meta.year for d in corpus for p in d.passages}
    themes = load_themes()
    vecs = None
    encode = None
    if use_embeddings:
        say("embedding passages for themes and links")
        vecs, encode = passage_vectors(settings, texts, cache_dir, build_dir)
    tagger = ThemeTagger(themes, encode)
    p_themes = tagger.assign(ids, texts, vecs)
    by_passage: dict[str, list[ThemeAssignment]] = {}
    for a in p_themes:
        by_passage.setdefault(a.target, []).append(a)
    named = {
        it.key: (" ; ".join([it.label, *sorted(it.alt_labels)]), it.passages)
        for it in ext.items.values()
        if it.doc_id is None and it.passages
    }
    e_themes = entity_themes(tagger, named, by_passage)
    by_entity: dict[str, set[str]] = {}
    for a in e_themes:
        by_entity.setdefault(a.target, set()).add(a.theme)
    pvecs = {pid: vecs[i] for i, pid in enumerate(ids)} if vecs is not None else None
    links = suggest_links(ext, year, pvecs, by_entity)
    links = apply_reviewed(links, read_reviewed(settings.seeds_dir), set(ext.items), say)
    say(f"themes: {len(p_themes)} passage and {len(e_themes)} entity assignments; {len(links)} evolution links")
    return Enrichment(themes, p_themes, e_themes, links, use_embeddings)
