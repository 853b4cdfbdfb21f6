"""Cut parsed blocks into section-aware passages of about 40-250 words.

Passages never cross a section, keep bullets and table rows whole, and start
afresh at item boundaries (e.g. a milestone statement) so that an item and its
progress text stay together.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable

from kg.records import Block, ParsedDocument, Passage

MIN_WORDS = 40
MAX_WORDS = 250
TARGET_WORDS = 120  # a passage is closed once it reaches this size
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


@dataclass
class _Piece:
    text: str
    start: int
    end: int
    kind: str
    block: int

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class _Draft:
    section: tuple[str, ...]
    pieces: list[_Piece] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(p.words for p in self.pieces)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences (good enough for English reports)."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


def _render(block: Block) -> str:
    if block.kind == "bullet":
        return "• " + block.text
    if block.number and block.kind == "paragraph":
        return f"{block.number} {block.text}"
    return block.text


def _pieces(index: int, block: Block, max_words: int) -> list[_Piece]:
    text = _render(block)
    if block.kind == "table_row" or len(text.split()) <= max_words:
        return [_Piece(text, block.start, block.end, block.kind, index)]
    out: list[_Piece] = []
    buf: list[str] = []
    for sent in split_sentences(text):
        if buf and len(" ".join(buf + [sent]).split()) > max_words:
            out.append(_Piece(" ".join(buf), block.start, block.end, block.kind, index))
            buf = []
        buf.append(sent)
    if buf:
        out.append(_Piece(" ".join(buf), block.start, block.end, block.kind, index))
    return out


def passage_id(doc_id: str, section: tuple[str, ...], text: str) -> str:
    """Stable id from the document, section path and content."""
    h = hashlib.sha1("\x1f".join((doc_id, *section, text)).encode("utf-8")).hexdigest()[:12]
    return f"{doc_id}/{h}"


def chunk(
    doc: ParsedDocument,
    *,
    min_words: int = MIN_WORDS,
    max_words: int = MAX_WORDS,
    target_words: int = TARGET_WORDS,
    boundary: Callable[[Block], bool] | None = None,
) -> list[Passage]:
    """Cut a parsed document into passages.

    Args:
        boundary: blocks for which it returns True start a new passage.
    """
    drafts: list[_Draft] = []
    cur: _Draft | None = None
    for i, block in enumerate(doc.blocks):
        if block.kind == "heading":
            cur = None
            continue
        starts_item = boundary is not None and boundary(block)
        for piece in _pieces(i, block, max_words):
            if (
                cur is None
                or cur.section != block.section
                or starts_item
                or cur.words + piece.words > max_words
                or cur.words >= target_words
                or (piece.kind == "table_row") != (cur.pieces[-1].kind == "table_row")
                or (piece.kind == "table_row" and piece.words >= min_words)
                or (cur.pieces[-1].kind == "table_row" and cur.pieces[-1].words >= min_words)
            ):
                cur = _Draft(block.section)
                drafts.append(cur)
            cur.pieces.append(piece)
            starts_item = False
    drafts = _merge_small(drafts, min_words, max_words, boundary, doc)
    passages: list[Passage] = []
    seen: set[str] = set()
    for n, d in enumerate(drafts):
        text = "\n".join(p.text for p in d.pieces)
        pid = passage_id(doc.meta.id, d.section, text)
        k = 2
        while pid in seen:  # identical text twice in one section
            pid = passage_id(doc.meta.id, d.section, f"{text}\x1e{k}")
            k += 1
        seen.add(pid)
        kinds = {p.kind for p in d.pieces}
        passages.append(
            Passage(
                id=pid,
                doc_id=doc.meta.id,
                ordinal=n,
                section=d.section,
                text=text,
                start=min(p.start for p in d.pieces),
                end=max(p.end for p in d.pieces),
                kind=kinds.pop() if len(kinds) == 1 else "mixed",
                blocks=tuple(sorted({p.block for p in d.pieces})),
            )
        )
    return passages


def _merge_small(
    drafts: list[_Draft],
    min_words: int,
    max_words: int,
    boundary: Callable[[Block], bool] | None,
    doc: ParsedDocument,
) -> list[_Draft]:
    """Fold passages under ``min_words`` into a neighbour of the same section."""

    def is_item_start(d: _Draft) -> bool:
        return boundary is not None and boundary(doc.blocks[d.pieces[0].block])

    out: list[_Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.section == d.section
            and (d.words < min_words or prev.words < min_words)
            and prev.words + d.words <= max_words
            and not is_item_start(d)
        ):
            prev.pieces.extend(d.pieces)
            continue
        out.append(d)
    return out
