"""`kg build`: parse -> chunk -> extract -> link -> emit -> validate -> load, atomically.

The build is written to a fresh ``builds/<id>`` directory; only when everything
succeeded is ``current`` switched to it (an atomic symlink replace), so a failed
build leaves the last good one in place and readers never see a half-written one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg import layout
from kg.build.corpus import CorpusDocument, corpus_hash, load_corpus
from kg.build.emit import PREFIXES, emit, ontology_path
from kg.build.enrich import enrich
from kg.build.extract.structure import extract_structure
from kg.build.link import extract_entities
from kg.build.validate import validate_quads
from kg.errors import BuildError, KGError
from kg.iris import Minter
from kg.records import Extraction
from kg.settings import Settings

BUILD_FORMAT = 5  # bump when the output of the same corpus changes (5: theme plurals, glossary lines)
Progress = Callable[[str], None]


def _noop(_: str) -> None:
    pass


def ontology_hash() -> str:
    """Digest of the ontology, shapes and theme scheme: editing a theme's labels or
    hierarchy changes the graph, so it must make the current build stale."""
    h = hashlib.sha256()
    for name in ("metkg.ttl", "shapes.ttl", "themes.ttl"):
        h.update(name.encode() + b"\0" + ontology_path(name).read_bytes())
    return h.hexdigest()


def build_signature(settings: Settings, chash: str) -> dict:
    # the search index's own format counts too: a build whose index this version cannot read is stale
    from kg.search.corpus import TEXT_VERSION
    from kg.search.index import FORMAT as INDEX_FORMAT

    return {"format": BUILD_FORMAT, "index_format": f"{INDEX_FORMAT}/{TEXT_VERSION}", "corpus_hash": chash,
            "ontology_hash": ontology_hash(), "base_iri": settings.base_iri, "model": settings.model}


def is_up_to_date(settings: Settings) -> bool:
    """True when ``current`` was built from the same corpus and settings."""
    try:
        cur = layout.current_build(settings.data_dir)
        manifest = cur.read_manifest()
    except (KGError, OSError, ValueError):
        return False
    sig = build_signature(settings, corpus_hash(settings.seeds_dir))
    return manifest.get("signature") == sig and (cur.index / "manifest.json").exists() == manifest.get("index", False)


def extract(corpus: list[CorpusDocument]) -> Extraction:
    out = Extraction()
    for doc in corpus:
        extract_structure(doc, out)
    extract_entities(corpus, out)
    return out


def run_build(settings: Settings, progress: Progress | None = None, *, force: bool = False, with_index: bool = True) -> Path:
    """Build the graph (and search index) into a new build directory and make it current.

    Returns the build directory. Raises ``BuildError`` (subclasses) on bad input.
    """
    say = progress or _noop
    data = settings.data_dir
    if not force and is_up_to_date(settings) and (not with_index or (layout.current_build(data).index / "manifest.json").exists()):
        cur = layout.current_build(data)
        say(f"up to date: {cur.root} (use --force to rebuild)")
        return cur.root
    t0 = time.perf_counter()
    say(f"reading seeds from {settings.seeds_dir}")
    corpus = load_corpus(settings.seeds_dir)
    chash = corpus_hash(settings.seeds_dir)
    say(f"parsed {len(corpus)} documents into {sum(len(d.passages) for d in corpus)} passages")
    ext = extract(corpus)
    say(f"extracted {len(ext.items)} items and {len(ext.mentions)} mentions")
    minter = Minter(settings.base_iri)

    builds = layout.builds_dir(data)
    builds.mkdir(parents=True, exist_ok=True)
    build_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f") + f"-{chash[:8]}"
    tmp = builds / f".tmp-{build_id}"
    final = builds / build_id
    try:
        tmp.mkdir(parents=True)
        out = layout.BuildLayout(tmp)
        _write_jsonl(out.passages, _passage_rows(corpus, ext, minter))
        _write_jsonl(out.root / "entities.jsonl", _entity_rows(corpus, ext, minter))
        index_summary = None
        if with_index:
            say("building the search index")
            from kg.search.index import build_index

            index_summary = build_index(settings, tmp, layout.cache_dir(data), progress=say)
        enr = enrich(corpus, ext, settings, layout.cache_dir(data), use_embeddings=with_index, say=say, build_dir=tmp)
        quads = emit(corpus, ext, minter, enr)
        say(f"emitted {len(quads)} quads; validating with SHACL")
        validate_quads(quads)
        say("loading the on-disk store")
        store = ox.Store(str(out.store))
        store.bulk_extend(quads)
        store.flush()
        store.optimize()
        del store
        say("writing TriG and N-Quads exports")
        ox.serialize(quads, str(out.trig), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        ox.serialize(quads, str(out.nquads), format=ox.RdfFormat.N_QUADS)
        manifest = {
            "build_id": build_id,
            "created": dt.datetime.now(dt.timezone.utc).isoformat(),
            "signature": build_signature(settings, chash),
            "documents": [d.meta.id for d in corpus],
            "passages": sum(len(d.passages) for d in corpus),
            "items": len(ext.items),
            "mentions": len(ext.mentions),
            "quads": len(quads),
            "index": index_summary is not None,
            "index_summary": index_summary,
            "themes": {"passage_assignments": len(enr.passage_themes), "entity_assignments": len(enr.entity_themes), "embedding": enr.embedded},
            "links": {"suggested": sum(1 for lk in enr.links if lk.status == "suggested"), "reviewed": sum(1 for lk in enr.links if lk.status == "reviewed")},
            "seconds": round(time.perf_counter() - t0, 2),
        }
        out.manifest.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        os.replace(tmp, final)
        _switch_current(data, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(builds, keep={final.name})
    say(f"build {build_id} done in {time.perf_counter() - t0:.1f}s -> {final}")
    return final


def _switch_current(data: Path, target: Path) -> None:
    """Atomically point ``current`` at ``target`` (rename of a fresh symlink)."""
    link = layout.current_link(data)
    tmp_link = data / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(os.path.relpath(target, data), tmp_link)
    os.replace(tmp_link, link)


def _prune(builds: Path, keep: set[str], keep_last: int = 2) -> None:
    """Remove old builds, keeping the newest few so readers of the previous one finish."""
    done = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for old in done[:-keep_last]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _passage_rows(corpus: list[CorpusDocument], ext: Extraction, m: Minter):
    ents: dict[str, list[str]] = {}
    for mn in ext.mentions:
        lst = ents.setdefault(mn.passage, [])
        iri = m.item(mn.entity)
        if iri not in lst:
            lst.append(iri)
    for d in corpus:
        for p in d.passages:
            yield {
                "id": p.id,
                "iri": m.passage(p.id),
                "doc_id": d.meta.id,
                "doc_iri": m.document(d.meta.id),
                "doc_title": d.meta.title,
                "year": d.meta.year,
                "genre": d.meta.genre,
                "section": list(p.section),
                "section_iri": m.section(d.meta.id, p.section) if p.section else None,
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "ordinal": p.ordinal,
                "entities": ents.get(p.id, []),
            }


def _entity_rows(corpus: list[CorpusDocument], ext: Extraction, m: Minter):
    pdoc = {p.id: d.meta for d in corpus for p in d.passages}
    for it in ext.items.values():
        if it.doc_id is not None and it.cls not in ("Programme",):
            continue  # structural facts are in the graph; this file lists named entities
        metas = [pdoc[p] for p in it.passages if p in pdoc]
        yield {
            "iri": m.item(it.key),
            "key": it.key,
            "label": it.label,
            "class": it.cls,
            "alt_labels": sorted(it.alt_labels),
            "passages": it.passages,
            "docs": sorted({x.id for x in metas}),
            "years": sorted({x.year for x in metas}),
        }


def require_build(settings: Settings, progress: Progress | None = None) -> layout.BuildLayout:
    """The current build, building first if there is none."""
    try:
        return layout.current_build(settings.data_dir)
    except KGError:
        run_build(settings, progress)
        return layout.current_build(settings.data_dir)


__all__ = ["run_build", "require_build", "extract", "is_up_to_date", "BuildError"]
