"""Search over the tiny corpus with the hash embedder: hits, filters, modes."""
import pytest

from kg.errors import SearchInputError


def test_hit_carries_everything(searcher):
    hits = searcher.search("how many officers were dismissed for gross misconduct", k=3)
    top = hits[0]
    assert top.rank == 1 and top.document.id == "trust-2023" and top.document.year == 2023
    assert top.passage_iri.startswith("https://metkg.example.org/id/passage/trust-2023/")
    assert top.sentence == "51 officers have been dismissed for gross misconduct."
    assert top.section == ("Raising standards",) and top.section_iri
    assert top.end - top.start == len(top.text)
    labels = {e.label: e.cls for e in top.entities}
    assert labels == {"Metropolitan Police Service": "Organisation"}
    assert top.document.title == "More Trust Update 2023" and top.document.iri.endswith("/document/trust-2023")
    assert [h.rank for h in hits] == [1, 2, 3]
    assert hits[0].score >= hits[1].score >= hits[2].score
    d = top.to_dict()
    assert d["text"] == top.text and d["entities"][0]["class"] == "Organisation"


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_modes(searcher, mode):
    hits = searcher.search("forensic tagging of mopeds", k=2, mode=mode)
    assert hits[0].document.id == "bp-2017" and "Moped" in hits[0].text
    if mode == "lexical":
        assert hits[0].dense is None and hits[0].lexical is not None
    if mode == "dense":
        assert hits[0].lexical is None and hits[0].dense is not None


def test_acronym_in_question_finds_long_form(searcher):
    hits = searcher.search("child abuse investigation command teams", k=1, mode="lexical")
    assert "CAIC" in hits[0].text
    hits = searcher.search("What does the STAC do?", k=1, mode="lexical")
    assert "Stalking Threat Assessment Centre" in hits[0].text


def test_year_filters(searcher):
    hits = searcher.search("officers", k=10, year_from=2017)
    assert hits and all(h.document.year >= 2017 for h in hits)
    hits = searcher.search("officers", k=10, year_to=2017)
    assert hits and all(h.document.year <= 2017 for h in hits)
    hits = searcher.search("officers", k=10, year_from=2017, year_to=2017)
    assert hits and {h.document.year for h in hits} == {2017}
    assert searcher.search("officers", year_from=2030) == []
    with pytest.raises(SearchInputError, match="empty"):
        searcher.search("officers", year_from=2023, year_to=2017)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_doc_and_genre_filters(searcher, mode):
    hits = searcher.search("officers training", k=10, doc="hmic-2006", mode=mode)
    assert hits and {h.document.id for h in hits} == {"hmic-2006"}
    iri = hits[0].document.iri
    assert {h.document.id for h in searcher.search("officers", doc=iri, mode=mode)} == {"hmic-2006"}
    hits = searcher.search("officers", k=10, genre="oversight_board_paper", mode=mode)
    assert hits and {h.document.genre for h in hits} == {"oversight_board_paper"}
    with pytest.raises(SearchInputError, match="unknown document"):
        searcher.search("officers", doc="nope")
    with pytest.raises(SearchInputError, match="unknown genre"):
        searcher.search("officers", genre="novel")


def test_entity_filter_by_name_alias_or_iri(searcher):
    by_alias = searcher.search("officers", k=10, entity="MPS")
    assert by_alias and {h.document.id for h in by_alias} == {"trust-2023"}
    iri = by_alias[0].entities[0].iri
    assert [h.passage_id for h in searcher.search("officers", entity=iri)] == [h.passage_id for h in by_alias]
    stac = searcher.search("police", entity="stalking threat assessment centre")
    assert len(stac) == 1 and "STAC" in stac[0].text
    with pytest.raises(SearchInputError, match="kg entities"):
        searcher.search("officers", entity="Ministry of Silly Walks")


def test_filters_combine(searcher):
    assert searcher.search("officers", doc="trust-2023", year_to=2017) == []


def test_bad_input(searcher):
    with pytest.raises(SearchInputError):
        searcher.search("   ")
    with pytest.raises(SearchInputError):
        searcher.search("x", mode="magic")
    with pytest.raises(SearchInputError):
        searcher.search("x", k=0)


def test_unknown_words_give_no_lexical_hits(searcher):
    assert searcher.search("zzzqqq", mode="lexical") == []
    assert len(searcher.search("zzzqqq", k=3)) == 3  # dense always ranks something


def test_sentence_pairs_are_adjacent_and_scored_per_passage(searcher):
    """Each passage owns its adjacent-sentence pairs; a row's pair score is the best of its own."""
    import numpy as np

    f = searcher.files
    po, so = f.pair_offsets, f.sentence_offsets
    assert len(po) == len(so) == searcher.n + 1
    assert np.array_equal(np.diff(po), np.maximum(np.diff(so) - 1, 0))
    qv = searcher.embedder.encode(["moped thefts and forensic tagging"])[0]
    rows = np.arange(searcher.n)
    got = searcher._best_pair(qv, rows)
    for r in rows:
        mine = np.asarray(f.pair_vectors[po[r]:po[r + 1]])
        assert got[r] == (pytest.approx(float((mine @ qv).max())) if len(mine) else -1.0)


def test_word_coverage_weighs_rare_words_more(searcher):
    cover = searcher.word_coverage("moped thefts in boroughs")
    moped = next(p.iri for p in searcher.passages if p.text.startswith("Moped thefts"))
    borough_only = next(p.iri for p in searcher.passages if p.text.startswith("There are approximately"))
    assert 0 < cover[borough_only] < cover[moped] < 1
    assert searcher.word_coverage("moped thefts")[moped] == 1.0
    # passages with none of the words are left out; unknown words count for nothing
    assert all(v > 0 for v in cover.values()) and len(cover) < len(searcher.passages)
    assert searcher.word_coverage("zeppelin") == {}
    assert searcher.word_coverage("zeppelin moped thefts")[moped] == 1.0
