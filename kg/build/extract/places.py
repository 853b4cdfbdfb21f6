"""Places, and the force's areas named after them.

After a preposition ("in Brixton", "in Bristol, Birmingham and Nottingham"), motorways
("the M1"), the London boroughs; areas and basic command units named by compass points
("the East Area", "Central North BCU").
"""
from __future__ import annotations

import re

from kg.build.extract.acronyms import initials_match
from kg.build.extract.candidates import _Text
from kg.build.extract.names import head_class
from kg.build.extract.vocabulary import _COMPASS, _MONTHS, _NOT_PLACES, _STOP_START, _TRIM, BOROUGHS

# a borough named inside a longer name ("Enfield and Haringey Mental Healthcare Trust",
# "Hackney Police") belongs to that name, not to the place
_BOROUGH_RE = re.compile(
    r"\b(" + "|".join(re.escape(b) for b in sorted(BOROUGHS, key=len, reverse=True)) + r")\b"
    r"(?!\s+(?:Police|Council|Borough Council|Mental|Trust|Safeguarding|Children)|,?\s+(?:and\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:Trust|Council|Police)\b)"
)
_PLACE_AFTER = re.compile(
    r"\b(?:in|across|throughout|within|from|near|outside|around|at|to|between)\s+(?:the\s+)?"
    r"([A-Z][a-z]+(?: [A-Z][a-z]+)?|UK)\b(?![ -]?[A-Z]| (?:Police|Council|Trust|Borough|University|Service|Airport|Terminal))"
)
_MORE_PLACES = re.compile(r"(?:,\s*|\s+and\s+|,\s+and\s+)([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b(?![ -]?[A-Z])")


def _places(t: _Text) -> None:
    """Places after a preposition ('in Brixton', 'across the UK', 'in Bristol, Birmingham
    and Nottingham'), motorways ('the M1') and the areas of London ('the East Area')."""
    for m in _PLACE_AFTER.finditer(t.text):
        if _in_title(t.text, m.start()):
            continue  # a heading or table cell: "Fairness and Equality in Service Delivery"
        if _add_place(t, m.start(1), m.group(1)):
            pos = m.end(1)
            while (more := _MORE_PLACES.match(t.text, pos)) and _add_place(t, more.start(1), more.group(1)):
                pos = more.end(1)
    for m in re.finditer(r"\bthe ([MA]\d{1,3}|UK)\b(?![ -]?[A-Z])", t.text):
        t.add(m.start(1), m.end(1), "Place")  # "the M1", "the UK" (not "the UK Border Agency")
    for m in re.finditer(rf"\b(?:the )({_COMPASS} Area)\b", t.text):
        t.add(m.start(1), m.end(1), "Unit")


def _in_title(text: str, pos: int) -> bool:
    """Do all words from the start of the line (or table cell) up to ``pos`` start with a capital?"""
    line_start = max(text.rfind("\n", 0, pos), text.rfind("|", 0, pos), text.rfind("\t", 0, pos)) + 1
    words = text[line_start:pos].split()
    return len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() or w in _TRIM for w in words)


def _add_place(t: _Text, start: int, name: str) -> bool:
    first = name.split()[0]
    if first in _STOP_START or first in _MONTHS or first in _NOT_PLACES or head_class(name):
        return False
    if first.lower() in t.common and not first.isupper():
        return False
    if re.search(r"(?:ers|ians|ish|ic|ist|ists|ism)$", name):
        return False  # Londoners, Islamophobic: people and adjectives, not places
    after = t.text[start + len(name):start + len(name) + 12]
    abbr = re.match(r"\s*\(([A-Z]{2,})\)", after)
    if abbr and initials_match(name, abbr.group(1)):
        return False  # "Safer Neighbourhoods (SN)": a defined name, not a place
    t.add(start, start + len(name), "Place", name, basis="context")
    return True


def _boroughs_and_bcus(t: _Text) -> None:
    """London boroughs, and basic command units named by compass points: 'Central North BCU',
    'BCU South West', 'Central North and East BCU' (two units)."""
    for m in _BOROUGH_RE.finditer(t.text):
        t.add(m.start(1), m.end(1), "Place", m.group(1))
    for m in re.finditer(rf"\b(?:({_COMPASS})(?:\s+(?:Area|Region))?\s+BCU|BCU\s+({_COMPASS}))\b", t.text):
        area = m.group(1) or m.group(2)
        t.add(m.start(), m.end(), "Unit", f"{area} BCU")
    for m in re.finditer(rf"\b({_COMPASS}) and ({_COMPASS}) BCUs?\b", t.text):
        t.add(m.start(1), m.end(1), "Unit", f"{m.group(1)} BCU")
        t.add(m.start(2), m.end(), "Unit", f"{m.group(2)} BCU")
