"""The README's example queries against a build of the shipped seeds ("done when" of the graph issue)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.query import open_current_store
from kg.store import SolutionsResult

QUERIES = Path(__file__).resolve().parents[2] / "examples" / "queries"
pytestmark = pytest.mark.slow


def run(settings, name):
    with open_current_store(settings) as store:
        res = store.query((QUERIES / name).read_text())
    assert isinstance(res, SolutionsResult)
    return [{k: v.value for k, v in row.items()} for row in res.rows]


def test_graded_areas(seed_build):
    rows = run(seed_build, "graded-areas.rq")
    assert len(rows) == 23
    assert all(r["grade"] in {"Excellent", "Good", "Fair", "Poor"} and r.get("direction") for r in rows)
    nhp = next(r for r in rows if r["area"].startswith("1B"))
    assert (nhp["grade"], nhp["direction"]) == ("Good", "Improved")


def test_milestones(seed_build):
    rows = run(seed_build, "milestones.rq")
    assert len(rows) == 38
    assert {r["year"] for r in rows} == {"2017", "2018"}
    assert {r["status"] for r in rows} <= {"delivered", "on track", "some delay", "not achieved"}
    assert sum(1 for r in rows if r.get("programme")) >= 15


def test_actions(seed_build):
    rows = run(seed_build, "actions.rq")
    assert [int(r["number"]) for r in rows] == list(range(1, 24))
    assert {r["status"] for r in rows} == {"complete", "in progress"}


def test_cross_year_entities(seed_build):
    rows = run(seed_build, "cross-year-entities.rq")
    labels = {r["label"] for r in rows}
    assert {"Stalking Threat Assessment Centre", "Empress State Building"} <= labels


def test_entity_passages(seed_build):
    rows = run(seed_build, "entity-passages.rq")
    assert {r["year"] for r in rows} == {"2017", "2018"}
    assert all("Stalking Threat" in r["text"] for r in rows)


def test_stats_counts_per_document(seed_build):
    from kg.query import stats

    with open_current_store(seed_build) as store:
        data = stats(store)
    assert [d["year"] for d in data["documents"]] == [2006, 2017, 2018, 2022, 2023]
    assert data["classes"]["Assessment"] == 23 and data["classes"]["Action"] == 23
