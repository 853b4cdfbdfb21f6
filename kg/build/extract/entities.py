"""Named-entity recognition by the language of the documents.

Rules look at the shape of names and at how the text introduces them, never at a
list of answers:

- a capitalised phrase is classed by its head noun ("... Task Force" -> Unit,
  "... Strategy" -> Strategy, "Directorate of ..." -> Unit), a lower-case head after
  a name ("the Safer Neighbourhoods programme"), or an operation prefix
  ("Operation Sceptre", "OPERATION RAPTOR");
- a name is introduced by an acronym ("Long Form (ABBR)", also in lower case as
  the inspection reports write them: "homicide prevention unit (HPU)"), by quotes
  ("the 'Consulting London' link"), by "known as", by an apposition ("the charity
  Unseen") or by a list after a kind noun ("channels such as MTV, Channel 4";
  "ITV, LBC and other outlets");
- a place follows a preposition ("in Brixton", "in Bristol, Birmingham and
  Nottingham"), carries a place head ("Heathrow Airport") or is a motorway ("the M1");
- a person follows a title ("Commander Savell") or stands in a "Report by:" line.

London boroughs come from a small gazetteer (the 33 local authority areas), the one
closed list, since place names carry no marker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.build.extract.acronyms import initials_match, inline_acronyms, lowercase_definitions

CONNECT = {"of", "and", "for", "the", "&", "on", "in", "to", "against", "it", "at", "with", "into"}

_HEADS: list[tuple[str, str]] = [
    # (regex for the head word(s), class) — checked against the phrase's last words
    (r"task\s?force|taskforce", "Unit"),
    (
        (
            r"command|directorate|unit|team|squad|bureau|branch|department|division|hub|ocu|bcu|panel|board|group|"
            r"forum|committee|network|centre|center|academy|cadets"
        ),
        "Unit",
    ),
    (r"programme|program|portfolio|collaboration", "Programme"),
    (r"strategy|plan|framework|charter|policy|code of practice|protocol|model|scheme of work|manifesto|review|handbook", "Strategy"),
    (r"campaign|initiative|pilot|project|scheme|operation|exercise|week|roadshow|fair|toolkit|portal|app|platform|trial", "Initiative"),
    (
        (
            r"college of policing|trust|university|college|police|constabulary|council|agency|commission|inspectorate|"
            r"office|authority|institute|brigade|association|ministry|foundation|society|consortium|service|services|nhs|"
            r"prosecution service|parliament|government|court|courts|cabinet|federation|partnership|coalition|charity"
        ),
        "Organisation",
    ),
    (r"building|house|yard|airport|station|terminal|street|park|road|bridge|tower|estate|square|palace|hall|church|stadium", "Place"),
]
_HEAD_RES = [(re.compile(rf"(?:^|\s)(?:{p})$", re.IGNORECASE), cls) for p, cls in _HEADS]
# a head is the last word, also after a hyphen before a capital ("Multi-Agency-Safeguarding-Hub",
# but not "Co-pilot")
_WORD_BREAK = re.compile(r"\s+|-(?=[A-Z])")
# heads of a name defined with an acronym in lower case ("quality of service commitment (QoSC)"):
# there the acronym already says it is a name, so nouns of arrangements and business areas count too
_DEFINED_HEADS = re.compile(r"(?:^|\s)(?:commitment|arrangements|procedures|process|operations|policing)$", re.IGNORECASE)
_OF_HEAD = re.compile(r"^(.+?)\s+(?:of|for|into|on)\s+[A-Z]")
_OF_ORGS = re.compile(r"(?:^|\s)(?:inquiry|ministry|directorate|office|commission|department|centre)$", re.IGNORECASE)
_TRAILING_YEAR = re.compile(r"\s+\d{4}(?:\s?[–—-]\s?\d{2,4})?$")
_PREFIX = re.compile(r"^(Operation|Op|Project|Exercise)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")

BOROUGHS = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London", "Croydon",
    "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston", "Lambeth", "Lewisham",
    "Merton", "Newham", "Redbridge", "Richmond", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster",
)
# a borough named inside a longer name ("Enfield and Haringey Mental Healthcare Trust",
# "Hackney Police") belongs to that name, not to the place
_BOROUGH_RE = re.compile(
    r"\b(" + "|".join(re.escape(b) for b in sorted(BOROUGHS, key=len, reverse=True)) + r")\b"
    r"(?!\s+(?:Police|Council|Borough Council|Mental|Trust|Safeguarding|Children)|,?\s+(?:and\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:Trust|Council|Police)\b)"
)

_TITLES = (
    r"Commissioner|Deputy Commissioner|Assistant Commissioner|Deputy Assistant Commissioner|Commander|"
    r"Detective Chief Superintendent|Detective Superintendent|Chief Superintendent|Superintendent|"
    r"Detective Chief Inspector|Chief Inspector|Inspector|Sergeant|Constable|DCS|DAC|AC|DC|PC|DCI|DI|DS|"
    r"Baroness|Baron|Lord|Lady|Dame|Sir|Dr|Mr|Mrs|Ms|Professor|Mayor|Deputy Mayor|Victims'? Commissioner|"
    r"Director|Chief Officer|T/Chief Officer"
)
_TITLE_WORDS = set(re.findall(r"[A-Z][A-Za-z/]+", _TITLES))
_LOWER_TITLES = {w.lower() for w in _TITLE_WORDS}
_ROLE = re.compile(rf"(?:[A-Z]/)?(?:{_TITLES})\s+(?:for|of)\s")
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
    "Girls", "Safer", "Neighbourhoods", "Specialist", "Territorial", "Policing", "Black", "Asian",
}
_WORD = r"[A-Z][\w'’-]*|[A-Z]{2,}[a-z]?|\d{4}(?: ?[–—-] ?\d{2,4})?"
# words joined by single spaces only (a passage joins blocks with newlines), with
# small connecting words inside a name; "the" never joins two names
_CAP_PHRASE = re.compile(
    rf"(?<![\w'’-])(?:{_WORD})(?:(?:,| (?:(?:of|and|for|&|on|in|into|to|against|at)[ ]){{0,2}})(?: ?)(?:{_WORD}))*"
)
_TRIM = {"of", "and", "for", "the", "&", "on", "in", "into", "to", "against", "at", "with"}
_SPLIT_AT = re.compile(r" (?:and|with|against|to|at|on|in) ")
_PLURAL_HEAD = re.compile(r"^(?P<a>.+?) and (?P<b>.+?) (?P<head>programmes|strategies|plans|teams|units|boards|campaigns)$")
_COMPASS = r"(?:Central|North|South|East|West)(?: (?:North|South|East|West))?"
_NOT_PLACES = {
    "North", "South", "East", "West", "Central", "England", "Wales", "Commonwealth", "Europe", "European",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Quarter", "Spring",
    "Summer", "Autumn", "Winter", "Phase", "Action", "Strand", "Annex", "Appendix", "Section", "Table",
    "Black", "White", "Asian", "English", "British", "Islamic", "Muslim", "Christian", "Jewish", "Mayor",
    "Commissioner", "Parliament", "Government", "Chief", "Deputy", "Met", "Police", "Home", "National",
} | _TITLE_WORDS
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
_STOP_START = {
    "The", "A", "An", "This", "That", "These", "Those", "Our", "Its", "Their", "His", "Her", "In", "On", "At",
    "By", "For", "From", "With", "As", "Of", "To", "And", "But", "Since", "During", "Following", "Through",
    "Within", "Under", "Over", "After", "Before", "All", "Each", "Every", "Some", "Further", "Both",
    "Also", "It", "We", "They", "There", "Where", "When", "While", "Whilst", "However", "Although", "If",
    "Q1", "Q2", "Q3", "Q4", "Quarter", "Phase", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
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
    # what the candidate rests on: "shape" (its own words), "marked" (the text marks it as a
    # name: quotes, an acronym definition; used in lower case elsewhere it is still a name)
    # or "context" (its class is guessed from its surroundings; other mentions decide)
    basis: str = "shape"


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


class _Text:
    """A passage with what the rules share: corpus acronyms and words used mostly in lower case."""

    def __init__(self, text: str, acronyms: dict[str, str], common: set[str]):
        self.text = text
        self.acronyms = acronyms
        self.common = common
        self.out: list[Candidate] = []

    def add(self, start: int, end: int, cls: str, name: str | None = None, **kw) -> None:
        surface = self.text[start:end]
        self.out.append(Candidate(surface, cls, start, end, name or canonical(surface), **kw))

    def sentence_initial(self, pos: int) -> bool:
        before = self.text[:pos].rstrip()
        return not before or before[-1] in ".!?:•\n|\"“‘'"

    def imperative_start(self, pos: int) -> bool:
        before = self.text[:pos].rstrip()
        return not before or before[-1] in ":•\n|\"“‘'-"


def find_candidates(text: str, acronyms: dict[str, str], common: set[str] | None = None) -> list[Candidate]:
    """All entity candidates in ``text`` (may overlap; ``resolve_overlaps`` picks).

    Args:
        acronyms: abbreviation -> long form, from the corpus.
        common: words seen mostly in lower case in the corpus (to tell common nouns
            and sentence-initial verbs from names).
    """
    t = _Text(text, acronyms, common or set())
    for rule in _RULES:
        rule(t)
    return t.out


# --- rules -------------------------------------------------------------------------------------------


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


_ACRONYM = re.compile(r"[A-Z][A-Z&]+s?")


def _last_word_class(phrase: str) -> str | None:
    """Class by the head noun at the end only ("... Exeter University and UCL" has none)."""
    phrase = _TRAILING_YEAR.sub("", _WORD_BREAK.sub(" ", phrase))
    return next((cls for rx, cls in _HEAD_RES if rx.search(phrase)), None)


def _is_place(name: str) -> bool:
    return head_class(name) == "Place" or name in BOROUGHS or name in ("London", "UK")


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


# plural kind nouns that introduce a list of names of one class
_KINDS = {
    "Organisation": "channels|brands|broadcasters|stations|newspapers|outlets|media|partners|agencies|organisations|"
                    "bodies|charities|forces|companies|associations|institutions|universities|councils",
    "Unit": "departments|units|teams|directorates|commands|committees|squads",
    "Initiative": "initiatives|projects|operations|campaigns|pilots|schemes",
    "Programme": "programmes",
    "Place": "cities|towns|places|countries|locations|boroughs",
}
_KIND_OF = {w: cls for cls, ws in _KINDS.items() for w in ws.split("|")}
_KIND_RE = "|".join(_KIND_OF)
# a kind noun may open a sentence: "Departments such as SO and the SCD"
_LIST_START = re.compile(r"\b(" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _KIND_OF) + r")\s+(?:(such as|including|like|e\.g\.)\s+)?")
_LIST_NAME = re.compile(r"(?:the\s+)?([A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|on)\s+)?(?:[A-Z][\w&'’-]*|\d+\b))*)")
_LIST_SEP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|;\s*")
_AND_OTHER = re.compile(rf"\s+and\s+(?:many\s+|several\s+)?other(?:\s+({_KIND_RE})|s)\b")


def _kind_class(noun: str) -> str | None:
    noun = noun.lower()
    if noun in _KIND_OF:
        return _KIND_OF[noun]
    return head_class(noun[:-1]) if noun.endswith("s") else head_class(noun)


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


def _codes(t: _Text) -> None:
    """Command codes: 'SCD5', 'CO11', 'SCO7'; 'SCD1(2) Homicide West' names the team too."""
    for m in re.finditer(r"\b((?:SCD|SCO|SO|CO|DCC|TP|OCU)\d{1,2}(?:\(\d\))?)(?:\s+((?:[A-Z][a-z]+\s+)?(?:North|South|East|West|Central)))?", t.text):
        t.add(m.start(1), m.end(1), "Unit", m.group(1))
        if m.group(2):
            t.add(m.start(2), m.end(2), "Unit", m.group(2), acronym=m.group(1))
    # "the flying squad (SCD7)": a lower-case name given its command code
    for m in re.finditer(r"\bthe ((?:[a-z][\w-]* ){0,3}(?:squad|unit|team|command|branch|group))\s+\(((?:SCD|SCO|SO|CO|DCC|TP)\d{1,2})\)", t.text):
        t.add(m.start(1), m.end(1), "Unit", canonical(_title(m.group(1))), acronym=m.group(2), basis="marked")


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


def usage_class(abbr: str, text: str) -> str | None:
    """Class of an acronym from the noun that follows it ("the SENP programme", "(TPAC) teams")."""
    m = re.search(rf"\b{re.escape(abbr)}\)?\s+([a-z]+)", text)
    if not m:
        return None
    noun = m.group(1)
    return head_class(noun) or (head_class(noun[:-1]) if noun.endswith("s") else None)


# the list context looks at the names found by the rules before it: full names, not bare
# acronyms (in a list of acronyms, a capitalised "Furthermore" would pass for one more)
_RULES = (
    _operations, _capitalised_phrases, _defined_names, _bracketed_names, _lower_heads, _units_of,
    _quoted_names, _campaigns, _introduced_names, _kind_lists, _codes, _places, _list_context,
    _offices, _people, _boroughs_and_bcus, _met_parts, _policing_units, _acronyms,
)


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
