"""Parse a PDF-converted text file into blocks with section paths and source offsets.

Handles what such conversions contain, without per-file rules:
headings (``#``..``####``, bold-only lines, numbered forms ``1A``, ``2-``, ``4.``,
``3.1.``, ``Strand 1-``), repeated page furniture, hard-wrapped lines and bullets,
words split across lines, tab-separated tables (with rows continued on later lines)
and HTML fragments inside cells.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import ParseError
from kg.records import Block, DocumentMeta, ParsedDocument

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_ONLY = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,120})(?:\*\*|__)\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*•➤▪●◦\uf0b7\uf0a7]|o(?=\s))\s+")
_NUM_PARA = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")
_NUMBERED_HEADINGS = [
    # (pattern, rank function)
    (re.compile(r"^(?:Appendix|Annex|Part|Chapter|Section)\s+(\w{1,3})\b[:.\-–]?\s*(.*)$"), lambda n: 1),
    (re.compile(r"^(\d{1,2}[A-Z])\s+(\S.*)$"), lambda n: 2),
    (re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$"), lambda n: 1 + n.count(".")),
    (re.compile(r"^(\d{1,2})\s*[-.–]\s*(\S.*)$"), lambda n: 1),
    (re.compile(r"^(\d{1,2})\s+([A-Z].*)$"), lambda n: 1),
    (re.compile(r"^(?:Strand|Theme|Priority|Pillar)\s+(\d{1,2})\s*[-:.–]\s*(\S.*)$"), lambda n: 2),
]
_MONTH_YEAR = re.compile(
    r"^(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}$",
    re.I,
)
_PAGE_FURNITURE = re.compile(r"^(?:AGENDA ITEM\s+\d+[A-Z]?|Page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}(?:\s+of\s+\d{1,3})?|-{3,}|_{3,}|\*{3,}|[-\s|]+)$", re.I)
_TERMINAL = tuple(".!?:;\"”’)»")
_TAG = re.compile(r"<[^>]{0,200}>")
_INLINE_MD = re.compile(r"(\*\*|__|\*|<u>|</u>|<b>|</b>|<i>|</i>)")


@dataclass
class _Line:
    no: int  # 1-based
    start: int
    end: int
    raw: str

    @property
    def text(self) -> str:
        return self.raw.rstrip("\r\n")


@dataclass
class _Open:
    kind: str
    parts: list[str]
    start: int
    end: int
    line: int
    number: str | None = None
    cells: list[str] = field(default_factory=list)


def clean_inline(text: str) -> str:
    """Turn HTML fragments and inline markdown into plain text."""
    if "<" in text:
        text = re.sub(r"<br\s*/?>", " ", text, flags=re.I)
        text = re.sub(r"<li[^>]*>", " • ", text, flags=re.I)
        text = re.sub(r"</p>\s*<p[^>]*>", " ", text, flags=re.I)
        text = _TAG.sub("", text)
    text = _INLINE_MD.sub("", text)
    text = html.unescape(text)
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def _norm(text: str) -> str:
    t = _MD_HEADING.sub(r"\2", text)
    return re.sub(r"\s+", " ", _INLINE_MD.sub("", t)).strip()


def find_furniture(lines: list[_Line]) -> set[str]:
    """Repeated running headers/footers: short lines seen 3+ times that are dates,
    agenda/page markers, or a piece of the title block."""
    counts = Counter(_norm(ln.text) for ln in lines if ln.text.strip() and "\t" not in ln.text)
    title_block = [_norm(ln.text).lower() for ln in lines[:40] if ln.text.strip()][:12]
    out = set()
    for text, n in counts.items():
        if n < 3 or len(text.split()) > 10:
            continue
        low = text.lower()
        if _MONTH_YEAR.match(text) or re.match(r"^AGENDA ITEM\s+\d+", text, re.I):
            out.add(text)
        elif len(low) > 12 and any(low in t for t in title_block):
            out.add(text)
    return out


def _heading(text: str) -> tuple[str, str | None, int] | None:
    """If ``text`` is a heading line, return (title, number, rank)."""
    m = _MD_HEADING.match(text)
    bold = _BOLD_ONLY.match(text)
    if m:
        title = clean_inline(m.group(2))
    elif bold:
        title = clean_inline(bold.group(1))
    else:
        # plain numbered headings: short, no sentence ending
        plain = clean_inline(text)
        if not plain or len(plain.split()) > 14 or plain.endswith((".", ",", ";")) or "\t" in text:
            return None
        if _MONTH_YEAR.match(plain):
            return None
        for pat, rank in _NUMBERED_HEADINGS:
            pm = pat.match(plain)
            if pm and pm.group(2)[:1].isupper():
                return plain, pm.group(1), rank(pm.group(1))
        return None
    if not title or not title[0].isalnum() and title[0] not in "'‘\"“(":
        return None
    if title[0].islower():
        return None  # a wrapped line that the converter marked as a heading
    words = title.split()
    if len(words) > 14 or re.search(r":\s*[\"“]", title):
        return None  # a statement (e.g. a quoted milestone), not a heading
    for pat, rank in _NUMBERED_HEADINGS:
        pm = pat.match(title)
        if pm:
            return title, pm.group(1), rank(pm.group(1))
    if title.endswith(":"):
        return None  # a lead-in sentence ("Our objectives are to:"), not a heading
    # Converters assign '#' levels inconsistently, so unnumbered headings are all
    # siblings under the nearest numbered heading.
    return title, None, 11


def _split_lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for no, raw in enumerate(text.splitlines(keepends=True), start=1):
        out.append(_Line(no, pos, pos + len(raw.rstrip("\r\n")), raw))
        pos += len(raw)
    return out


def _vocabulary(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def _join(a: str, b: str, vocab: set[str]) -> str:
    """Join two wrapped fragments, mending words split by a line-break hyphen."""
    a, b = a.rstrip(), b.lstrip()
    if not a:
        return b
    m = re.search(r"([A-Za-z]+)-$", a)
    n = re.match(r"([a-z]+)", b)
    if m and n:
        whole = (m.group(1) + n.group(1)).lower()
        hyphenated = f"{m.group(1)}-{n.group(1)}".lower()
        if whole in vocab and hyphenated not in vocab:
            return a[:-1] + b
        return a + b
    return a + " " + b


def parse_text(text: str, meta: DocumentMeta) -> ParsedDocument:
    """Parse one document's text. Raises ``ParseError`` for unusable input."""
    if "\x00" in text:
        raise ParseError("file contains NUL bytes; is it a binary file (e.g. the PDF) rather than its text?", meta.file)
    lines = _split_lines(text)
    if sum(1 for ln in lines if ln.text.strip()) < 3:
        raise ParseError("file has fewer than 3 non-blank lines; nothing to parse", meta.file)
    furniture = find_furniture(lines)
    vocab = _vocabulary(text)
    toc_lines = _toc_heading_lines(lines)
    raw_blocks: list[Block] = []
    stack: list[tuple[int, str]] = []  # (rank, title)
    cur: _Open | None = None

    def section() -> tuple[str, ...]:
        return tuple(t for _, t in stack)

    def close() -> None:
        nonlocal cur
        if cur is None:
            return
        if cur.kind == "table_row":
            cells = tuple(clean_inline(c) for c in cur.cells)
            body = " | ".join(c for c in cells if c)
            if body:
                raw_blocks.append(Block("table_row", body, cur.start, cur.end, cur.line, section(), cells, cur.number))
        else:
            body = ""
            for p in cur.parts:
                body = _join(body, p, vocab)
            body = clean_inline(body)
            if body:
                raw_blocks.append(Block(cur.kind, body, cur.start, cur.end, cur.line, section(), (), cur.number))
        cur = None

    for ln in lines:
        t = ln.text
        stripped = t.strip()
        if not stripped:
            close()
            continue
        normed = _norm(t)
        if normed in furniture or _PAGE_FURNITURE.match(normed) or (len(normed) == 1 and not normed.isdigit()):
            continue  # page furniture; keep the open block so text flows across the page break
        if "\t" in t:
            cells = t.split("\t")
            if all(re.fullmatch(r"\s*-{3,}\s*", c) for c in cells if c.strip()):
                continue  # markdown table rule
            if cur is not None and cur.kind == "table_row" and _continues_row(cur.cells, cells):
                cur.cells = _merge_cells(cur.cells, cells)
                cur.end = ln.end
                continue
            close()
            last = raw_blocks[-1] if raw_blocks else None
            if last is not None and last.kind == "table_row" and (
                not cells[0].strip() or (last.number is not None and _continues_row(list(last.cells), cells))
            ):
                # a row continued after a page break: merge into the last row,
                # aligning on the right when the continuation lacks leading cells
                raw_blocks.pop()
                merged = _merge_cells(list(last.cells), [clean_inline(c) for c in cells])
                body = " | ".join(c for c in merged if c)
                raw_blocks.append(replace(last, text=body, cells=tuple(merged), end=ln.end))
                continue
            first = clean_inline(cells[0])
            number = first if re.fullmatch(r"\d{1,3}", first) else None
            cur = _Open("table_row", [], ln.start, ln.end, ln.no, number, cells)
            continue
        head = None if ln.no in toc_lines else _heading(t)
        if head is not None:
            close()
            title, number, rank = head
            while stack and stack[-1][0] >= rank:
                stack.pop()
            raw_blocks.append(Block("heading", title, ln.start, ln.end, ln.no, section(), (), number, rank))
            stack.append((rank, title))
            continue
        if _MD_HEADING.match(t):
            t = _MD_HEADING.sub(r"\2", t)  # demoted heading: treat its text as body text
            stripped = t.strip()
        bm = _BULLET.match(t)
        if bm:
            body = t[bm.end():]
            # nested markers ("- o item") collapse into one bullet
            body = _BULLET.sub("", body, count=1) if _BULLET.match(body) else body
            close()
            nm = _NUM_PARA.match(body)
            if nm:
                cur = _Open("paragraph", [body[nm.end():]], ln.start, ln.end, ln.no, nm.group(1))
            else:
                cur = _Open("bullet", [body], ln.start, ln.end, ln.no)
            continue
        if cur is not None and cur.kind != "table_row":
            cur.parts.append(stripped)
            cur.end = ln.end
            continue
        close()
        nm = _NUM_PARA.match(stripped)
        if nm:
            cur = _Open("paragraph", [stripped[nm.end():]], ln.start, ln.end, ln.no, nm.group(1))
        else:
            cur = _Open("paragraph", [stripped], ln.start, ln.end, ln.no)
    close()
    blocks = _merge_continuations(raw_blocks, vocab)
    return ParsedDocument(meta, text, tuple(blocks))


def _title_key(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def _toc_heading_lines(lines: list[_Line]) -> set[int]:
    """Headings of a table of contents: after a "Contents" heading, before the first real
    paragraph, and repeated later in the body.

    Converters often render contents entries as headings; pushing them onto the
    section stack would nest the whole front matter under the last entry.
    """
    first_body = next(
        (ln.no for ln in lines if len(ln.text.split()) >= 40 and not _MD_HEADING.match(ln.text) and "\t" not in ln.text),
        0,
    )
    early: dict[str, int] = {}
    later: set[str] = set()
    contents_at: int | None = None
    for ln in lines:
        head = _heading(ln.text)
        if head is None:
            continue
        key = _title_key(head[0])
        if contents_at is None and re.fullmatch(r"(table of )?contents", key):
            contents_at = ln.no
            continue
        if contents_at is not None and contents_at < ln.no < first_body:
            early.setdefault(key, ln.no)
        elif ln.no >= first_body:
            later.add(key)
    return {no for key, no in early.items() if key in later}


def _merge_cells(prev: list[str], cells: list[str]) -> list[str]:
    """Append a continuation row's cells to the row above, aligning on the right when
    the continuation lacks leading cells (its number column, say)."""
    merged = list(prev)
    offset = max(0, len(merged) - len(cells)) if cells and cells[0].strip() else 0
    for i, c in enumerate(cells, start=offset):
        if i < len(merged):
            merged[i] = (merged[i] + " " + c).strip()
        elif c.strip():
            merged.append(c)
    return merged


def _continues_row(prev: list[str], cells: list[str]) -> bool:
    """A tab line directly under a numbered row whose first cell is not a new number."""
    first = clean_inline(cells[0])
    prev_first = clean_inline(prev[0]) if prev else ""
    return bool(re.fullmatch(r"\d{1,3}", prev_first)) and not re.fullmatch(r"\d{1,3}", first)


def _merge_continuations(blocks: list[Block], vocab: set[str]) -> list[Block]:
    """Join text broken by blank lines or page breaks mid-sentence."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("paragraph", "bullet")
            and b.kind in ("paragraph", "bullet")
            and b.number is None
            and prev.section == b.section
            and not prev.text.endswith(_TERMINAL)
            and (b.text[:1].islower() or (b.kind == "paragraph" and prev.kind == "paragraph" and b.text[:1].isdigit()))
        ):
            out[-1] = replace(prev, text=_join(prev.text, b.text, vocab), end=b.end)
            continue
        out.append(b)
    return out


def parse_file(path: Path, meta: DocumentMeta) -> ParsedDocument:
    """Read and parse a seed file (UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ParseError(f"not valid UTF-8 text ({exc.reason})", str(path), line) from exc
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror}", str(path)) from exc
    return parse_text(text, meta)
