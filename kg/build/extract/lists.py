"""Names by the list they stand in.

After a kind noun ("channels such as MTV, Channel 4"), before "and other <kind>" ("ITV,
LBC and other outlets"), or alongside a name whose class is known ("the NPCC, the Home
Office, CPS, MOPAC").
"""
from __future__ import annotations

import re

from kg.build.extract.candidates import _Text
from kg.build.extract.names import head_class
from kg.build.extract.vocabulary import (
    _ACRONYM,
    _GENERIC,
    _KIND_OF,
    _KIND_RE,
    _MONTHS,
    _NOT_NAMES,
    _NOT_PLACES,
    _STOP_START,
    _TITLE_WORDS,
)

# a kind noun may open a sentence: "Departments such as SO and the SCD"
_LIST_START = re.compile(r"\b(" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _KIND_OF) + r")\s+(?:(such as|including|like|e\.g\.)\s+)?")
_LIST_NAME = re.compile(r"(?:the\s+)?([A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|on)\s+)?(?:[A-Z][\w&'’-]*|\d+\b))*)")
_LIST_SEP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|;\s*")
_AND_OTHER = re.compile(rf"\s+and\s+(?:many\s+|several\s+)?other(?:\s+({_KIND_RE})|s)\b")


def _kind_lists(t: _Text) -> None:
    """Names listed after a kind noun ('channels such as MTV Bass, Channel U, MTV and Channel 4',
    'youth brands Kiss and Choice') or before 'and other <kind>'/'and others'
    ('coverage on ITV, LBC, in the Evening Standard and other outlets')."""
    for m in _LIST_START.finditer(t.text):
        items = _items_after(t.text, m.end())
        if len(items) >= (1 if m.group(2) else 2):
            for s, e in items:
                _add_listed(t, s, e, _KIND_OF[m.group(1).lower()])
    for m in _AND_OTHER.finditer(t.text):
        cls = _KIND_OF[m.group(1)] if m.group(1) else "Organisation"
        items = _items_before(t.text, m.start())
        if len(items) >= 2:
            for s, e in items:
                _add_listed(t, s, e, cls)


def _items_after(text: str, pos: int) -> list[tuple[int, int]]:
    items = []
    while True:
        m = _LIST_NAME.match(text, pos)
        if not m or m.group(1).split()[0] in _STOP_START:
            break
        items.append((m.start(1), m.end(1)))
        sep = _LIST_SEP.match(text, m.end())
        if not sep:
            break
        pos = sep.end()
    return items


_ITEM_TAIL = re.compile(r"(?:^|\s)(?:the\s+)?([A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|on)\s+)?[A-Z0-9][\w&'’-]*)*)$")


def _items_before(text: str, end: int) -> list[tuple[int, int]]:
    start = max(text.rfind(".", 0, end), text.rfind(":", 0, end), text.rfind("\n", 0, end), text.rfind("(", 0, end)) + 1
    items: list[tuple[int, int]] = []
    pos = end
    for piece in reversed(re.split(r"(,\s*)", text[start:end])):
        pos -= len(piece)
        if re.fullmatch(r",\s*", piece):
            continue
        m = _ITEM_TAIL.search(piece)
        if not m:
            break
        items.append((pos + m.start(1), pos + m.end(1)))
        if m.start() > 0 and not re.fullmatch(r"\s*(?:in|on|with|from|by|and)?\s*(?:the\s+)?", piece[: m.start() + 1]):
            break  # the first item, after the sentence's own words ("coverage on ITV")
    return items


def _add_listed(t: _Text, s: int, e: int, cls: str) -> None:
    name = t.text[s:e]
    if re.fullmatch(r"[A-Z]{2,}s", name):
        return  # "CDRPs": a plural acronym is a kind
    if name in _NOT_NAMES or name in _TITLE_WORDS or name.split()[0] in _MONTHS or name.lower() in _GENERIC:
        return
    own = head_class(name)
    t.add(s, e, own or cls, basis="shape" if own else "context")


_LIST_ITEM = re.compile(r"^(?:the\s+)?([A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})$")


def _list_context(t: _Text) -> None:
    """Names by association: other names listed alongside an organisation ("the NPCC, the
    Home Office, CPS, MOPAC, the NHS, British Retailers Consortium") are organisations; listed
    alongside a place ("Cambridge House, Knowl View and Rochdale"), names without a head of
    their own are places."""
    for cls in ("Organisation", "Place"):
        seen_sentences: set[int] = set()
        # seeds are names known by their own shape, not themselves guessed from a list
        for c in [c for c in t.out if c.cls == cls and c.basis != "context"]:
            s0 = max(t.text.rfind(". ", 0, c.start), t.text.rfind("\n", 0, c.start), t.text.rfind("(", 0, c.start), t.text.rfind(":", 0, c.start)) + 1
            if s0 not in seen_sentences:
                seen_sentences.add(s0)
                _listed_with(t, s0, c.end, cls)


def _listed_with(t: _Text, s0: int, after: int, cls: str) -> None:
    text = t.text
    ends = [i for i in (text.find(". ", after), text.find("\n", after), text.find(")", after), text.find(";", after)) if i != -1]
    e0 = min(ends) if ends else len(text)
    pieces = re.split(r",\s*|\s+and\s+|\s+or\s+", text[s0:e0])
    if len(pieces) < 3:
        return
    pos = s0
    for n, piece in enumerate(pieces):
        at = text.find(piece, pos)
        if at == -1:
            continue
        pos = at + len(piece)
        piece = piece.strip()
        if n == len(pieces) - 1:
            # the last item may run on into the sentence: "... Exeter University and UCL to do"
            piece = re.sub(r"\s+[a-z].*$", "", piece)
        m = _LIST_ITEM.match(piece)
        if not m:
            continue
        name = m.group(1)
        first = name.split()[0]
        if name in _STOP_START or first in _NOT_NAMES or first in _MONTHS or first in _NOT_PLACES or len(name) < 2:
            continue
        if cls == "Place" and (head_class(name) or _ACRONYM.fullmatch(name) or len(name.split()) > 2):
            continue
        start = at + text[at:].find(name)
        t.add(start, start + len(name), cls, basis="context")
