"""Names by their own shape: capitalised phrases and operations.

A capitalised phrase is classed by its head noun and split at commas and coordinations
("British Transport Police and City of London Police"); an operation is named by a
prefix ("Operation Sceptre", "OPERATION RAPTOR").
"""
from __future__ import annotations

import re

from kg.build.extract.acronyms import initials_match
from kg.build.extract.candidates import _Text
from kg.build.extract.names import _is_place, _last_word_class, canonical, head_class
from kg.build.extract.vocabulary import _ACRONYM, _COMPASS, _GENERIC, _MONTHS, _STOP_START, _TITLES, _TRIM, _WORD_BREAK

_ROLE = re.compile(rf"(?:[A-Z]/)?(?:{_TITLES})\s+(?:for|of)\s")
_WORD = r"[A-Z][\w'’-]*|[A-Z]{2,}[a-z]?|\d{4}(?: ?[–—-] ?\d{2,4})?"
# words joined by single spaces only (a passage joins blocks with newlines), with
# small connecting words inside a name; "the" never joins two names
_CAP_PHRASE = re.compile(
    rf"(?<![\w'’-])(?:{_WORD})(?:(?:,| (?:(?:of|and|for|&|on|in|into|to|against|at)[ ]){{0,2}})(?: ?)(?:{_WORD}))*"
)
_SPLIT_AT = re.compile(r" (?:and|with|against|to|at|on|in) ")
_PLURAL_HEAD = re.compile(r"^(?P<a>.+?) and (?P<b>.+?) (?P<head>programmes|strategies|plans|teams|units|boards|campaigns)$")


def _operations(t: _Text) -> None:
    """'Operation Sceptre', 'Op Onyx', 'Project Servator', and in capitals 'OPERATION RAPTOR'."""
    for m in re.finditer(r"\b([Oo]peration|Op|[Pp]roject|Exercise|OPERATION|PROJECT)\s+([A-Z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]*)?)", t.text):
        words = m.group(2).split()
        if words[0] in {"Board", "Team", "Group", "Management", "Plan", "The"}:
            continue
        # "Operation Winter Key" keeps two words; "Operation Sceptre Taskforce" one
        if len(words) == 2 and head_class(words[1]) is not None:
            words = words[:1]
        if m.group(1).isupper() and len(m.group(1)) > 2:
            words = [w.title() if w.isupper() else w for w in words]
        prefix = m.group(1).capitalize()
        name = f"{'Operation' if prefix in ('Op', 'Operation') else prefix} {' '.join(words)}"
        end = m.start(2) + len(" ".join(words))
        t.add(m.start(), end, "Initiative", canonical(name))


def _capitalised_phrases(t: _Text) -> None:
    """Capitalised phrases classed by head noun, split at commas and coordinations."""
    for m in _CAP_PHRASE.finditer(t.text):
        whole = _trim_phrase(m.group(0))
        if not whole:
            continue
        base = m.start() + m.group(0).find(whole)
        for chunk, coff in _split_commas(whole):
            chunk_t = _trim_phrase(chunk)
            if not chunk_t:
                continue
            coff += chunk.find(chunk_t)
            for part, offset in _split_coordination(chunk_t):
                _add_phrase(t, part, base + coff + offset)


def _trim_phrase(phrase: str) -> str:
    words = phrase.split()
    while words and (words[0] in _STOP_START or words[0] in _TRIM or words[0].rstrip("'’s") in _MONTHS) and not (words[0] == "Her" and len(words) > 1 and words[1].startswith("Majesty")):
        words = words[1:]
    while words and words[-1] in _TRIM:
        words = words[:-1]
    return " ".join(words)


def _split_commas(phrase: str) -> list[tuple[str, int]]:
    """A comma list is one name only when its last item is joined by 'and' ("A, B and C Board");
    the list may follow another name: "Suzy Lamplugh Trust and Barnet, Enfield and Haringey
    Mental Healthcare Trust"."""
    if "," not in phrase:
        return [(phrase, 0)]
    lead, sep, first = phrase.partition(",")[0].rpartition(" and ")
    if sep and head_class(lead) is not None and head_class(first) is None:
        rest = phrase[len(lead) + len(sep):]
        return [(lead, 0)] + [(p, o + len(lead) + len(sep)) for p, o in _split_commas(rest)]
    parts = phrase.split(",")
    last = parts[-1].strip()
    one_name = (
        " and " in last
        and _last_word_class(phrase) is not None
        and len(parts) <= 3
        and all(len(p.split()) <= 3 and head_class(p.strip()) is None and not _ACRONYM.fullmatch(p.strip()) for p in parts[:-1])
        and len(_split_coordination(last)) == 1
    )
    if one_name:  # "Barnet, Enfield and Haringey Mental Healthcare Trust"; not "NCA, City of London Police and ..."
        return [(phrase, 0)]
    out, pos = [], 0
    for p in parts:
        stripped = p.strip()
        if stripped:
            out.append((stripped, pos + p.find(stripped)))
        pos += len(p) + 1
    return out


def _split_coordination(phrase: str) -> list[tuple[str, int]]:
    """Two names joined by a connective, with offsets.

    'British Transport Police and City of London Police' (same head class on both
    sides), 'MPS and Haringey Children's Services' (an acronym and a name), 'Islamic
    Cultural Centre in Regent's Park' (a name and the place it is in).
    """
    m = _PLURAL_HEAD.match(phrase)
    if m:
        return [(m.group("a"), 0), (m.group("b"), m.start("b"))]
    if re.fullmatch(rf"{_COMPASS} and {_COMPASS} (?:BCUs?|Areas?)", phrase):
        return []  # "Central North and East BCU": two units, named by the compass rule
    for sm in reversed(list(_SPLIT_AT.finditer(phrase))):
        left, right = phrase[: sm.start()], phrase[sm.end():]
        lcls, rcls = head_class(left), head_class(right)
        same = lcls is not None and len(left.split()) >= 2 and lcls == rcls
        acronym_and_name = sm.group(0) == " and " and left.isupper() and len(left) >= 2 and rcls is not None
        located = sm.group(0) in (" in ", " at ") and lcls is not None and _is_place(right)
        if sm.group(0) in (" in ", " on ") and (right.split()[0] in _MONTHS | {"Quarter", "Q1", "Q2", "Q3", "Q4"} or right[:1].isdigit()):
            return _split_coordination(left)  # "National Hate Crime Awareness Week in October", "... in 2008"
        if same or acronym_and_name or located:
            return _split_coordination(left) + [(right, sm.end())]
    return [(phrase, 0)]


def _add_phrase(t: _Text, phrase: str, start: int) -> None:
    words = phrase.split()
    # an imperative opening a quoted milestone or a list item: '"Commence Leading for London
    # Programme"' (a sentence may well open with a name: "Cycle Safety Team officers ...")
    while len(words) > 2 and words[0].lower() in t.common and t.imperative_start(start) and words[1][:1].isupper():
        start += len(words[0]) + 1
        words = words[1:]
    phrase = " ".join(words)
    # "Business Plan for X", "Board of X": the generic left part is not the name, unless
    # it is what the whole names ("Office of Criminal Justice Reform")
    for sep in (" for ", " of "):
        left, _, right = phrase.partition(sep)
        if right and left.lower() in _GENERIC and right[:1].isupper() and head_class(right) is not None:
            start += len(left) + len(sep)
            phrase = right
    if _ROLE.match(phrase):
        return  # "Chief Officer for Strategy and Transformation": a post, not a body
    abbr, _, rest = phrase.partition(" ")
    if _ACRONYM.fullmatch(abbr) and rest and initials_match(rest, abbr):
        start += len(abbr) + 1  # a glossary line read as one phrase: "CPS Crown Prosecution Service"
        phrase = rest
    cls = head_class(phrase)
    m = _PLURAL_HEAD.match(phrase)
    if m:
        cls = head_class(m.group("head")[:-1] if not m.group("head").endswith("ies") else m.group("head")[:-3] + "y")
    if cls is None or phrase.lower() in _GENERIC or len(phrase) < 4:
        return
    words = phrase.split()
    if len(_WORD_BREAK.split(phrase)) == 1 and not phrase.isupper():
        return  # a lone head noun ("Board") names nothing
    if len(words) > 9:
        tail = _trim_phrase(" ".join(words[-6:]))
        start += len(phrase) - len(tail)
        phrase = tail
    if not phrase or phrase.split()[0] in _STOP_START:
        return
    t.add(start, start + len(phrase), cls)
