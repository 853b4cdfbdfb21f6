"""Names completed by a lower-case head noun.

"the Safer Neighbourhoods programme", "Sapphire teams", and a named owner with a unit's
own description: "the MSC tasking unit", "the clubs and vice OCU".
"""
from __future__ import annotations

import re

from kg.build.extract.candidates import _Text
from kg.build.extract.names import _is_place, _last_word_class, _title, canonical, head_class
from kg.build.extract.phrases import _trim_phrase
from kg.build.extract.vocabulary import _GENERIC, _NOT_NAMES, _PREFIX, _STOP_START, _TRIM, BOROUGHS

# (a word may follow an opening quote but does not end in one: "'Inspiring Leaders' programme"
# is the quoted name's business)
_LOWER_HEAD = re.compile(
    r"(?<![\w-])((?:[A-Z](?:[\w'’-]*\w)?)(?: (?:(?:of|and|for|&|to|it)[ ]){0,2}[A-Z](?:[\w'’-]*\w)?){0,5}) "
    r"(programmes?|strateg(?:y|ies)|plans?|teams?|unit|board|project|pilot|scheme|task ?force|taskforce|centre|network|framework|initiative|trial)\b"
)


def _lower_heads(t: _Text) -> None:
    """A capitalised name before a lower-case head noun: 'the Safer Neighbourhoods programme',
    'the SENP programme' (an acronym: the entity is its long form), 'the Strongest Ever
    Neighbourhood Policing and Raising Standards programmes' (two names)."""
    for m in _LOWER_HEAD.finditer(t.text):
        head = m.group(2)
        plural = head.endswith("s")
        names = [(m.group(1), m.start(1))]
        a, sep, b = m.group(1).rpartition(" and ")
        if plural and sep:
            names = [(a, m.start(1)), (b, m.start(1) + len(a) + len(sep))]
        elif plural and head != "teams":
            continue  # "Met strategies": a kind, not a name ("Sapphire teams" are a unit's)
        for raw, pos in names:
            _lower_head_name(t, raw, pos, head, m.end(2), plural)


def _lower_head_name(t: _Text, raw: str, pos: int, head: str, head_end: int, plural: bool) -> None:
    words = raw.split()
    while len(words) > 1 and words[0].lower() in t.common and t.imperative_start(pos):
        pos += len(words[0]) + 1
        words = words[1:]
        while words and words[0] in _TRIM:
            pos += len(words[0]) + 1
            words = words[1:]
    name = _trim_phrase(" ".join(words))
    if not name or name.split()[0] in _STOP_START or name.lower() in _GENERIC or name.isupper() and len(name) < 3:
        return
    if len(name.split()) == 1 and name.lower() in t.common:
        return  # "Crime strategy": a common word, not a name
    s = pos + " ".join(words).find(name)
    singular = re.sub(r"ies$", "y", head) if head.endswith("ies") else head.rstrip("s") if plural or head == "teams" else head
    cls = head_class(singular) or "Initiative"
    long_form = t.acronyms.get(name) if name.isupper() else None
    if long_form:
        # "the SENP programme" names the Strongest Ever Neighbourhood Policing programme
        t.add(s, s + len(name), head_class(long_form) or cls, canonical(_title(long_form)), acronym=name)
    elif plural or head == "teams":
        # "Sapphire teams", "Jigsaw teams": the teams of a named unit or operation
        t.add(s, s + len(name), cls, canonical(name), basis="context")
    elif head == "team":
        # "the MetCC Digital team": the team is the name (not "the Crystal Palace team", a
        # place's, nor "the Operation Hampshire team", an operation's)
        if not (_is_place(name) or _PREFIX.match(name) or name.isupper() or name in BOROUGHS):
            t.add(s, head_end, cls, canonical(t.text[s:head_end]))
    else:
        t.add(s, head_end, cls, canonical(name))


# "the Safer Neighbourhoods delivery team", "TP partnership team", "the MSC tasking unit",
# "the clubs and vice OCU": a named owner (or lower-case words before a unit acronym)
# with the unit's own lower-case description
_DETERMINER = r"(?!(?:The|A|An|This|That|These|Our|Its|Their|His|Her|In|On|At|By|For|With|As|Each|Every|All)\s)"
_UNIT_OF = re.compile(
    r"(?<![\w'’-])" + _DETERMINER + r"((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*){0,2}) ((?:[a-z][\w-]* ){0,3}(?:level \d )?(?:[a-z][\w-]* ){0,3})"
    r"(team|unit|command|cell|board|project team|squad|bureau)\b"
)
_FORCE = re.compile(r"(?:^|\s)(?:police|police service|service)$", re.IGNORECASE)
_UNIT_ACRONYM = re.compile(r"\bthe ((?:[a-z]+ ){1,3}?(?:and [a-z]+ )?)(OCU|BCU|BOCU)\b")
# words that describe which unit of many, or are not part of a name at all
_NOT_UNIT_WORDS = {
    "new", "local", "central", "senior", "other", "each", "every", "same", "relevant", "whole", "own", "the", "a",
    "an", "by", "of", "to", "for", "in", "on", "at", "with", "from", "and", "or", "its", "their", "our", "this",
    "that", "which", "is", "are", "was", "has", "have", "two", "three", "four", "five", "six", "all", "both",
    "several", "many", "some", "any", "no",
}


def _units_of(t: _Text) -> None:
    """A named owner with the unit's own lower-case description: 'the Safer Neighbourhoods
    delivery team', 'the TP partnership team', 'the MSC tasking unit', 'the CFP board',
    and lower-case words before a unit acronym: 'the clubs and vice OCU'."""
    for m in _UNIT_OF.finditer(t.text):
        owner, desc = m.group(1), m.group(2).split()
        if owner.split()[0] in _STOP_START or owner in _NOT_NAMES or t.sentence_initial(m.start()):
            continue
        if any(w in _NOT_UNIT_WORDS - {"and"} for w in desc) or "and" in desc[:1] + desc[-1:] or _last_word_class(owner) is not None:
            continue  # "the Safer Neighbourhoods Unit communications team": the unit itself is the name
        if owner.isupper():
            long_form = t.acronyms.get(owner, "")
            if long_form.lower() == " ".join([*desc, m.group(3)]).lower():
                continue  # "CAIC child abuse investigation command": a glossary line, the acronym's own definition
            if not long_form or _FORCE.search(long_form):
                continue  # "the MPS management board": the force's own board, a kind
            if not desc and not (head_class(long_form) or head_class(_title(long_form))):
                continue  # "the ASB team", "the DC command": a team for a topic or a person
        elif len(owner.split()) < 2 or not desc:
            continue
        t.add(m.start(), m.end(), "Unit")
    for m in _UNIT_ACRONYM.finditer(t.text):
        if any(w in _NOT_UNIT_WORDS - {"and"} for w in m.group(1).split()):
            continue
        t.add(m.start(1), m.end(), "Unit")
