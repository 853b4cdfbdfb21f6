"""Names the text introduces or marks as names.

An acronym definition ("Long Form (ABBR)", also in lower case), a bracket inside a name,
quotes, "known as", an apposition ("the charity Unseen"); and acronyms defined anywhere
in the corpus, classed by their long form.
"""
from __future__ import annotations

import re

from kg.build.extract.acronyms import inline_acronyms, lowercase_definitions
from kg.build.extract.candidates import _Text
from kg.build.extract.names import _kind_class, _title, canonical, defined_class, head_class, usage_class
from kg.build.extract.phrases import _trim_phrase
from kg.build.extract.vocabulary import _GENERIC, _NOT_NAMES, _STOP_START


def _defined_names(t: _Text) -> None:
    """Names introduced with an acronym: 'Her Majesty's Inspectorate of Constabulary and Fire
    and Rescue Services (HMICFRS)' as one name (not split at its 'and'), and the lower-case
    names of the inspection reports: 'homicide prevention unit (HPU)'."""
    for long_form, abbr, s, e in inline_acronyms(t.text):
        cls = head_class(long_form)
        if cls:
            t.add(s, e, cls, canonical(long_form), acronym=abbr, basis="marked")
    for long_form, abbr, s, e in lowercase_definitions(t.text):
        cls = defined_class(long_form)
        if cls:
            t.add(s, e, cls, canonical(_title(long_form)), acronym=abbr, basis="marked")


# "Violence against Women and Girls (VAWG) Strategy", "Female Genital Mutilation (FGM) action plan",
# "Race and Diversity (Confidence and Equality) Strategy 2006–09": a name with a bracket inside
_PAREN_NAME = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’-]*)(?: (?:(?:of|and|for|&|on|against|in)[ ])?[A-Z][\w'’-]*)*)"
    r" \(((?:[A-Z][A-Za-z&]{1,9})|(?:[A-Z][a-z]+(?: (?:and|of|&) [A-Z][a-z]+| [A-Z][a-z]+)*))\)"
    r" ((?:[A-Z][a-z]+ )?[A-Z][a-z]+|action plan|strategy|working group|steering group)"
    r"((?: \d{4}(?:\s?[–—-]\s?\d{2,4})?)?)"
)


def _bracketed_names(t: _Text) -> None:
    """A name with a bracket inside, ended by a bare head (not by another full name)."""
    for m in _PAREN_NAME.finditer(t.text):
        head = m.group(3)
        cls = head_class(head)
        if len(_trim_phrase(m.group(1)).split()) < 2 or cls is None or (len(head.split()) > 1 and head.lower() not in _GENERIC):
            continue  # "... Council (NPCC) National Working Group": the bracket closes the first name
        s = m.start(1) + len(m.group(1)) - len(_trim_phrase(m.group(1)))
        t.add(s, m.end(), cls, canonical(t.text[s:m.end()]), basis="marked")


# quoted names: all significant words capitalised, not a sentence, not a system or a web page
_QUOTED = re.compile(r"(?<![A-Za-z])[‘'\"“]([A-Z][^’'\"”\n.]{2,50})[’'\"”](?![A-Za-z])(\s+[a-z]+)?")
_SMALL = {"of", "and", "for", "to", "it", "the", "in", "on", "a", "an", "with"}
_NOT_A_NAME_AFTER = {
    "system", "systems", "section", "application", "app", "website", "page", "message", "mantra", "theme", "tool",
    "software", "database", "device",
}


def _quoted_names(t: _Text) -> None:
    """'Consulting London' link, 'Girls Allowed' event, 'Run, Hide, Tell' messaging (a slogan
    naming a campaign), and a lower-case slogan before 'campaign': "lock, chain, cover"."""
    for m in _QUOTED.finditer(t.text):
        name, after = m.group(1).strip(" ,"), (m.group(2) or "").strip()
        before = re.search(r"(\w+)\s+(?:named|called)\s*[‘'\"“]$", t.text[max(0, m.start() - 40):m.start() + 1])
        if before and before.group(1) in _NOT_A_NAME_AFTER:
            continue  # "an in-house mobile application named 'Cyber Tools'"
        if t.text[:m.start()].rstrip().endswith(":"):
            continue  # 'Q3 milestone: "Commence Leading for London Programme"': a quoted statement
        words = [w.strip(",") for w in name.split()]
        if len(words) < 2 or any(len(w) < 2 for w in words) or after in _NOT_A_NAME_AFTER:
            continue
        if not all(w[:1].isupper() or w in _SMALL for w in words) or words[0] in {"The", "A", "An", "This", "Our", "We", "It"}:
            continue
        cls = head_class(name) or ("Programme" if after == "programme" else "Initiative")
        t.add(m.start(1), m.start(1) + len(name), cls, basis="marked")
    for m in re.finditer(r"[‘'\"“]([a-z][a-z ,]{2,40})[’'\"”]\s+(?:[a-z]+\s+)?campaign\b", t.text):
        if "," in m.group(1):  # a slogan, not a word in quotes ("the 'mainstream' campaign")
            t.add(m.start(1), m.end(1), "Initiative", basis="marked")


def _campaigns(t: _Text) -> None:
    """A name before 'campaign'/'initiative' and the like: 'Spot It to Stop It campaign', "'Be
    Safe' awareness campaign" (quoted, even one word)."""
    for m in re.finditer(r"[‘'\"“]([A-Z][^’'\"”]{2,40})[’'\"”]\s+(?:\w+\s+)?(campaign|initiative|pilot|programme|app|package|event)", t.text):
        t.add(m.start(1), m.end(1), "Programme" if m.group(2) == "programme" else "Initiative", basis="marked")
    for m in re.finditer(r"\b((?:[A-Z][\w'’]*|it|to|for|and|of)(?:\s+(?:[A-Z][\w'’]*|it|to|for|and|of)){0,5})\s+(campaign|initiative)\b", t.text):
        name = _trim_phrase(m.group(1))
        if len(name.split()) == 1 and name.lower() in t.common:
            continue  # "the Think campaign": a word, not yet a name
        if name and name[0].isupper() and name.lower() not in _GENERIC and name.split()[0] not in _STOP_START and len(name) > 3:
            s = m.start(1) + m.group(1).find(name)
            t.add(s, s + len(name), "Initiative")


_KNOWN_AS = re.compile(
    r"\b([a-z]+),?\s+(?:(?:collectively|also|now|locally|simply)\s+)?(?:known as|called|named|codenamed|entitled)\s+"
    r"(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’-]*){0,4})"
)
_APPOSITION = re.compile(r"\bthe (charity|company|firm|organisation|newspaper|broadcaster|band) ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})")


def _introduced_names(t: _Text) -> None:
    """'17 staff support associations, collectively known as SAMUARI'; 'the operation known as
    Sterling'; 'the charity Unseen': the noun before the name tells its class."""
    for m in _KNOWN_AS.finditer(t.text):
        noun, name = m.group(1), m.group(2)
        if name.split()[0] in _STOP_START or name in _NOT_NAMES or noun in _NOT_A_NAME_AFTER:
            continue  # "an in-house mobile application named 'Cyber Tools'": a system
        cls = _kind_class(noun) or head_class(name)
        t.add(m.start(2), m.end(2), cls or "Initiative", basis="marked" if cls else "context")
    for m in re.finditer(r"\b(?:[Cc]odenamed|[Cc]ode-named)\s+[‘'\"“]?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})", t.text):
        t.add(m.start(1), m.end(1), "Initiative", basis="marked")  # "Codenamed 'Raptor'": an operation
    for m in _APPOSITION.finditer(t.text):
        t.add(m.start(2), m.end(2), "Organisation", basis="marked")


def _acronyms(t: _Text) -> None:
    """Acronyms defined somewhere in the corpus, classed by their long form or by the noun
    after them ('the SENP programme', '(TPAC) teams')."""
    for m in re.finditer(r"\b([A-Z][A-Za-z&]{1,8}?)(s?)\b", t.text):
        abbr = m.group(1)
        if abbr in t.acronyms and sum(c.isupper() for c in abbr) >= 2:
            long_form = t.acronyms[abbr]
            cls = head_class(long_form) or head_class(_title(long_form)) or usage_class(abbr, t.text)
            if cls:
                t.add(m.start(), m.end(), cls, canonical(_title(long_form)), acronym=abbr)
