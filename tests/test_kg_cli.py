"""The kg command line, run as a real subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kg(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=e, input=stdin, cwd=ROOT)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = tmp_path_factory.mktemp("clidata")
    env = {"KG_DATA_DIR": str(data), "KG_SEEDS_DIR": str(ROOT / "tests" / "data" / "corpus"), "KG_EMBEDDER": "hash"}
    r = kg("build", "--no-index", env=env)
    assert r.returncode == 0, r.stderr
    assert "done" in r.stderr  # progress goes to stderr
    return env


Q = "PREFIX kgo: <https://w3id.org/metkg/ns#> SELECT ?n ?rag WHERE { ?a a kgo:Action ; kgo:number ?n ; kgo:ragStatus ?rag } ORDER BY ?n"


def test_sparql_table(built):
    r = kg("sparql", Q, env=built)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["n", "|", "rag"] and "(3 rows)" in lines[-1]


@pytest.mark.parametrize("fmt,check", [
    ("json", lambda out: len(json.loads(out)["results"]["bindings"]) == 3),
    ("xml", lambda out: out.startswith("<?xml") and "sparql-results" in out),
    ("csv", lambda out: out.splitlines()[0].strip() == "n,rag"),
    ("tsv", lambda out: out.splitlines()[0].strip() == "?n\t?rag"),
])
def test_sparql_result_formats(built, fmt, check):
    r = kg("sparql", Q, "--format", fmt, env=built)
    assert r.returncode == 0, r.stderr
    assert check(r.stdout)


def test_sparql_construct_as_turtle(built):
    r = kg("sparql", "CONSTRUCT { ?a ?p ?o } WHERE { ?a a <https://w3id.org/metkg/ns#Action> ; ?p ?o } LIMIT 5", "--format", "turtle", env=built)
    assert r.returncode == 0 and "<https://w3id.org/metkg/ns#" in r.stdout


def test_sparql_syntax_error_has_position(built):
    r = kg("sparql", "SELECT * WHERE { ?s ?p }", env=built)
    assert r.returncode == 2
    assert "syntax error" in r.stderr and "line 1, column" in r.stderr
    assert "Traceback" not in r.stderr


def test_sparql_format_mismatch(built):
    r = kg("sparql", "ASK {}", "--format", "turtle", env=built)
    assert r.returncode == 2 and "SELECT/ASK" in r.stderr


def test_stats_and_validate(built):
    r = kg("stats", "--json", env=built)
    data = json.loads(r.stdout)
    assert data["classes"]["Action"] == 3 and len(data["documents"]) == 3
    r = kg("validate", env=built)
    assert r.returncode == 0 and "conforms" in r.stdout


def test_no_build_gives_a_clear_message(tmp_path):
    r = kg("sparql", "ASK {}", env={"KG_DATA_DIR": str(tmp_path / "empty")})
    assert r.returncode == 1 and "run `kg build` first" in r.stderr


def test_bad_catalog_exits_2(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("one\ntwo\nthree\n")
    (seeds / "catalog.toml").write_text('[[document]]\nid = "a"\nfile = "a.txt"\nwhat = 1\n')
    r = kg("build", env={"KG_DATA_DIR": str(tmp_path / "d"), "KG_SEEDS_DIR": str(seeds)})
    assert r.returncode == 2 and "unknown catalog field" in r.stderr


def test_core_has_no_web_imports():
    code = "import sys, kg, kg.cli, kg.build.pipeline, kg.query; assert 'fastapi' not in sys.modules and 'uvicorn' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
