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

The rules live in modules by what they look at (``phrases``, ``introduced``,
``lower_heads``, ``lists``, ``places``, ``people``, ``force_units``), sharing
``vocabulary`` (the word lists), ``names`` (class by head noun, canonical names) and
``candidates`` (what a rule finds; overlap resolution). This module runs them in order
and is the entry point the rest of the build imports from.
"""
from __future__ import annotations

from kg.build.extract.candidates import Candidate, _Text, resolve_overlaps
from kg.build.extract.force_units import _codes, _met_parts, _policing_units
from kg.build.extract.introduced import (
    _acronyms,
    _bracketed_names,
    _campaigns,
    _defined_names,
    _introduced_names,
    _quoted_names,
)
from kg.build.extract.lists import _kind_lists, _list_context
from kg.build.extract.lower_heads import _lower_heads, _units_of
from kg.build.extract.names import acronym_of, canonical, defined_class, head_class, usage_class
from kg.build.extract.people import _offices, _people
from kg.build.extract.phrases import _capitalised_phrases, _operations
from kg.build.extract.places import _boroughs_and_bcus, _places
from kg.build.extract.vocabulary import _GENERIC, BOROUGHS, CONNECT

# what the rest of the build imports from here (kg.build.link also uses the generic names)
__all__ = [
    "BOROUGHS", "CONNECT", "Candidate", "_GENERIC", "acronym_of", "canonical", "defined_class", "find_candidates",
    "head_class", "resolve_overlaps", "usage_class",
]


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


# the list context looks at the names found by the rules before it: full names, not bare
# acronyms (in a list of acronyms, a capitalised "Furthermore" would pass for one more)
_RULES = (
    _operations, _capitalised_phrases, _defined_names, _bracketed_names, _lower_heads, _units_of,
    _quoted_names, _campaigns, _introduced_names, _kind_lists, _codes, _places, _list_context,
    _offices, _people, _boroughs_and_bcus, _met_parts, _policing_units, _acronyms,
)
