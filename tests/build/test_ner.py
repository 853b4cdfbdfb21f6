"""Named-entity rules on small hand-written sentences, and one score on the seed corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.build.extract.acronyms import initials_match, inline_acronyms, lowercase_definitions
from kg.build.extract.entities import Candidate, find_candidates, head_class, resolve_overlaps
from kg.build.link import CorpusText, _key_map, is_generic

EVAL = Path(__file__).resolve().parents[1] / "eval"


def names(text: str, acronyms: dict[str, str] | None = None, common: set[str] | None = None) -> dict[str, str]:
    """Canonical name -> class of the candidates that survive overlap resolution."""
    return {c.name: c.cls for c in resolve_overlaps(find_candidates(text, acronyms or {}, common or set()))}


# --- head nouns -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase,cls",
    [
        ("Violent Crime Task Force", "Unit"),
        ("Directorate of Professional Standards", "Unit"),
        ("Mayor's Office for Policing and Crime", "Organisation"),
        ("Stop and Search Charter", "Strategy"),
        ("STRIDE Strategy 2021-2025", "Strategy"),  # a trailing year is not the head
        ("Multi-Agency-Safeguarding-Hub", "Unit"),  # the head after a hyphen and a capital
        ("Empress State Building", "Place"),
        ("Operation Sceptre", "Initiative"),
        ("Co-pilot", None),  # ... but not after a hyphen inside a word
        ("Body Worn Video", None),
    ],
)
def test_head_noun_classifies_a_phrase(phrase, cls):
    assert head_class(phrase) == cls


def test_capitalised_phrase_with_a_head_is_a_name():
    found = names("Quarter 2 saw the launch of our pan-London Telephone and Digital Investigation Unit.")
    assert found == {"Telephone and Digital Investigation Unit": "Unit"}


def test_lone_head_noun_and_kinds_are_not_names():
    assert names("The Board agreed the Business Plan.") == {}


def test_sentence_may_open_with_a_name_but_a_milestone_opens_with_a_verb():
    common = {"cycle", "commence"}
    assert "Cycle Safety Team" in names("Sufficient room. Cycle Safety Team officers patrol.", common=common)
    found = names('Q3 milestone: "Commence Leading for London Programme"', common=common)
    assert "Leading for London Programme" in found and not any(n.startswith("Commence") for n in found)


# --- acronyms ---------------------------------------------------------------------------------------


def test_long_form_with_acronym():
    text = "the recommendations made by Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services (HMICFRS) into"
    [(long_form, abbr, s, e)] = inline_acronyms(text)
    assert (long_form, abbr) == ("Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services", "HMICFRS")
    assert text[s:e] == long_form
    # one name, not split at its "and"s
    assert names(text) == {long_form: "Organisation"}


def test_lower_case_definitions_both_ways():
    text = (
        "The homicide prevention unit (HPU) undertakes profiles, supported by the co-ordinating and "
        "tasking office (CATO), to ACPO MIRSAP (major incident room standardised administrative procedures) protocols."
    )
    pairs = {(lf, abbr) for lf, abbr, _, _ in lowercase_definitions(text)}
    assert pairs == {
        ("homicide prevention unit", "HPU"),
        ("co-ordinating and tasking office", "CATO"),
        ("major incident room standardised administrative procedures", "MIRSAP"),
    }
    assert initials_match("co-ordinating and tasking office", "CATO")


def test_lower_case_definitions_of_kinds_and_roles_are_not_names():
    text = "police community support officers (PCSOs) and the deputy commissioner (DC) on anti-social behaviour (ASB)"
    assert names(text) == {}


def test_acronym_takes_its_long_form_and_the_class_of_the_noun_after_it():
    acronyms = {"SENP": "Strongest Ever Neighbourhood Policing"}
    [c] = resolve_overlaps(find_candidates("Core to the SENP programme is engagement.", acronyms, set()))
    assert (c.name, c.cls, c.acronym, c.surface) == ("Strongest Ever Neighbourhood Policing", "Programme", "SENP", "SENP")


def test_name_with_an_acronym_inside():
    found = names('Q2 milestone: "Support MOPAC to review the Violence against Women and Girls (VAWG) Strategy"')
    assert found["Violence against Women and Girls (VAWG) Strategy"] == "Strategy"


# --- coordination and lists -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("joined by colleagues from the British Transport Police and the City of London Police.",
         {"British Transport Police", "City of London Police"}),
        ("joined by British Transport Police and City of London Police officers",
         {"British Transport Police", "City of London Police"}),
        ("with colleagues from the NCA, City of London Police and Hertfordshire Police for an operation",
         {"City of London Police", "Hertfordshire Police"}),
        ("A joint MPS and Haringey Children's Services report", {"Haringey Children's Services"}),
        ("The Commissioner visited the Islamic Cultural Centre in Regent's Park.",
         {"Islamic Cultural Centre", "Regent's Park"}),
    ],
)
def test_coordination_splits_two_names(text, expected):
    assert expected <= set(names(text))


def test_comma_list_before_a_head_is_one_name():
    found = names("our partners (The Suzy Lamplugh Trust and Barnet, Enfield and Haringey Mental Healthcare Trust) in")
    assert {"Suzy Lamplugh Trust", "Barnet, Enfield and Haringey Mental Healthcare Trust"} <= set(found)
    assert "Enfield" not in found  # the borough belongs to the trust's name


def test_names_listed_after_a_kind_noun():
    found = names("intended to secure airplay on channels such as MTV Bass, Channel U, MTV and Channel 4. The video")
    assert {n for n, c in found.items() if c == "Organisation"} == {"MTV Bass", "Channel U", "MTV", "Channel 4"}
    found = names("Trident use youth brands Kiss and Choice as media partners")
    assert {"Kiss", "Choice"} <= set(found)


def test_names_listed_before_and_other_kind():
    found = names("It also received coverage on ITV, LBC, in the Evening Standard and other outlets.")
    assert {"ITV", "LBC", "Evening Standard"} <= set(found)


def test_two_names_before_a_plural_head():
    found = names("an update on the Strongest Ever Neighbourhood Policing and Raising Standards programmes within")
    assert {"Strongest Ever Neighbourhood Policing", "Raising Standards"} <= set(found)


# --- lower-case heads, units, quotes ----------------------------------------------------------------


def test_named_owner_with_a_lower_case_unit():
    acronyms = {"TP": "territorial policing", "MPS": "Metropolitan Police Service"}
    found = names("The MPS has a Safer Neighbourhoods delivery team, and the TP partnership team analyses.", acronyms)
    assert found.get("Safer Neighbourhoods delivery team") == "Unit"
    assert found.get("TP partnership team") == "Unit"
    # the force's own board is a kind of board, not a named unit
    assert "MPS management board" not in names("reviewed by the MPS management board", acronyms)


def test_a_glossary_line_is_not_a_named_unit():
    acronyms = {"CAIC": "child abuse investigation command", "TP": "territorial policing"}
    glossary = "ABC Acceptable Behaviour Contract\nCAIC child abuse investigation command\nCAIT child abuse investigation team"
    assert not any(n.startswith("CAIC") for n in names(glossary, acronyms))
    # the owner's acronym with a description of its own is still a unit
    assert names("the CAIC partnership and development unit", acronyms).get("CAIC partnership and development unit") == "Unit"


def test_plural_teams_name_their_unit():
    found = names("officers join Sapphire teams across London")
    assert found["Sapphire"] == "Unit" and "Sapphire teams" not in found


def test_quoted_title_case_name():
    assert names("The MPS website contains the 'Consulting London' link.") == {"Consulting London": "Initiative"}
    assert names("an in-house mobile application named 'Cyber Tools' which") == {}
    assert names("Think Child. We ask officers to 'Think Child. Think Safeguarding' daily") == {}


def test_known_as_takes_the_class_of_the_noun_before():
    assert names("17 staff support associations, collectively known as SAMUARI.") == {"SAMUARI": "Organisation"}
    assert names("the charity Unseen, to maximise reach") == {"Unseen": "Organisation"}


# --- operations, people, places ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,name",
    [
        ("legacy cases via Op Onyx review", "Operation Onyx"),
        ("**OPERATION RAPTOR AT HEATHROW**", "Operation Raptor"),
        ("*Operation Sceptre* (our Met-wide operation to tackle knife crime)", "Operation Sceptre"),
        ("Operation Winter Key is the Met's contact", "Operation Winter Key"),
    ],
)
def test_operation_prefix(text, name):
    assert names(text).get(name) == "Initiative"


def test_person_after_a_title_and_in_a_report_by_line():
    cands = resolve_overlaps(find_candidates("as recommended by Commander Savell and DCS Parm Sandhu.", {}, set()))
    people = {c.name: c.role for c in cands if c.cls == "Person"}
    assert people == {"Savell": "Commander", "Parm Sandhu": "DCS"}
    found = names("Report by: T/Chief Officer for Strategy and Transformation Michelle Thorp, AC Gray, AC Rolfe",
                  common={"strategy", "transformation"})
    assert {n for n, c in found.items() if c == "Person"} == {"Michelle Thorp", "Gray", "Rolfe"}
    assert "Chief Officer for Strategy" not in found  # a post


def test_places_after_a_preposition_and_in_a_list():
    found = names("the impact of travelling offenders is evident, such as in Bristol, Birmingham and Nottingham.")
    assert {n for n, c in found.items() if c == "Place"} == {"Bristol", "Birmingham", "Nottingham"}
    found = names("vehicles were stopped on the M1 and elsewhere in the UK.")
    assert {"M1", "UK"} <= set(found)
    found = names("We had a Met Command Unit meeting in London (MOPAC) with Commander Smith in Brixton.")
    assert "Brixton" in found and "Smith" not in {n for n, c in found.items() if c == "Place"}


def test_compass_units():
    found = names("advisors embedded in the Central North and East BCU regions")
    assert {"Central North BCU", "East BCU"} == set(found)


# --- linking ----------------------------------------------------------------------------------------


def test_generic_kinds_are_filtered():
    corpus = CorpusText(
        "Each borough has Independent Advisory Groups. The Independent Advisory Group met. "
        "The deputy commissioner chairs it; the Deputy Commissioner said. "
        "The homicide prevention unit works. Bring communities together. The Communities Together "
        "initiative, the Communities Together project."
    )
    assert is_generic("Independent Advisory Group", "Unit", corpus, set(), {})  # used in the plural
    assert is_generic("Deputy Commissioner", "Unit", corpus, set(), {})  # lower case as often
    assert not is_generic("Homicide Prevention Unit", "Unit", corpus, {"homicide prevention unit"}, {})  # defined
    assert not is_generic("Communities Together", "Initiative", corpus, set(), {})  # mostly capitalised


def test_bare_operation_name_and_force_without_service_join_the_full_name():
    cands = [
        Candidate("Operation Trident", "Initiative", 0, 17, "Operation Trident"),
        Candidate("Trident", "Place", 0, 7, "Trident", basis="context"),
        Candidate("Metropolitan Police Service", "Organisation", 0, 27, "Metropolitan Police Service"),
        Candidate("Metropolitan Police", "Organisation", 0, 19, "Metropolitan Police"),
    ]
    keys = _key_map(cands)
    assert keys["Trident"] == keys["Operation Trident"]
    assert keys["Metropolitan Police"] == keys["Metropolitan Police Service"]


# --- the seed corpus --------------------------------------------------------------------------------


def test_named_entity_scores_on_the_seeds(seed_corpus, seed_extraction):
    from kg.build.evaluate import evaluate, summarise

    scores = summarise(evaluate(seed_corpus, seed_extraction, EVAL / "entities.jsonl", EVAL / "entities_scope.json"))
    assert scores["precision"] >= 0.85
    assert scores["recall"] >= 0.886  # reached 0.916; a drop of more than 0.03 is a regression


def test_linking_across_years(seed_corpus, seed_extraction):
    year = {p.id: d.meta.year for d in seed_corpus for p in d.passages}

    def years(label: str) -> set[int]:
        item = next(i for i in seed_extraction.items.values() if i.label == label and i.doc_id is None)
        return {year[p] for p in item.passages}

    assert {2017, 2018} <= years("Stalking Threat Assessment Centre")
    assert {2006, 2018} <= years("Operation Trident")
    assert {2006, 2017} <= years("Operation Jigsaw")
    assert {2006, 2018} <= years("Empress State Building")
    labels = {(i.cls, i.label): i for i in seed_extraction.items.values()}
    assert ("Programme", "Safer Neighbourhoods") in labels
    assert "SENP" in labels[("Programme", "Strongest Ever Neighbourhood Policing")].alt_labels


def test_new_documents_of_the_same_kinds(tiny_seeds):
    """The tiny hand-made corpus: names found, and no glossary lines, dates or title words glued on."""
    from kg.build.corpus import load_corpus
    from kg.build.pipeline import extract

    ext = extract(load_corpus(tiny_seeds))
    labels = {i.label for i in ext.items.values() if i.doc_id is None}
    assert {"Operation Lantern", "Crown Prosecution Service", "Hate Crime Unit", "Burglary Task Force", "Jane Smith"} <= labels
    assert not labels & {"Operation Lantern in 2008", "CPS Crown Prosecution Service", "HCU Hate Crime Unit", "Service Delivery"}
