"""`kg search`, `kg entities`, `kg eval` on the tiny build (hash embedder)."""
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


@pytest.fixture()
def env(tiny_settings, monkeypatch):
    monkeypatch.setenv("KG_DATA_DIR", str(tiny_settings.data_dir))
    monkeypatch.setenv("KG_EMBEDDER", "hash")
    monkeypatch.setenv("KG_MODEL", "all-MiniLM-L6-v2")
    return tiny_settings


def test_search_text(env):
    r = runner.invoke(app, ["search", "how many officers were dismissed for gross misconduct", "-k", "2"])
    assert r.exit_code == 0, r.output
    assert " 1. [" in r.output and "More Trust Update 2023 (2023)" in r.output
    assert "51 officers have been dismissed" in r.output and "Metropolitan Police Service (Organisation)" in r.output


def test_search_json_with_filters(env):
    r = runner.invoke(app, ["search", "officers", "--from", "2006", "--to", "2017", "--doc", "hmic-2006", "--json"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)
    assert hits and all(h["document"]["id"] == "hmic-2006" for h in hits)
    assert {"text", "sentence", "score", "passage_iri", "section", "start", "end", "entities", "document"} <= set(hits[0])


def test_search_bad_input_exits_2(env):
    r = runner.invoke(app, ["search", "officers", "--doc", "nope"])
    assert r.exit_code == 2 and "unknown document" in r.output


def test_search_without_build_exits_1(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KG_EMBEDDER", "hash")
    r = runner.invoke(app, ["search", "officers"])
    assert r.exit_code == 1 and "kg build" in r.output


def test_entities(env):
    r = runner.invoke(app, ["entities", "STAC"])
    assert r.exit_code == 0 and "/id/unit/stalking-threat-assessment-centre" in r.output
    r = runner.invoke(app, ["entities", "Stalking Threat Assessment Centre", "--json"])
    assert json.loads(r.stdout)[0]["iri"].endswith("/unit/stalking-threat-assessment-centre")


def test_eval(env, tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text(
        json.dumps({"id": "1", "q": "officers dismissed for gross misconduct", "gold": ["51 officers have been dismissed"]}) + "\n"
        + json.dumps({"id": "2", "q": "moped thieves", "gold": ["forensic tagging"]}) + "\n"
    )
    r = runner.invoke(app, ["eval", str(f)])
    assert r.exit_code == 0, r.output
    assert all(m in r.output for m in ("hybrid", "dense", "lexical", "MRR", "nDCG@10", "R@10"))
    r = runner.invoke(app, ["eval", str(f), "--json", "--min-mrr", "0.5"])
    out = json.loads(r.stdout)
    assert r.exit_code == 0 and out["metrics"]["hybrid"]["MRR"] >= 0.5 and len(out["questions"]) == 2
    r = runner.invoke(app, ["eval", str(f), "--min-mrr", "1.01"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["eval", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 2
