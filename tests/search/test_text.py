from kg.search.text import (
    Acronyms,
    acronym_definitions,
    initials,
    split_sentences,
    stem,
    tokenize,
)


def test_stem_conflates_inflections():
    assert stem("officers") == stem("officer")
    assert stem("dismissed") == stem("dismissing") == stem("dismiss")
    assert stem("investigations") == stem("investigated")
    assert stem("process") == "process"


def test_tokenize_drops_stopwords_and_thousand_commas():
    assert tokenize("How many of the 1,200 IVMAs were installed?") == ["1200", "ivma", "install"]
    assert tokenize("") == []


def test_sentences_join_short_fragments():
    text = "51 officers have been dismissed for gross misconduct (+70%). Done.\n• A bullet that stands on its own line."
    assert split_sentences(text) == [
        "51 officers have been dismissed for gross misconduct (+70%). Done.",
        "• A bullet that stands on its own line.",
    ]


def test_acronym_definitions_need_matching_initials():
    text = (
        "The child abuse investigation command (CAIC) works with child abuse investigation teams (CAITs). "
        "Violence against Women and Girls (VAWG) strategy. Some words (XYZ) here."
    )
    found = acronym_definitions(text)
    assert found["CAIC"] == "child abuse investigation command"
    assert found["CAIT"] == "child abuse investigation teams"
    assert found["VAWG"] == "Violence against Women and Girls"
    assert "XYZ" not in found
    assert initials("Stalking Threat Assessment Centre") == "STAC"


def test_acronyms_from_graph_labels_expand_questions():
    acr = Acronyms.collect([], [("Stalking Threat Assessment Centre", ["STAC"]), ("MOPAC", ["Mayor's Office for Policing and Crime"])])
    assert acr.expand("What does STAC do?") == "What does STAC do? (STAC: Stalking Threat Assessment Centre)"
    assert "Mayor's Office" in acr.expand("MOPAC funding")
    # no expansion when the long form is already there
    assert acr.expand("the Stalking Threat Assessment Centre (STAC)") == "the Stalking Threat Assessment Centre (STAC)"


def test_acronyms_spelled_out_in_place():
    acr = Acronyms({"BCU": "basic command unit", "STAC": "Stalking Threat Assessment Centre"})
    assert acr.spell_out("borough and BCU command structure") == "borough and basic command unit command structure"
    assert acr.spell_out("12 BCUs and the STAC") == "12 basic command units and the Stalking Threat Assessment Centre"
    # left alone: no acronym, an unknown one, or one whose long form is already there
    assert acr.spell_out("stop and search") == "stop and search"
    assert acr.spell_out("the OCU") == "the OCU"
    assert acr.spell_out("a basic command unit (BCU)") == "a basic command unit (BCU)"
