"""The real model on the seed corpus (slow): quality gates CI enforces.

The build is the project's own `kg build` (graph, entities and search index)
into a temporary data directory.
"""
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

DEV_SET = PROJECT_ROOT.parent / "shared" / "eval" / "dev-questions.jsonl"
OWN_SET = PROJECT_ROOT / "tests" / "eval" / "questions.jsonl"
runner = CliRunner()


@pytest.fixture()
def env(real_env, monkeypatch):
    monkeypatch.setenv("KG_DATA_DIR", str(real_env.data_dir))
    monkeypatch.setenv("KG_EMBEDDER", "sentence-transformers")
    monkeypatch.setenv("KG_MODEL", "all-MiniLM-L6-v2")
    return real_env


def _eval(path: Path, *extra: str) -> tuple[int, dict]:
    from kg.cli import app

    r = runner.invoke(app, ["eval", str(path), "--json", *extra])
    return r.exit_code, json.loads(r.stdout) if r.stdout.strip().startswith("{") else {"output": r.output}


def test_index_uses_the_real_model(env):
    from kg.layout import current_build
    from kg.search.index import read_manifest

    m = read_manifest(current_build(env.data_dir).root)
    assert m["model"] == "all-MiniLM-L6-v2" and m["dim"] == 384 and m["ann"]["passages"] == "flat"


def test_dev_set_mrr_gate(env):
    if not DEV_SET.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{DEV_SET} is missing; CI must run the dev-set gate")
        pytest.skip(f"{DEV_SET} not present")
    code, out = _eval(DEV_SET, "--min-mrr", "0.7")
    assert code == 0, out
    assert out["metrics"]["hybrid"]["MRR"] >= 0.7


def test_own_question_set(env):
    code, out = _eval(OWN_SET)
    assert code == 0, out
    h, d, lx = (out["metrics"][m] for m in ("hybrid", "dense", "lexical"))
    assert h["MRR"] >= 0.75 and h["R@10"] >= 0.93, h  # 0.962 measured, three questions at rank 10: slack for float noise
    assert h["MRR"] > d["MRR"] and h["MRR"] > lx["MRR"]
    assert h["nDCG@10"] > d["nDCG@10"] and h["nDCG@10"] > lx["nDCG@10"]


def test_dismissals_question_finds_the_2023_passage(env):
    from kg.cli import app

    r = runner.invoke(app, ["search", "how many officers were dismissed for gross misconduct", "--json"])
    assert r.exit_code == 0, r.output
    top = json.loads(r.stdout)[0]
    assert "51 officers have been dismissed for gross misconduct" in top["text"]
    assert top["document"]["year"] == 2023
    assert "51 officers have been dismissed" in top["sentence"]


def test_entities_and_filters_on_the_real_build(env):
    from kg.search import open_searcher

    s = open_searcher(env)
    assert s.lookup_entities("Stalking Threat Assessment Centre")[0].label == "Stalking Threat Assessment Centre"
    hits = s.search("stalking", k=5, year_from=2017, year_to=2018, genre="business_plan_update")
    assert hits and all(2017 <= h.document.year <= 2018 for h in hits)
    assert any("stalk" in h.text.lower() for h in hits)
