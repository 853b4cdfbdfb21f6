"""Timelines, traversal and plots over a graph-only build of the tiny corpus."""
from __future__ import annotations

import json

import pytest

from kg.build.pipeline import run_build
from kg.errors import KGError, NotFoundError
from kg.timeline import open_timelines
from kg.timeline.graph import export
from kg.timeline.plot import plot


@pytest.fixture()
def svc(tiny_settings):
    run_build(tiny_settings, with_index=False)
    return open_timelines(tiny_settings)


@pytest.fixture()
def indexed_svc(tiny_settings):
    """With the search index (hash embedder): search sentences and word coverage come from it."""
    run_build(tiny_settings)
    return open_timelines(tiny_settings)


def test_topic_timeline_is_ordered_with_statuses_and_passages(svc):
    tl = svc.timeline("hate crime")
    assert tl.kind == "topic" and tl.themes and tl.themes[0]["label"].lower() == "hate crime"
    assert [e.year for e in tl.entries] == sorted(e.year for e in tl.entries)
    first = tl.entries[0]
    assert first.document["id"] == "insp-2009"
    assert any(s.cls == "Assessment" and s.status.get("grade") == "Good" for s in first.statuses)
    assert first.passages and "hate crime" in first.passages[0].text.lower()
    d = tl.to_dict()
    assert json.loads(json.dumps(d))["entries"][0]["year"] == 2009


def test_stop_and_search_reaches_the_board_paper_action(svc):
    tl = svc.timeline("stop and search")
    board = [e for e in tl.entries if e.document["id"] == "board-2021"]
    assert board and any(s.status.get("ragStatus") == "G" for s in board[0].statuses)


def test_entity_timeline_by_name_and_iri(svc):
    tl = svc.entity_timeline("Operation Lantern")
    assert tl.kind == "entity" and tl.entities[0].label == "Operation Lantern"
    assert {e.document["id"] for e in tl.entries} == {"insp-2009"}
    again = svc.timeline(tl.entities[0].iri)
    assert [e.year for e in again.entries] == [e.year for e in tl.entries]


def test_path_neighbours_and_ego_export(svc, tmp_path):
    steps = svc.path("Hate Crime Unit", "Crown Prosecution Service")
    assert steps[0]["label"] == "Hate Crime Unit" and steps[-1]["label"] == "Crown Prosecution Service"
    assert all("via" in s for s in steps[1:])
    assert any(n["label"] == "Crown Prosecution Service" for n in svc.neighbours("Hate Crime Unit"))
    sub = svc.ego("Operation Lantern")
    for name in ("ego.graphml", "ego.json"):
        export(sub, tmp_path / name)
        assert (tmp_path / name).stat().st_size > 100
    assert "Operation Lantern" in (tmp_path / "ego.graphml").read_text()


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".html", b"<!doctype html>")])
def test_plots(svc, tmp_path, suffix, magic):
    out = plot(svc.timeline("hate crime"), tmp_path / f"t{suffix}")
    assert out.read_bytes().startswith(magic)


THEME = "https://w3id.org/metkg/theme/"


def test_a_topic_reaches_a_theme_through_the_words_of_its_label(svc):
    b = svc.builder
    assert b.resolve_themes("contact handling and emergency response") == [THEME + "contact-and-response"]
    assert b.resolve_themes("Stop and Search") == [THEME + "stop-and-search"]
    assert b.resolve_themes("moped and scooter crime") == [THEME + "acquisitive-crime"]  # alias "moped crime"
    assert b.resolve_themes("zeppelin maintenance") == []


def test_a_broader_theme_follows_its_narrower_themes_at_a_discount(svc):
    snap, b = svc.snap, svc.builder
    vawg, stalking = THEME + "violence-against-women-and-girls", THEME + "stalking"
    assert snap.themes[stalking].broader == {vawg}
    p = next(iter(snap.passages))
    snap.passages[p].themes = {stalking: 0.8}
    assert b._theme_scores([vawg])[p] == pytest.approx(0.8 * 0.9)
    assert b._theme_scores([stalking])[p] == pytest.approx(0.8)
    assert p not in b._theme_scores([THEME + "drugs"])


def test_listings_read_as_less_prose_than_narrative(svc):
    from kg.timeline.snapshot import PassageInfo

    snap, b = svc.snap, svc.builder
    texts = {
        "contents": "1- INTRODUCTION | 2\nQuarter 1 overview | 2\n2- TACKLING SERIOUS VIOLENCE | 3\nViolent crime | 3",
        "glossary": "ABC Acceptable Behaviour Contract\nAC assistant commissioner\nACPO Association of Chief Police Officers",
        "prose": "The force has delivered neighbourhood teams to every ward and measures their work locally.",
    }
    for key, text in texts.items():
        snap.passages[key] = PassageInfo(key, next(iter(snap.docs)), 2009, text, "")
    assert b._prose("contents") == 0.0 and b._prose("glossary") == 0.0
    assert b._prose("prose") == 1.0


def test_errors(svc, tmp_path):
    with pytest.raises(NotFoundError, match="empty topic"):
        svc.timeline("  ")
    with pytest.raises(NotFoundError, match="no entity named"):
        svc.path("No Such Thing", "Hate Crime Unit")
    with pytest.raises(KGError, match=r"\.png, \.svg or \.html"):
        plot(svc.timeline("hate crime"), tmp_path / "t.pdf")
    with pytest.raises(NotFoundError, match="nothing in the corpus"):
        svc.timeline("zeppelin maintenance")


def test_a_passage_with_part_of_a_topic_is_marked_down_unless_it_carries_the_theme(indexed_svc, monkeypatch):
    import kg.timeline.timeline as T

    b = indexed_svc.builder
    topic = "knife crime taskforce arrests"
    themes = b.resolve_themes(topic)
    assert themes  # "knife crime" is an alias of a theme
    monkeypatch.setattr(T, "COVERAGE_WEIGHT", 0.0)
    before, _ = b._candidates([], themes, query=topic)
    monkeypatch.setattr(T, "COVERAGE_WEIGHT", 0.6)
    after, _ = b._candidates([], themes, query=topic)
    cover = b.searcher.word_coverage(topic)
    themed = set(b._theme_scores(themes))
    lowered = {p for p in before if after[p][0] < before[p][0]}
    assert lowered, "some search match lacks a topic word"
    for p in before:
        if p in themed or cover.get(p) == 1.0:
            assert after[p][0] == before[p][0]  # on theme, or every word there: untouched
        else:
            assert p in lowered or before[p][0] == 0  # (nothing to mark down at 0)


def test_a_searched_passage_shows_the_sentence_that_matched(indexed_svc, tmp_path):
    tl = indexed_svc.timeline("stop and search")
    shown = [p for e in tl.entries for p in e.passages]
    searched = [p for p in shown if any(w.startswith("search") for w in p.why)]
    def flat(text: str) -> str:
        return " ".join(text.split())

    assert searched and all(p.sentence and flat(p.sentence) in flat(p.text) for p in searched)
    assert all(p.sentence == "" for p in shown if not any(w.startswith("search") for w in p.why))
    assert json.loads(json.dumps(tl.to_dict()))["entries"][0]["passages"][0].keys() >= {"text", "sentence"}
    page = plot(tl, tmp_path / "t.html").read_text()
    assert "<mark>" in page
