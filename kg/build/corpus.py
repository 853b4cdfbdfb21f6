"""Read the seed catalog and turn every document into blocks and passages."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from kg.build.chunk import chunk
from kg.build.parse import parse_file
from kg.catalog import load_catalog
from kg.records import Block, DocumentMeta, ParsedDocument, Passage

# Item statements that open a new passage, by genre: a business-plan milestone
# ("Q2 milestone: ...", "Quarter 1, 2018-19: ...") keeps its progress text with it.
_ITEM_START = {
    "business_plan_update": re.compile(r"^(?:Q\d|Quarter\s+\d)\b[^:\n]{0,40}:"),
}


def item_boundary(genre: str):
    pat = _ITEM_START.get(genre)
    if pat is None:
        return None
    return lambda b: b.kind in ("paragraph", "heading") and bool(pat.match(b.text))


@dataclass(frozen=True)
class CorpusDocument:
    meta: DocumentMeta
    parsed: ParsedDocument
    passages: tuple[Passage, ...]

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.parsed.blocks


def load_document(seeds_dir: Path, meta: DocumentMeta) -> CorpusDocument:
    parsed = parse_file(seeds_dir / meta.file, meta)
    passages = chunk(parsed, boundary=item_boundary(meta.genre))
    return CorpusDocument(meta, parsed, tuple(passages))


def load_corpus(seeds_dir: Path) -> list[CorpusDocument]:
    """Parse and chunk every document in the catalog, in catalog order."""
    return [load_document(seeds_dir, meta) for meta in load_catalog(seeds_dir)]


def corpus_hash(seeds_dir: Path) -> str:
    """Hash of the catalog and every seed file: identifies the corpus a build came from."""
    h = hashlib.sha256()
    files = [seeds_dir / "catalog.toml", *[seeds_dir / m.file for m in load_catalog(seeds_dir)]]
    reviewed = seeds_dir / "reviewed-links.toml"
    if reviewed.is_file():
        files.append(reviewed)
    for path in sorted(files):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
