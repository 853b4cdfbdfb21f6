"""The JSON API and linked data over real HTTP, on a real build of the tiny corpus.

The build (graph and search index, with the hash embedder) takes a few seconds; the server is
uvicorn in a subprocess (``api.testing.LiveServer``). IRIs are minted under
``https://metkg.example.org/`` while the server runs on 127.0.0.1: every IRI still resolves,
because the server maps its request path onto the base IRI setting.
"""
from __future__ import annotations

import doctest
import importlib
import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import rdflib
import schemathesis
from api_support import BASE, server_env
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode

import kg.resources
from api.testing import LiveServer
from kg.build.pipeline import run_build
from kg.settings import Settings, load_settings

TINY = Path(__file__).resolve().parents[1] / "data" / "corpus"
PROBLEM = "application/problem+json"
HCU = "unit/hate-crime-unit"
LANTERN = "initiative/operation-lantern"
PASSAGE = "insp-2009/8e531bf96e90"  # names Operation Lantern, the CPS, the Hate Crime Unit...
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
HIT_KEYS = {"rank", "passage_iri", "passage_id", "score", "text", "sentence", "document", "section", "section_iri",
            "start", "end", "entities", "dense", "lexical"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("rest")
    shutil.copytree(TINY, root / "seeds")
    s = load_settings(data_dir=root / "data", seeds_dir=root / "seeds", embedder="hash", base_iri=BASE)
    run_build(s, with_index=True)
    return s


@pytest.fixture(scope="module")
def rest(built):
    env = server_env(built.data_dir, KG_EMBEDDER="hash", KG_SPARQL_WORKERS=1, KG_MAX_RESULT_ROWS=5000,
                     KG_SEEDS_DIR=built.seeds_dir)
    with LiveServer(env) as srv:
        yield srv
    assert "Traceback" not in srv.log(), srv.log()[-5000:]


@pytest.fixture(scope="module")
def http(rest):
    with httpx.Client(base_url=rest.url, timeout=60) as client:
        yield client


def build_id(s: Settings) -> str:
    return (s.data_dir / "current").resolve().name


def ok(resp: httpx.Response) -> dict:
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    return resp.json()


def problem(resp: httpx.Response, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith(PROBLEM)
    body = resp.json()
    assert body["status"] == status and {"type", "title", "detail"} <= set(body)
    return body


# --- /search ------------------------------------------------------------------------------

def test_search_returns_hits(http, built):
    r = http.get("/search", params={"q": "hate crime unit", "k": 3})
    body = ok(r)
    assert r.headers["x-build-id"] == build_id(built)
    assert body["query"] == "hate crime unit" and 1 <= body["count"] == len(body["hits"]) <= 3
    for rank, hit in enumerate(body["hits"], 1):
        assert set(hit) == HIT_KEYS and hit["rank"] == rank
        assert hit["passage_iri"] == f"{BASE}id/passage/{hit['passage_id']}"
        assert {"iri", "id", "title", "year", "genre"} <= set(hit["document"])
        assert 0 <= hit["start"] < hit["end"] and " ".join(hit["sentence"].split()) in " ".join(hit["text"].split())
    assert [h["score"] for h in body["hits"]] == sorted((h["score"] for h in body["hits"]), reverse=True)
    assert any(e["iri"] == BASE + "id/" + HCU for e in body["hits"][0]["entities"])


def test_search_filters(http):
    hits = ok(http.get("/search", params={"q": "progress", "from": 2020, "to": 2021, "k": 20}))["hits"]
    assert hits and all(2020 <= h["document"]["year"] <= 2021 for h in hits)
    hits = ok(http.get("/search", params={"q": "progress", "doc": "board-2021"}))["hits"]
    assert hits and {h["document"]["id"] for h in hits} == {"board-2021"}
    hits = ok(http.get("/search", params={"q": "partners", "entity": HCU, "mode": "lexical"}))["hits"]
    assert hits and all(BASE + "id/" + HCU in {e["iri"] for e in h["entities"]} for h in hits)
    assert ok(http.get("/search", params={"q": "crime", "genre": "inspection_report", "mode": "dense"}))["hits"]


@pytest.mark.parametrize("params", [
    {"q": "crime", "k": 0}, {"q": "crime", "k": 101}, {"q": "crime", "k": "ten"}, {}, {"q": ""}, {"q": "   "},
    {"q": "crime", "from": 2021, "to": 2009}, {"q": "crime", "from": 99999}, {"q": "crime", "doc": "no-such-doc"},
    {"q": "crime", "entity": "zzzz qqqq"}, {"q": "crime", "mode": "psychic"}, {"q": "crime", "genre": "poetry"},
])
def test_search_bad_parameters_are_400(http, params):
    problem(http.get("/search", params=params), 400)


# --- /entities ----------------------------------------------------------------------------

def test_entity_lookup(http):
    body = ok(http.get("/entities", params={"q": "HCU"}))
    first = body["entities"][0]
    assert first["id"] == HCU and first["iri"] == BASE + "id/" + HCU and first["class"] == "Unit"
    assert first["matched"] == "HCU" and 0 < first["score"] <= 1
    assert ok(http.get("/entities", params={"q": "operation lantern", "limit": 1}))["entities"][0]["id"] == LANTERN
    problem(http.get("/entities", params={"q": ""}), 400)
    problem(http.get("/entities", params={"q": "x", "limit": 0}), 400)


def test_entity_page(http):
    e = ok(http.get(f"/entities/{HCU}"))
    assert (e["id"], e["iri"], e["label"], e["class"]) == (HCU, BASE + "id/" + HCU, "Hate Crime Unit", "Unit")
    assert "HCU" in e["alt_labels"] and "HCU" in e["acronyms"]
    assert e["years"] == [2009]
    assert [(d["id"], d["year"]) for d in e["documents"]] == [("insp-2009", 2009)]
    assert e["mentions_total"] == len(e["mentions"]) == e["documents"][0]["passages"] >= 2
    for m in e["mentions"]:
        assert m["document"] == "insp-2009" and m["passage"]["id"].startswith("insp-2009/")
        for span in m["spans"]:  # offsets are in the passage text
            assert m["text"][span["start"]:span["end"]] == span["exact"]
    related = {r["id"]: r for r in e["related"]}
    assert LANTERN in related and related[LANTERN]["co_mentions"] >= 1
    assert any(t["label"] == "Hate crime" for t in e["themes"])
    limited = ok(http.get(f"/entities/{HCU}", params={"limit": 1}))
    assert len(limited["mentions"]) == 1 and limited["mentions_total"] == e["mentions_total"]


@pytest.mark.parametrize("path", ["/entities/unit/no-such-unit", "/entities/document/insp-2009", "/entities/a%20b",
                                  "/entities/nothing/timeline"])
def test_unknown_entities_are_404(http, path):
    problem(http.get(path), 404)


def test_entity_timeline(http):
    t = ok(http.get(f"/entities/{HCU}/timeline"))
    assert t["kind"] == "entity" and t["entities"][0]["iri"] == BASE + "id/" + HCU
    assert t["entries"] and all(isinstance(x["year"], int) for x in t["entries"])
    assert t["entries"][0]["document"]["id"] == "insp-2009"


# --- /documents and /passages -------------------------------------------------------------

def test_documents(http, built):
    docs = ok(http.get("/documents"))["documents"]
    assert [d["id"] for d in docs] == ["insp-2009", "plan-2019-q3", "board-2021"]  # oldest first
    manifest = json.loads((built.data_dir / "current" / "manifest.json").read_text())
    assert sum(d["passages"] for d in docs) == manifest["passages"]
    d = docs[0]
    assert (d["year"], d["genre"], d["publisher"], d["graph"]) == (2009, "inspection_report", "HMIC", BASE + "graph/insp-2009")


def test_document(http):
    d = ok(http.get("/documents/insp-2009"))
    assert d["title"].startswith("Example Constabulary") and d["passages"] and d["sections"]
    assert all(p["start"] < p["end"] for p in d["passages"])
    assert [p["start"] for p in d["passages"]] == sorted(p["start"] for p in d["passages"])
    assert d["facts"]["Assessment"] == 2
    assert HCU in {e["id"] for e in d["entities"]}
    problem(http.get("/documents/no-such-doc"), 404)


def test_passage(http):
    p = ok(http.get(f"/passages/{PASSAGE}"))
    assert p["id"] == PASSAGE and p["iri"] == f"{BASE}id/passage/{PASSAGE}"
    assert p["text"].startswith("The force launched Operation Lantern") and p["start"] < p["end"]
    assert p["document"]["id"] == "insp-2009" and p["year"] == 2009
    assert p["section"]["label"] == "Contextual Factors" and p["section"]["path"].endswith("Contextual Factors")
    ents = {e["id"]: e for e in p["entities"]}
    assert {HCU, LANTERN, "organisation/crown-prosecution-service"} <= set(ents)
    assert [(s["exact"], p["text"][s["start"]:s["end"]]) for s in ents["organisation/crown-prosecution-service"]["spans"]] == [
        ("Crown Prosecution Service", "Crown Prosecution Service"), ("CPS", "CPS")]
    assert {t["label"] for t in p["themes"]} >= {"Hate crime"}
    assert all(t["score"] is not None for t in p["themes"])


@pytest.mark.parametrize("pid", ["insp-2009/000000000000", "nope", "insp-2009", "a%20b"])
def test_unknown_passages_are_404(http, pid):
    problem(http.get(f"/passages/{pid}"), 404)


# --- /timeline and /paths -----------------------------------------------------------------

def test_timeline(http):
    t = ok(http.get("/timeline", params={"topic": "hate crime"}))
    assert t["query"] == "hate crime" and t["entries"]
    years = [e["year"] for e in t["entries"]]
    assert all(isinstance(y, int) for y in years) and years == sorted(years)
    assert all(e["passages"] and e["document"]["id"] for e in t["entries"])
    problem(http.get("/timeline"), 400)
    problem(http.get("/timeline", params={"topic": "   "}), 400)


def test_paths(http):
    body = ok(http.get("/paths", params={"from": HCU, "to": "Operation Lantern"}))
    steps = body["steps"]
    assert steps[0]["iri"] == BASE + "id/" + HCU and steps[-1]["iri"] == BASE + "id/" + LANTERN
    assert len(steps) >= 2 and all("via" in s for s in steps[1:])
    problem(http.get("/paths", params={"from": HCU, "to": "unit/no-such-unit"}), 404)
    problem(http.get("/paths", params={"from": HCU}), 400)


# --- linked data --------------------------------------------------------------------------

@pytest.mark.parametrize("accept, media_type, rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("*/*", "text/turtle", "turtle"),
    ("application/json", "application/ld+json", "json-ld"),
])
def test_linked_data_rdf_formats(http, built, accept, media_type, rdflib_format):
    r = http.get(f"/id/{HCU}", headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
    assert "Accept" in r.headers["vary"] and r.headers["x-build-id"] == build_id(built)
    g = rdflib.Graph().parse(data=r.content, format=rdflib_format)
    me = rdflib.URIRef(BASE + "id/" + HCU)
    assert (me, rdflib.RDFS.label, rdflib.Literal("Hate Crime Unit")) in g
    assert (rdflib.URIRef(f"{BASE}id/passage/{PASSAGE}"), None, me) in g  # links to it come too
    assert (rdflib.URIRef(f"{BASE}id/{HCU}#theme-hate-crime"), None, None) in g  # and its '#' parts


def test_linked_data_html_for_browsers(http):
    r = http.get(f"/id/passage/{PASSAGE}", headers={"accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert page.startswith("<!doctype html>") and "Operation Lantern" in page
    assert f'<a href="/id/{HCU}">' in page and '<a href="/id/document/insp-2009">' in page  # links stay on this server
    assert http.get("/id/document/insp-2009", headers={"accept": BROWSER}).text.count("<tr>") > 10


@pytest.mark.parametrize("accept", ["image/png", "application/rdf+xml", "text/csv", "text/html;q=0, text/turtle;q=0"])
def test_linked_data_406(http, accept):
    body = problem(http.get(f"/id/{HCU}", headers={"accept": accept}), 406)
    assert set(body["available"]) == {"text/turtle", "text/html", "application/ld+json", "application/n-triples"}


@pytest.mark.parametrize("path", ["/id/unit/no-such-unit", "/id/a%20b", "/id/", "/graph/no-such-graph", "/id/passage/x%3Ey"])
def test_linked_data_404(http, path):
    problem(http.get(path, headers={"accept": "text/turtle"}), 404)


def test_every_minted_iri_resolves(http):
    q = (f"SELECT DISTINCT ?x WHERE {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} "
         f"FILTER(isIRI(?x) && STRSTARTS(STR(?x), '{BASE}')) }}")
    rows = http.get("/sparql", params={"query": q}).json()["results"]["bindings"]
    iris = sorted({b["x"]["value"] for b in rows})
    assert len(iris) > 200 and any("#" in i for i in iris)
    for iri in iris:
        page = iri.split("#", 1)[0]
        r = http.get(page[len(BASE) - 1:], headers={"accept": "application/n-triples"})
        assert r.status_code == 200, (iri, r.text)
        assert f"<{iri}> " in r.text, iri
    graphs = http.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"}).json()["results"]["bindings"]
    names = {b["g"]["value"] for b in graphs}
    assert {BASE + "graph/insp-2009", BASE + "graph/ontology", BASE + "graph/analysis"} <= names
    for name in names:
        r = http.get(name[len(BASE) - 1:], headers={"accept": "application/n-triples"})
        assert r.status_code == 200 and len(r.text.splitlines()) > 10, name


# --- the service as a whole -----------------------------------------------------------------

def test_openapi_lists_the_routes(http):
    paths = set(http.get("/openapi.json").json()["paths"])
    assert {"/search", "/entities", "/entities/{id}", "/entities/{id}/timeline", "/documents", "/documents/{id}",
            "/passages/{id}", "/timeline", "/paths", "/id/{path}", "/graph/{name}"} <= paths
    assert http.get("/docs").status_code == 200


NEW_PATHS = ("/search", "/entities", "/documents", "/passages", "/timeline", "/paths", "/id/", "/graph/")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_fuzz_new_routes_on_a_real_build(rest, mode):
    """Schemathesis on every new operation, on a build with a search index: no 5xx."""
    schema = schemathesis.openapi.from_url(rest.url + "/openapi.json")
    ops = [r.ok() for r in schema.get_all_operations()]
    ops = [op for op in ops if op.path.startswith(NEW_PATHS)]
    assert len(ops) == 11
    for op in ops:

        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def fuzz(case):
            case.call_and_validate(checks=[not_a_server_error])

        try:
            fuzz()
        except Unsatisfiable:  # nothing to negate in an operation without query parameters
            assert mode == GenerationMode.NEGATIVE


def test_routes_on_a_build_without_search_index(base_url):
    """The shared server's build is a bare store: lookups work, search says why it cannot."""
    with httpx.Client(base_url=base_url, timeout=30) as c:
        r = c.get("/search", params={"q": "anything"})
        assert problem(r, 503)["type"].endswith("/index-not-built") and r.headers["retry-after"]
        docs = ok(c.get("/documents"))["documents"]
        assert [(d["id"], d["passages"]) for d in docs] == [("doc-a", 20), ("doc-b", 20), ("doc-c", 20)]
        assert ok(c.get("/documents/doc-b"))["title"] == "Document doc-b"
        assert ok(c.get("/passages/doc-a/3"))["ordinal"] == 3
        assert c.get("/id/passage/doc-a/3", headers={"accept": "application/n-triples"}).status_code == 200
        assert ok(c.get("/entities", params={"q": "anything"}))["entities"] == []  # lookup needs no index
        problem(c.get("/entities/unit/x"), 404)


def test_kg_resources_has_no_web_imports_and_its_examples_run():
    code = "import sys, kg.resources; assert 'fastapi' not in sys.modules and 'starlette' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
    # kg.resources is a package: its examples are in its modules
    modules = [kg.resources] + [importlib.import_module(f"kg.resources.{m.name}")
                                for m in pkgutil.iter_modules(kg.resources.__path__)]
    results = [doctest.testmod(m) for m in modules]
    assert sum(r.attempted for r in results) > 0 and sum(r.failed for r in results) == 0


def test_a_rebuild_is_served_without_restart(http, built):
    """Last in the module: it changes the served build."""
    before = build_id(built)
    board = built.seeds_dir / "board.txt"
    board.write_text(board.read_text() + "\n4.3. The Zeppelin Review Panel examined complaints handling in February 2021.\n")
    run_build(built, with_index=True)
    after = build_id(built)
    assert after != before
    r = http.get("/search", params={"q": "zeppelin review panel", "mode": "lexical", "k": 1})
    assert r.headers["x-build-id"] == after
    hit = ok(r)["hits"][0]
    assert "Zeppelin" in hit["text"]
    assert ok(http.get(f"/passages/{hit['passage_id']}"))["text"] == hit["text"]
    r = http.get(hit["passage_iri"][len(BASE) - 1:], headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["x-build-id"] == after and "Zeppelin" in r.text
