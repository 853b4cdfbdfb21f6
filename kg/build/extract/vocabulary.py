"""Words and word patterns the entity rules share.

Head nouns and the class each gives a name, titles of people, words that open a sentence
rather than a name, months, names too generic to name one thing, the kind nouns that
introduce lists, and the London boroughs (the one closed list: place names carry no
marker). A pattern only one rule uses lives with that rule.
"""
from __future__ import annotations

import re

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

_TITLES = (
    r"Commissioner|Deputy Commissioner|Assistant Commissioner|Deputy Assistant Commissioner|Commander|"
    r"Detective Chief Superintendent|Detective Superintendent|Chief Superintendent|Superintendent|"
    r"Detective Chief Inspector|Chief Inspector|Inspector|Sergeant|Constable|DCS|DAC|AC|DC|PC|DCI|DI|DS|"
    r"Baroness|Baron|Lord|Lady|Dame|Sir|Dr|Mr|Mrs|Ms|Professor|Mayor|Deputy Mayor|Victims'? Commissioner|"
    r"Director|Chief Officer|T/Chief Officer"
)
_TITLE_WORDS = set(re.findall(r"[A-Z][A-Za-z/]+", _TITLES))
_LOWER_TITLES = {w.lower() for w in _TITLE_WORDS}
_NOT_NAMES = {
    "The", "This", "That", "These", "Met", "Metropolitan", "Police", "London", "Service", "Quarter", "In", "Our",
    "We", "Of", "And", "For", "To", "On", "Board", "Plan", "Action", "Strategy", "Business", "Crime", "Officers",
    "Staff", "MPS", "Home", "Office", "National", "Chief", "Deputy", "Assistant", "Commissioner", "Commander",
    "Superintendent", "Inspector", "Sergeant", "Constable", "Director", "Mayor", "Public", "Violence", "Women",
    "Girls", "Safer", "Neighbourhoods", "Specialist", "Territorial", "Policing", "Black", "Asian",
}
_TRIM = {"of", "and", "for", "the", "&", "on", "in", "into", "to", "against", "at", "with"}
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
_ACRONYM = re.compile(r"[A-Z][A-Z&]+s?")

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
