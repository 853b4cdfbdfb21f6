"""Timelines on the real build: thread coverage, the neighbourhood-policing thread, paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.timeline import open_timelines
from kg.timeline.evaluate import evaluate_threads, load_threads

pytestmark = pytest.mark.slow
THREADS = Path(__file__).resolve().parents[1] / "eval" / "threads.jsonl"


@pytest.fixture(scope="module")
def svc(real_env):
    return open_timelines(real_env)


def test_threads_cover_every_expected_year(svc):
    results, summary = evaluate_threads(svc, load_threads(THREADS))
    assert summary["threads"] >= 12
    missing = [f"{r.id}:{y}" for r in results for y in r.expected if y not in r.covered]
    not_first = [f"{r.id}:{y}" for r in results for y in r.covered if y not in r.first_relevant]
    # the bar is every year; the narrowest first-place margin is ~3% of its score, far above float noise
    assert not missing, f"expected years missing: {missing}"
    assert not not_first, f"no relevant passage first: {not_first}"


def test_neighbourhood_policing_thread(svc):
    tl = svc.timeline("neighbourhood policing")
    years = [e.year for e in tl.entries]
    assert years == sorted(years) and {2006, 2017, 2023} <= set(years)
    e2006 = next(e for e in tl.entries if e.year == 2006)
    assert any(x.label == "Safer Neighbourhoods" for x in e2006.entities)
    e2017 = next(e for e in tl.entries if e.year == 2017)
    assert any("Dedicated Ward Officers" in s.label and s.status.get("status") for s in e2017.statuses)
    e2023 = next(e for e in tl.entries if e.year == 2023)
    assert any("Strongest Ever Neighbourhood Policing" in p.text for p in e2023.passages)


def test_path_between_the_neighbourhood_programmes(svc):
    steps = svc.path("Safer Neighbourhoods", "Strongest Ever Neighbourhood Policing")
    assert steps[0]["label"] == "Safer Neighbourhoods" and steps[-1]["label"] == "Strongest Ever Neighbourhood Policing"
    assert len(steps) <= 4


@pytest.mark.parametrize("name", ["threads_heldout.jsonl", "threads_blind2.jsonl"])
def test_threads_written_blind_carry_over(svc, name):
    # written afterwards by judges who read only the documents; nothing was tuned on them
    # (0.79 and 0.84 relevant-first when written): a guard against regressions, not the bar
    _, summary = evaluate_threads(svc, load_threads(THREADS.parent / name))
    assert summary["threads"] == 8
    assert summary["year_coverage"] == 1.0
    assert summary["relevant_first"] >= 0.75
