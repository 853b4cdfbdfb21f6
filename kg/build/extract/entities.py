"""Named-entity recognition by the language of the documents.

Rules look at the shape of names, not at a list of answers: a capitalised phrase
is classed by its head noun ("... Task Force" -> Unit, "... Strategy" -> Strategy),
its prefix ("Operation ...", "Project ..."), a title before a personal name, or an
acronym defined in the corpus. London boroughs come from a small gazetteer (the 33
local authority areas), the one closed list, since place names carry no marker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.build.extract.acronyms import initials_match

CONNECT = {"of", "and", "for", "the", "&", "on", "in", "to", "against", "it", "at", "with"}

_HEADS: list[tuple[str, str]] = [
    # (regex for the head word(s), class) — checked against the phrase's last words
    (r"task\s?force|taskforce", "Unit"),
    (r"command|directorate|unit|team|teams|squad|bureau|branch|department|division|hub|ocu|bcu|panel|board|group|forum|committee|network|centre|center|academy", "Unit"),
    (r"programme|program|portfolio", "Programme"),
    (r"strategy|plan|framework|charter|policy|code of practice|protocol|model|scheme of work|manifesto|review", "Strategy"),
    (r"campaign|initiative|pilot|project|scheme|operation|exercise|week|roadshow|awards?|fair|toolkit|portal|app", "Initiative"),
    (r"college of policing|trust|university|police|constabulary|council|agency|commission|inspectorate|office|authority|institute|brigade|association|ministry|foundation|society|consortium|service|services|nhs|crimestoppers|childline|prosecution service|parliament|government|court|courts|cabinet|federation|partnership|coalition|charity", "Organisation"),
    (r"building|house|yard|airport|station|terminal|street|park|road|bridge|tower|estate|square", "Place"),
]
_HEAD_RES = [(re.compile(rf"(?:^|\s)(?:{p})$", re.I), cls) for p, cls in _HEADS]
_PREFIX = re.compile(r"^(Operation|Op|Project|Exercise)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")

BOROUGHS = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London", "Croydon",
    "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston", "Lambeth", "Lewisham",
    "Merton", "Newham", "Redbridge", "Richmond", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster",
)
_BOROUGH_RE = re.compile(r"\b(" + "|".join(re.escape(b) for b in sorted(BOROUGHS, key=len, reverse=True)) + r")\b(?!\s+(?:Police|Council|Borough Council|Mental|Trust|Safeguarding|Children))")

_TITLES = (
    r"Commissioner|Deputy Commissioner|Assistant Commissioner|Deputy Assistant Commissioner|Commander|"
    r"Detective Chief Superintendent|Detective Superintendent|Chief Superintendent|Superintendent|"
    r"Detective Chief Inspector|Chief Inspector|Inspector|Sergeant|Constable|DCS|DAC|AC|DC|PC|DCI|DI|DS|"
    r"Baroness|Baron|Lord|Lady|Dame|Sir|Dr|Mr|Mrs|Ms|Professor|Mayor|Deputy Mayor|Victims'? Commissioner|"
    r"Director|Chief Officer|T/Chief Officer"
)
_NAME = r"([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?){1,2})"
_PERSON_PATTERNS = [
    # "Commander Savell", "DCS Parm Sandhu", "Baroness Casey", "Victims Commissioner Claire Waxman"
    re.compile(rf"\b(?P<role>{_TITLES})\s+(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?){{0,2}})"),
    # "the Metropolitan Police Commissioner, Cressida Dick" / "Report by: Helen Harper, Commander"
    re.compile(rf"(?P<role>Commissioner|Commander|Mayor|Director)[^,.;]{{0,30}},\s+{_NAME.replace('(', '(?P<name>', 1)}\b"),
    re.compile(rf"(?:Report by|Contact|Chaired by|chaired by|led by):\s*(?:[A-Z/]+\s+)?(?:{_TITLES})?\s*{_NAME.replace('(', '(?P<name>', 1)}(?:,\s*(?P<role>[^,.;\n]{{3,60}}))?"),
]
_NOT_NAMES = {
    "The", "This", "That", "These", "Met", "Metropolitan", "Police", "London", "Service", "Quarter", "In", "Our",
    "We", "Of", "And", "For", "To", "On", "Board", "Plan", "Action", "Strategy", "Business", "Crime", "Officers",
    "Staff", "MPS", "Home", "Office", "National", "Chief", "Deputy", "Assistant", "Commissioner", "Commander",
    "Superintendent", "Inspector", "Sergeant", "Constable", "Director", "Mayor", "Public", "Violence", "Women",
    "Girls", "Safer", "Neighbourhoods", "Specialist", "Territorial", "Policing", "Crime", "Black", "Asian",
}
_WORD = r"[A-Z][\w'’-]*|[A-Z]{2,}[a-z]?|\d{4}(?:[–-]\d{2,4})?"
# words joined by single spaces only (a passage joins blocks with newlines), with
# small connecting words inside a name; "the" never joins two names
_CAP_PHRASE = re.compile(
    rf"(?<![\w'’-])(?:{_WORD})(?:(?:,| (?:(?:of|and|for|&|on|in|to|against|at)[ ]){{0,2}})(?: ?)(?:{_WORD}))*"
)
_TRIM = {"of", "and", "for", "the", "&", "on", "in", "to", "against", "at", "with"}
_SPLIT_AT = re.compile(r" (?:and|with|against|to|at|on|in) ")
_PLURAL_HEAD = re.compile(r"^(?P<a>.+?) and (?P<b>.+?) (?P<head>programmes|strategies|plans|teams|units|boards|campaigns)$")
_NOT_PLACES = {
    "North", "South", "East", "West", "Central", "England", "Wales", "Commonwealth", "Europe", "European",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Quarter", "Spring",
    "Summer", "Autumn", "Winter", "Phase", "Action", "Strand", "Annex", "Appendix", "Section", "Table",
    "Black", "White", "Asian", "English", "British", "Islamic", "Muslim", "Christian", "Jewish", "Mayor",
    "Commissioner", "Parliament", "Government", "Chief", "Deputy", "Met", "Police", "Home", "National",
}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
_STOP_START = {
    "The", "A", "An", "This", "That", "These", "Those", "Our", "Its", "Their", "His", "Her", "In", "On", "At",
    "By", "For", "From", "With", "As", "Of", "To", "And", "But", "Since", "During", "Following", "Through",
    "Within", "Under", "Over", "After", "Before", "All", "Each", "Every", "Some", "New", "Further", "Both",
    "Also", "It", "We", "They", "There", "Where", "When", "While", "Whilst", "However", "Although", "If",
    "Q1", "Q2", "Q3", "Q4", "Quarter", "Phase", "Her", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
    "Nine", "Ten", "Other", "Such", "Local", "Internal", "External", "Senior", "Current", "Existing",
}
_LIST_ITEM = re.compile(r"^(?:the\s+)?([A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})$")
_GENERIC = {
    "police", "service", "board", "group", "team", "unit", "plan", "strategy", "programme", "project",
    "office", "policy", "framework", "model", "review", "centre", "command", "directorate", "operation",
    "campaign", "pilot", "scheme", "trust", "council", "university", "agency", "network", "panel", "forum",
    "business plan", "action plan", "delivery plan", "the met", "met", "mps", "project board", "programme board",
    "management board", "steering group", "working group", "reference group", "leadership team",
    "senior leadership team", "business case", "outline business case", "full business case", "policing plan",
    "improvement plan", "data pack", "action plans", "the plan", "annual policing plan",
    "key performance indicators", "invitation to tender", "terms of reference",
}


@dataclass(frozen=True)
class Candidate:
    """An entity named in a passage: surface text, class, span in the passage, canonical name."""

    surface: str
    cls: str
    start: int
    end: int
    name: str
    role: str | None = None
    acronym: str | None = None


_OF_HEAD = re.compile(r"^(.+?)\s+(?:of|for|into|on)\s+[A-Z]")


def head_class(phrase: str) -> str | None:
    """Class of a phrase by its head noun, or None.

    The head is the last word ("Violent Crime Task Force"), or the noun before
    "of"/"for" ("Directorate of Professional Standards", "Office for Policing and Crime").
    """
    m = _PREFIX.match(phrase)
    if m:
        return "Initiative"
    for rx, cls in _HEAD_RES:
        if rx.search(phrase):
            return cls
    om = _OF_HEAD.match(phrase)
    if om and len(om.group(1).split()) <= 3:
        for rx, cls in _HEAD_RES:
            if rx.search(om.group(1)) and cls in ("Unit", "Organisation"):
                return cls
        if re.search(r"(?:^|\s)(?:inquiry|ministry|directorate|office|commission|department|centre)$", om.group(1), re.I):
            return "Organisation"
    return None


def canonical(name: str) -> str:
    """Normalise a name for display and linking (spacing, quotes, Taskforce/Task Force, Op/Operation)."""
    n = re.sub(r"\s+", " ", name).strip(" '‘’\"“”.,;:-–")
    n = re.sub(r"^(?:the|The)\s+", "", n)
    n = re.sub(r"^(?:Met|MPS|MOPAC)['’]s?\s+(?=\S+\s+\S+)", "", n)
    n = re.sub(r"\bTaskforce\b", "Task Force", n, flags=re.I)
    n = re.sub(r"^Op\s+", "Operation ", n)
    n = n.replace("’", "'")
    if n.isupper() and len(n) > 6:
        n = n.title()
    return n


def _trim_phrase(phrase: str) -> str:
    words = phrase.split()
    while words and (words[0] in _STOP_START or words[0] in _TRIM or words[0].rstrip("'’s") in _MONTHS) and not (words[0] == "Her" and len(words) > 1 and words[1].startswith("Majesty")):
        words = words[1:]
    while words and words[-1] in _TRIM:
        words = words[:-1]
    return " ".join(words)


def _split_commas(phrase: str) -> list[tuple[str, int]]:
    """A comma list is one name only when its last item is joined by 'and' ("A, B and C Board")."""
    if "," not in phrase:
        return [(phrase, 0)]
    parts = phrase.split(",")
    last = parts[-1]
    if " and " in last and head_class(phrase) is not None and len(parts) <= 3 and all(len(p.split()) <= 3 for p in parts[:-1]):
        return [(phrase, 0)]
    out, pos = [], 0
    for p in parts:
        stripped = p.strip()
        if stripped:
            out.append((stripped, pos + p.find(stripped)))
        pos += len(p) + 1
    return out


def _split_coordination(phrase: str) -> list[tuple[str, int]]:
    """'British Transport Police and City of London Police' -> both names, with offsets."""
    m = _PLURAL_HEAD.match(phrase)
    if m:
        return [(m.group("a"), 0), (m.group("b"), m.start("b"))]
    for sm in reversed(list(_SPLIT_AT.finditer(phrase))):
        left = phrase[: sm.start()]
        right = phrase[sm.end():]
        if head_class(left) is not None and len(left.split()) >= 2 and head_class(left) == head_class(right):
            return _split_coordination(left) + [(phrase[sm.end():], sm.end())]
    return [(phrase, 0)]


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:•\n|\"“‘'"


def find_candidates(text: str, acronyms: dict[str, str], common: set[str] | None = None) -> list[Candidate]:
    """All entity candidates in ``text`` (may overlap; the caller resolves).

    Args:
        acronyms: abbreviation -> long form, from the corpus.
        common: words seen mostly in lower case in the corpus (to drop sentence-initial verbs).
    """
    common = common or set()
    out: list[Candidate] = []
    # 1. operations / projects: "Operation Sceptre", "Op Onyx", "Project Servator"
    for m in re.finditer(r"\b([Oo]peration|Op|[Pp]roject|Exercise)\s+([A-Z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]*)?)", text):
        second = m.group(2)
        if second.split()[0] in {"Board", "Team", "Group", "Management", "Plan", "The"}:
            continue
        words = second.split()
        # "Operation Winter Key" keeps two words; "Operation Sceptre (our ..." one
        if len(words) == 2 and head_class(words[1]) is not None:
            words = words[:1]
        prefix = m.group(1).capitalize()
        name = f"{'Operation' if prefix in ('Op', 'Operation') else prefix} {' '.join(words)}"
        end = m.start(2) + len(" ".join(words))
        out.append(Candidate(text[m.start():end], "Initiative", m.start(), end, canonical(name)))
    # 2. capitalised phrases classed by head noun
    for m in _CAP_PHRASE.finditer(text):
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
                _add_phrase(out, text, part, base + coff + offset, common)
    _more_candidates(out, text, acronyms, common)
    return out


def _add_phrase(out: list[Candidate], text: str, phrase: str, start: int, common: set[str]) -> None:
    words = phrase.split()
    # sentence-initial verbs and the like: "Finalise the Business Case for Skills House"
    while len(words) > 2 and words[0].lower() in common and _sentence_initial(text, start) and words[1][:1].isupper():
        start += len(words[0]) + 1
        words = words[1:]
    phrase = " ".join(words)
    for sep in (" for ", " of "):
        left, _, right = phrase.partition(sep)
        if right and left.lower() in _GENERIC and right[:1].isupper():
            start += len(left) + len(sep)
            phrase = right
    if True:
        cls = head_class(phrase)
        m = _PLURAL_HEAD.match(phrase)
        if m:
            cls = head_class(m.group("head")[:-1] if not m.group("head").endswith("ies") else m.group("head")[:-3] + "y")
        if cls is None or phrase.lower() in _GENERIC or len(phrase) < 4:
            return
        words = phrase.split()
        if len(words) == 1 and not phrase.isupper():
            return  # a lone head noun ("Board") names nothing
        if len(words) > 9:
            tail = _trim_phrase(" ".join(words[-6:]))
            start += len(phrase) - len(tail)
            phrase = tail
        if not phrase or phrase.split()[0] in _STOP_START:
            return
        out.append(Candidate(phrase, cls, start, start + len(phrase), canonical(phrase)))


_LOWER_HEAD = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’-]*)(?: (?:(?:of|and|for|&|to|it)[ ]){0,2}[A-Z][\w'’-]*){0,5}) "
    r"(programme|strategy|plan|teams?|unit|board|project|pilot|scheme|task ?force|taskforce|centre|network|framework|initiative)\b"
)


def _more_candidates(out: list[Candidate], text: str, acronyms: dict[str, str], common: set[str]) -> None:
    # 2b. a capitalised name before a lower-case head noun: "Safer Neighbourhoods programme"
    for m in _LOWER_HEAD.finditer(text):
        words = m.group(1).split()
        while len(words) > 1 and words[0].lower() in common and _sentence_initial(text, m.start(1)):
            words = words[1:]
            if words and words[0] in _TRIM:
                words = words[1:]
        name = _trim_phrase(" ".join(words))
        if not name or name.split()[0] in _STOP_START or name.lower() in _GENERIC or name.isupper() and len(name) < 3:
            continue
        head = m.group(2)
        cls = head_class(head) or "Initiative"
        s = m.start(1) + m.group(1).find(name)
        if len(name.split()) == 1 and name.lower() in common:
            continue  # "Crime strategy": a common word, not a name
        if head.startswith("team"):
            # "Sapphire teams", "Jigsaw teams": the teams of a named unit or operation
            out.append(Candidate(name, cls, s, s + len(name), canonical(name)))
        else:
            out.append(Candidate(text[s:m.end(2)], cls, s, m.end(2), canonical(name)))
    # 3. "<quoted or capitalised name> campaign": 'Be Safe' awareness campaign, Stay Alert campaign
    for m in re.finditer(r"[‘'\"“]([A-Z][^’'\"”]{2,40})[’'\"”]\s+(?:\w+\s+)?(campaign|initiative|pilot|programme|app|package|event)", text):
        cls = "Programme" if m.group(2) == "programme" else "Initiative"
        out.append(Candidate(m.group(1), cls, m.start(1), m.end(1), canonical(m.group(1))))
    for m in re.finditer(r"\b((?:[A-Z][\w'’]*|it|to|for|and|of)(?:\s+(?:[A-Z][\w'’]*|it|to|for|and|of)){0,5})\s+(campaign|initiative)\b", text):
        name = _trim_phrase(m.group(1))
        if name and name[0].isupper() and name.lower() not in _GENERIC and name.split()[0] not in _STOP_START and len(name) > 3:
            s = m.start(1) + m.group(1).find(name)
            out.append(Candidate(name, "Initiative", s, s + len(name), canonical(name)))
    # 3b. command codes: "SCD5", "CO11", "SCO7"
    for m in re.finditer(r"\b((?:SCD|SCO|SO|CO|DCC|TP|OCU)\d{1,2})\b", text):
        out.append(Candidate(m.group(1), "Unit", m.start(1), m.end(1), m.group(1)))
    # 3c. places after a preposition: "in Brixton", "across the UK"
    for m in re.finditer(r"\b(?:in|across|throughout|from|near|outside|around|at|to)\s+(?:the\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?|UK)\b(?![ -]?[A-Z(]| (?:Police|Council|Trust|Borough|University|Service|Airport|Terminal))", text):
        name = m.group(1)
        first = name.split()[0]
        if first in _STOP_START or first in _MONTHS or first in _NOT_PLACES or first.lower() in common or head_class(name):
            continue
        if re.search(r"(?:ers|ians|ish|ic|ist|ists|ism)$", name):
            continue  # Londoners, Islamophobic: people and adjectives, not places
        out.append(Candidate(name, "Place", m.start(1), m.end(1), name))
    # 3d. organisations by association: other names listed alongside an organisation
    #     ("the NPCC, the Home Office, CPS, MOPAC, the NHS, British Retailers Consortium")
    _list_context(out, text)
    # 4. people
    for rx in _PERSON_PATTERNS:
        for m in rx.finditer(text):
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
            out.append(Candidate(name, "Person", s, s + len(name), name, role))
    # 5. boroughs and BCUs
    for m in _BOROUGH_RE.finditer(text):
        out.append(Candidate(m.group(1), "Place", m.start(1), m.end(1), m.group(1)))
    for m in re.finditer(r"\b(?:(Central|North|South|East|West)(?:\s+(North|South|East|West))?(?:\s+(?:Area|Region))?\s+BCU|BCU\s+(Central|North|South|East|West)(?:\s+(North|South|East|West))?)\b", text):
        parts = [p for p in m.groups() if p]
        name = f"{' '.join(parts)} BCU"
        out.append(Candidate(m.group(0), "Unit", m.start(), m.end(), name))
    # 6. acronyms defined somewhere in the corpus
    for m in re.finditer(r"\b([A-Z][A-Za-z&]{1,8}?)(s?)\b", text):
        abbr = m.group(1)
        if abbr in acronyms and sum(c.isupper() for c in abbr) >= 2:
            long_form = acronyms[abbr]
            cls = head_class(long_form) or head_class(long_form.title()) or usage_class(abbr, text)
            if cls:
                out.append(Candidate(m.group(0), cls, m.start(), m.end(), canonical(_title(long_form)), acronym=abbr))
    return out


def usage_class(abbr: str, text: str) -> str | None:
    """Class of an acronym from the noun that follows it ("the SENP programme")."""
    m = re.search(rf"\b{re.escape(abbr)}\s+([a-z]+)", text)
    return head_class(m.group(1)) if m else None


def _list_context(out: list[Candidate], text: str) -> None:
    orgs = [c for c in out if c.cls == "Organisation"]
    seen_sentences: set[int] = set()
    for c in orgs:
        s0 = max(text.rfind(". ", 0, c.start), text.rfind("\n", 0, c.start), text.rfind("(", 0, c.start), text.rfind(":", 0, c.start)) + 1
        if s0 in seen_sentences:
            continue
        seen_sentences.add(s0)
        ends = [i for i in (text.find(". ", c.end), text.find("\n", c.end), text.find(")", c.end), text.find(";", c.end)) if i != -1]
        e0 = min(ends) if ends else len(text)
        sentence = text[s0:e0]
        pieces = re.split(r",\s*|\s+and\s+|\s+or\s+", sentence)
        if len(pieces) < 3:
            continue
        pos = s0
        for piece in pieces:
            at = text.find(piece, pos)
            if at == -1:
                continue
            pos = at + len(piece)
            m = _LIST_ITEM.match(piece.strip())
            if not m:
                continue
            name = m.group(1)
            if name in _STOP_START or name.split()[0] in _NOT_NAMES or name.split()[0] in _MONTHS or len(name) < 2:
                continue
            start = at + piece.find(name)
            out.append(Candidate(name, "Organisation", start, start + len(name), canonical(name)))


def _title(text: str) -> str:
    if text[:1].isupper():
        return text
    return " ".join(w if w in CONNECT else w[:1].upper() + w[1:] for w in text.split())


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidate where spans overlap; acronyms never lose to a generic phrase."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            prev = out[-1]
            if (c.end - c.start) > (prev.end - prev.start):
                out[-1] = c
            continue
        out.append(c)
    return out


def acronym_of(name: str, acronyms: dict[str, str]) -> str | None:
    """The corpus acronym whose long form is ``name``, if any."""
    low = name.lower()
    for abbr, long_form in acronyms.items():
        if canonical(_title(long_form)).lower() == low and initials_match(name, abbr):
            return abbr
    return None
