"""People and offices.

A person after a title ("Commander Savell") or in a "Report by:" line; an office named
like a person ("the Mayor of London") is an organisation.
"""
from __future__ import annotations

import re

from kg.build.extract.candidates import Candidate, _Text
from kg.build.extract.vocabulary import _NOT_NAMES, _TITLE_WORDS, _TITLES

_NAME = r"([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?){1,2})"
_PERSON_PATTERNS = [
    # "Commander Savell", "DCS Parm Sandhu", "Baroness Casey", "Victims Commissioner Claire Waxman"
    re.compile(rf"\b(?P<role>{_TITLES})\s+(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?){{0,2}})"),
    # "the Metropolitan Police Commissioner, Cressida Dick" / "Report by: Helen Harper, Commander"
    re.compile(rf"(?P<role>Commissioner|Commander|Mayor|Director)[^,.;]{{0,30}},\s+{_NAME.replace('(', '(?P<name>', 1)}\b"),
    re.compile(rf"(?:Report by|Contact|Chaired by|chaired by|led by):\s*(?:[A-Z/]+\s+)?(?:{_TITLES})?\s*{_NAME.replace('(', '(?P<name>', 1)}(?:,\s*(?P<role>[^,.;\n]{{3,60}}))?"),
]


def _offices(t: _Text) -> None:
    """'the Mayor of London': the office (an organisation), not a person."""
    for m in re.finditer(r"(?<!Deputy )\bMayor of ([A-Z][a-z]+)\b", t.text):
        t.add(m.start(), m.end(), "Organisation")


def _people(t: _Text) -> None:
    """A title before a name ('Commander Savell'), a name after a title and comma, and the
    names in a 'Report by:' line ('T/Chief Officer for Strategy and Transformation Michelle
    Thorp'), whose words are not common nouns; the command after a dash there is a unit."""
    for rx in _PERSON_PATTERNS:
        for m in rx.finditer(t.text):
            name = m.group("name").strip()
            parts = name.split()
            if parts[0] in _NOT_NAMES or any(p in _NOT_NAMES for p in parts[1:]):
                parts = [p for p in parts if p not in _NOT_NAMES]
                if not parts:
                    continue
                name = " ".join(parts)
            role = (m.group("role") or "").strip() or None
            if len(parts) == 1 and not role:
                continue
            s = m.start("name") + m.group("name").find(name)
            t.out.append(Candidate(name, "Person", s, s + len(name), name, role))
    for line in re.finditer(r"(?:Report by|Reported by|Author):\s*([^\n]+)", t.text):
        for piece in re.finditer(r"[^,]+", line.group(1)):
            pm = re.search(r"([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?) ([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)\s*$", piece.group(0))
            if pm and not any(w.lower() in t.common or w in _NOT_NAMES or w in _TITLE_WORDS for w in pm.groups()):
                s = line.start(1) + piece.start() + pm.start()
                t.out.append(Candidate(pm.group(0).strip(), "Person", s, s + len(pm.group(0).strip()), pm.group(0).strip()))
        dash = re.search(rf"(?:{_TITLES})\s+[–-]\s+([A-Z][\w'’-]*(?:(?:,\s*|\s+(?:and\s+|of\s+)?)[A-Z][\w'’-]*)*)", line.group(1))
        if dash:
            s = line.start(1) + dash.start(1)
            t.add(s, s + len(dash.group(1)), "Unit")
