"""What a phrase names: its class by head noun, its canonical form, the acronym it goes by."""
from __future__ import annotations

import re

from kg.build.extract.acronyms import initials_match
from kg.build.extract.vocabulary import (
    _DEFINED_HEADS,
    _GENERIC,
    _HEAD_RES,
    _KIND_OF,
    _LOWER_TITLES,
    _OF_HEAD,
    _OF_ORGS,
    _PREFIX,
    _TRAILING_YEAR,
    _WORD_BREAK,
    BOROUGHS,
    CONNECT,
)


def head_class(phrase: str) -> str | None:
    """Class of a phrase by its head noun, or None.

    The head is the last word ("Violent Crime Task Force"; a trailing year as in
    "STRIDE Strategy 2021-2025" is skipped), or the noun before "of"/"for"
    ("Directorate of Professional Standards", "Office for Policing and Crime").
    """
    if _PREFIX.match(phrase):
        return "Initiative"
    phrase = _TRAILING_YEAR.sub("", _WORD_BREAK.sub(" ", phrase))
    for rx, cls in _HEAD_RES:
        if rx.search(phrase):
            return cls
    om = _OF_HEAD.match(phrase)
    if om and len(om.group(1).split()) <= 3:
        for rx, cls in _HEAD_RES:
            if rx.search(om.group(1)) and cls in ("Unit", "Organisation"):
                return cls
        if _OF_ORGS.search(om.group(1)):
            return "Organisation"
    return None


def canonical(name: str) -> str:
    """Normalise a name for display and linking (spacing, quotes, Taskforce/Task Force, Op/Operation)."""
    n = re.sub(r"\s+", " ", name).strip(" '‘’\"“”.,;:-–")
    n = re.sub(r"^(?:the|The)\s+", "", n)
    rest = re.sub(r"^(?:Met|MPS|MOPAC)(?:['’]s?)?\s+(?=\S+\s+\S+)", "", n)
    if rest.lower() not in _GENERIC:
        n = rest  # "MPS Commercial Services", but not "Met Business Plan" -> "Business Plan"
    n = re.sub(r"\bTaskforce\b", "Task Force", n, flags=re.IGNORECASE)
    n = re.sub(r"^Op\s+", "Operation ", n)
    n = n.replace("’", "'")
    if n.isupper() and len(n) > 6 and " " in n:
        n = n.title()
    return n


def _title(text: str) -> str:
    if text[:1].isupper():
        return text
    return " ".join(w if w in CONNECT else w[:1].upper() + w[1:] for w in text.split())


def _last_word_class(phrase: str) -> str | None:
    """Class by the head noun at the end only ("... Exeter University and UCL" has none)."""
    phrase = _TRAILING_YEAR.sub("", _WORD_BREAK.sub(" ", phrase))
    return next((cls for rx, cls in _HEAD_RES if rx.search(phrase)), None)


def _is_place(name: str) -> bool:
    return head_class(name) == "Place" or name in BOROUGHS or name in ("London", "UK")


def defined_class(long_form: str) -> str | None:
    """Class of a lower-case name defined with an acronym, or None when it names a kind
    ("police community support officers (PCSOs)"), a role ("deputy commissioner (DC)")
    or no body or scheme at all ("anti-social behaviour (ASB)")."""
    if _is_plural_phrase(long_form) or long_form.split()[-1].lower() in _LOWER_TITLES:
        return None
    return head_class(_title(long_form)) or ("Unit" if _DEFINED_HEADS.search(long_form) else None)


def _is_plural_phrase(phrase: str) -> bool:
    """Is the head noun plural? (the last word, or the word before "of": "directorate of public
    affairs"); the plural heads of defined names ("... arrangements") do not count."""
    m = _OF_HEAD.match(_title(phrase))
    head = (m.group(1) if m else phrase).split()[-1].lower()
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "ics", "services")) and not _DEFINED_HEADS.search(head)


def _kind_class(noun: str) -> str | None:
    noun = noun.lower()
    if noun in _KIND_OF:
        return _KIND_OF[noun]
    return head_class(noun[:-1]) if noun.endswith("s") else head_class(noun)


def usage_class(abbr: str, text: str) -> str | None:
    """Class of an acronym from the noun that follows it ("the SENP programme", "(TPAC) teams")."""
    m = re.search(rf"\b{re.escape(abbr)}\)?\s+([a-z]+)", text)
    if not m:
        return None
    noun = m.group(1)
    return head_class(noun) or (head_class(noun[:-1]) if noun.endswith("s") else None)


def acronym_of(name: str, acronyms: dict[str, str]) -> str | None:
    """The corpus acronym whose long form is ``name``, if any."""
    low = name.lower()
    for abbr, long_form in acronyms.items():
        if canonical(_title(long_form)).lower() == low and initials_match(name, abbr):
            return abbr
    return None
