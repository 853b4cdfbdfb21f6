"""The force's own units by how it names them.

Command codes ("SCD5", "the flying squad (SCD7)"), "Met" and a common noun ("Met
Training"), and "... Policing" ("Digital Policing").
"""
from __future__ import annotations

import re

from kg.build.extract.candidates import _Text
from kg.build.extract.names import _title, canonical, head_class
from kg.build.extract.vocabulary import _NOT_NAMES, _STOP_START, _TITLE_WORDS


def _codes(t: _Text) -> None:
    """Command codes: 'SCD5', 'CO11', 'SCO7'; 'SCD1(2) Homicide West' names the team too."""
    for m in re.finditer(r"\b((?:SCD|SCO|SO|CO|DCC|TP|OCU)\d{1,2}(?:\(\d\))?)(?:\s+((?:[A-Z][a-z]+\s+)?(?:North|South|East|West|Central)))?", t.text):
        t.add(m.start(1), m.end(1), "Unit", m.group(1))
        if m.group(2):
            t.add(m.start(2), m.end(2), "Unit", m.group(2), acronym=m.group(1))
    # "the flying squad (SCD7)": a lower-case name given its command code
    for m in re.finditer(r"\bthe ((?:[a-z][\w-]* ){0,3}(?:squad|unit|team|command|branch|group))\s+\(((?:SCD|SCO|SO|CO|DCC|TP)\d{1,2})\)", t.text):
        t.add(m.start(1), m.end(1), "Unit", canonical(_title(m.group(1))), acronym=m.group(2), basis="marked")


def _met_parts(t: _Text) -> None:
    """'Met Training', 'Met Prosecutions', 'Met Operations': a part of the force named by a
    common noun after 'Met' (not a longer name, not 'One Met Model')."""
    for m in re.finditer(r"(?<![A-Z][a-z] )(?<![A-Z][a-z][a-z] )\bMet ([A-Z][a-z]+)\b(?![ -]?[A-Z(])", t.text):
        word = m.group(1)
        if word.lower() in t.common and word not in _NOT_NAMES and word not in _TITLE_WORDS and head_class(word) is None:
            t.add(m.start(), m.end(), "Unit", m.group(0))


def _policing_units(t: _Text) -> None:
    """'Counter Terror Policing', 'Digital Policing', 'Frontline Policing': a capitalised
    '... Policing' inside a sentence names a command (not at a sentence start, not a heading)."""
    for m in re.finditer(r"(?<![\w'’-])((?:[A-Z][a-z]+ ){1,3})Policing(?: (?:command|unit|team))?\b(?! [A-Z(])", t.text):
        first = m.group(1).split()[0]
        if t.sentence_initial(m.start()) or first in _STOP_START or first in _NOT_NAMES:
            continue
        t.add(m.start(), m.end(), "Unit")
