"""Acronyms: from a document's glossary and from "Long Form (ABBR)" patterns anywhere.

Inspection reports write many names in lower case and define them the same way:
"homicide prevention unit (HPU)", or the other way round, "MIRSAP (major incident
room standardised administrative procedures)"; ``lowercase_definitions`` finds those.
"""
from __future__ import annotations

import re

from kg.records import Block

_CONNECT = r"(?:of|and|for|the|&|on|in|to|against|with|de)"
_LONG_ABBR = re.compile(
    r"((?:[A-Z][\w'’.-]*|" + _CONNECT + r")(?:\s+(?:[A-Z][\w'’.-]*|" + _CONNECT + r")){0,9})\s+\(\s*[‘'\"]?([A-Z][A-Za-z&/]{1,9}s?)[’'\"]?\s*\)"
)
_GLOSSARY_LINE = re.compile(r"^([A-Z][A-Za-z0-9&/]{1,9})\s+(\S.{2,90})$")


def initials_match(long_form: str, abbr: str) -> bool:
    """Does ``abbr`` plausibly abbreviate ``long_form``? (in-order initials, allowing skipped small words)."""
    a = re.sub(r"[^A-Za-z]", "", abbr).upper()
    if a.endswith("S") and len(a) > 2:
        a_alt = a[:-1]
    else:
        a_alt = a
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", long_form)
    whole = re.findall(r"[A-Za-z][A-Za-z'’-]*", long_form)  # "co-ordinating" as one word (CATO)
    return any(_match(ws, target) for ws in (words, whole) for target in {a, a_alt})


def _match(words: list[str], abbr: str) -> bool:
    # greedy: each abbreviation letter starts a word, or continues inside the current word
    i = 0
    for w in words:
        if i >= len(abbr):
            break
        if w[0].upper() == abbr[i]:
            i += 1
            # letters of the abbreviation may also come from inside this word (e.g. "NHS", "MetCC")
            j = 1
            while i < len(abbr) and j < len(w) and w[j].upper() == abbr[i] and w[j].isupper():
                i += 1
                j += 1
        elif w.lower() in {"of", "and", "for", "the", "on", "in", "to", "against", "with", "de"}:
            continue
        else:
            return False
    return i == len(abbr)


def _trim_long(long_form: str, abbr: str) -> str | None:
    """Cut leading words until the initials line up with the abbreviation."""
    words = long_form.split()
    for start in range(len(words)):
        cand = " ".join(words[start:])
        if cand.split()[0].lower() in {"of", "and", "for", "the", "on", "in", "to", "against", "with", "&"}:
            continue
        if initials_match(cand, abbr):
            return cand
    return None


def inline_acronyms(text: str) -> list[tuple[str, str, int, int]]:
    """Find "Long Form (ABBR)" pairs: (long, abbr, start, end) with offsets of the long form."""
    out = []
    for m in _LONG_ABBR.finditer(text):
        long_form, abbr = m.group(1), m.group(2)
        trimmed = _trim_long(long_form, abbr)
        if trimmed is None:
            continue
        start = m.start(1) + long_form.rfind(trimmed)
        out.append((trimmed, abbr, start, start + len(trimmed)))
    return out


_PAREN_ABBR = re.compile(r"\s+\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_LOWER_WORDS_BEFORE = re.compile(r"(?:[a-z][\w'’-]*\s+){0,9}[a-z][\w'’-]*$")
_ABBR_LOWER = re.compile(r"\b([A-Z][A-Za-z&]{1,9})\s+\(\s*([a-z][\w'’ -]{3,90}?)\s*\)")


def lowercase_definitions(text: str) -> list[tuple[str, str, int, int]]:
    """Lower-case "long form (ABBR)" and "ABBR (long form)" pairs: (long, abbr, start, end)
    with offsets of the long form; the initials must match."""
    out = []
    for m in _PAREN_ABBR.finditer(text):
        # the lower-case words just before the bracket (looked for backwards: fast)
        before = _LOWER_WORDS_BEFORE.search(text, max(0, m.start() - 200), m.start())
        if not before:
            continue
        long_form, abbr = before.group(0), m.group(1)
        trimmed = _trim_long(long_form, abbr)
        if trimmed is None or not trimmed[:1].islower():
            continue
        start = before.start() + long_form.rfind(trimmed)
        out.append((trimmed, abbr, start, start + len(trimmed)))
    for m in _ABBR_LOWER.finditer(text):
        long_form, abbr = m.group(2), m.group(1)
        if initials_match(long_form, abbr):
            out.append((long_form, abbr, m.start(2), m.end(2)))
    return out


def glossary_acronyms(blocks: tuple[Block, ...]) -> dict[str, str]:
    """Read "ABBR long form" lines under a heading that mentions a glossary or abbreviations."""
    out: dict[str, str] = {}
    for b in blocks:
        if b.kind != "paragraph" or not any(re.search(r"glossary|abbreviation", s, re.IGNORECASE) for s in b.section):
            continue
        m = _GLOSSARY_LINE.match(b.text)
        if m and m.group(1).upper() == m.group(1).replace("s", "S") or (m and sum(c.isupper() for c in m.group(1)) >= 2):
            abbr, long_form = m.group(1), m.group(2).strip()
            if len(abbr) >= 2 and not long_form[0].isdigit():
                out.setdefault(abbr, long_form)
    return out
