"""The SPARQL 1.1 Protocol over real HTTP: operations, negotiation, errors, descriptions."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from xml.etree import ElementTree

import httpx
import pytest
import rdflib
from api_support import BASE, DOCS, MAX_ROWS, PASSAGES_PER_DOC

TOTAL = len(DOCS) * (2 + 4 * PASSAGES_PER_DOC) + 3
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def http(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


def n_of(resp: httpx.Response) -> int:
    assert resp.status_code == 200, resp.text
    return int(resp.json()["results"]["bindings"][0]["n"]["value"])


def assert_problem(resp: httpx.Response, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith(PROBLEM)
    body = resp.json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    return body


# --- the three ways to send a query ----------------------------------------------------

def test_get(http):
    assert n_of(http.get("/sparql", params={"query": COUNT})) == TOTAL


def test_post_form(http):
    assert n_of(http.post("/sparql", data={"query": COUNT})) == TOTAL


def test_post_direct(http):
    r = http.post("/sparql", content=COUNT, headers={"content-type": "application/sparql-query"})
    assert n_of(r) == TOTAL
    r = http.post("/sparql", content=COUNT.encode(), headers={"content-type": "application/sparql-query; charset=UTF-8"})
    assert n_of(r) == TOTAL


def test_dataset_parameters(http):
    g = f"{BASE}graph/doc-a"
    per_doc = 2 + 4 * PASSAGES_PER_DOC
    assert n_of(http.get("/sparql", params={"query": COUNT, "default-graph-uri": g})) == per_doc
    assert n_of(http.get("/sparql", params=[("query", COUNT), ("default-graph-uri", g),
                                            ("default-graph-uri", f"{BASE}graph/doc-b")])) == 2 * per_doc
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert n_of(http.post("/sparql", data={"query": named, "named-graph-uri": [g]})) == 1
    assert n_of(http.post(f"/sparql?named-graph-uri={g}", content=named,
                          headers={"content-type": "application/sparql-query"})) == 1
    assert n_of(http.get("/sparql", params={"query": named})) == len(DOCS) + 1


def test_from_selects_existing_graphs_only(http):
    q = f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/ontology> WHERE {{ ?s ?p ?o }}"
    assert n_of(http.get("/sparql", params={"query": q})) == 3
    r = http.get("/sparql", params={"query": "SELECT * FROM <http://127.0.0.1:9/x.ttl> WHERE { ?s ?p ?o }"})
    assert "never fetches" in assert_problem(r, 403)["detail"]


# --- negotiation --------------------------------------------------------------------------

SELECT = f"SELECT ?p ?o WHERE {{ <{BASE}id/passage/doc-a/3> ?p ?o }} ORDER BY ?p"
CONSTRUCT = f"CONSTRUCT WHERE {{ <{BASE}id/passage/doc-a/3> ?p ?o }}"


def test_select_as_json_xml_csv_tsv(http):
    r = http.get("/sparql", params={"query": SELECT}, headers={"accept": "application/sparql-results+json"})
    assert r.headers["content-type"] == "application/sparql-results+json"
    assert len(r.json()["results"]["bindings"]) == 4
    r = http.get("/sparql", params={"query": SELECT}, headers={"accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(ElementTree.fromstring(r.content).findall(f"{ns}results/{ns}result")) == 4
    r = http.get("/sparql", params={"query": SELECT}, headers={"accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text, newline="")))
    assert rows[0] == ["p", "o"] and len(rows) == 5
    r = http.get("/sparql", params={"query": SELECT}, headers={"accept": "text/tab-separated-values"})
    assert r.text.splitlines()[0] == "?p\t?o" and len(r.text.splitlines()) == 5


@pytest.mark.parametrize("media_type, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
])
def test_construct_in_every_rdf_format(http, media_type, rdflib_format):
    r = http.post("/sparql", data={"query": CONSTRUCT}, headers={"accept": media_type})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
    g = rdflib.Graph().parse(data=r.content, format=rdflib_format)
    assert len(g) == 4


def test_describe_and_ask(http):
    r = http.get("/sparql", params={"query": f"DESCRIBE <{BASE}id/passage/doc-a/3>"},
                 headers={"accept": "application/n-triples"})
    assert len(r.text.strip().splitlines()) == 4
    r = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.json() == {"head": {}, "boolean": True}


def test_406_for_what_cannot_be_produced(http):
    body = assert_problem(http.get("/sparql", params={"query": "ASK {}"}, headers={"accept": "text/turtle"}), 406)
    assert "application/sparql-results+json" in body["available"]
    assert_problem(http.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/csv"}), 406)
    assert_problem(http.get("/sparql", params={"query": SELECT}, headers={"accept": "image/png"}), 406)


# --- caps and truncation ---------------------------------------------------------------------

def test_truncation_is_reported(http):
    r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.headers["x-result-truncated"] == "true"
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert r.headers["x-result-truncated"] == "false"
    r = http.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"accept": "application/n-triples"})
    assert r.headers["x-result-truncated"] == "true" and len(r.text.strip().splitlines()) == MAX_ROWS


def test_build_id_header(http):
    assert http.get("/sparql", params={"query": "ASK {}"}).headers["x-build-id"] == "b1"


def test_deep_nesting_is_refused_and_the_server_survives(http):
    q = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    body = assert_problem(http.post("/sparql", content=q, headers={"content-type": "application/sparql-query"}), 400)
    assert "deep" in body["detail"]
    hidden = "SELECT * WHERE " + "\\u007B" * 100 + "\\u007D" * 100
    assert_problem(http.get("/sparql", params={"query": hidden}), 400)
    assert http.get("/health").status_code == 200


def test_overlong_query(http):
    q = "ASK {}" + " " * 20_000
    assert "characters" in assert_problem(http.post("/sparql", data={"query": q}), 400)["detail"]
    big = b"x" * 2_000_000
    assert_problem(http.post("/sparql", content=big, headers={"content-type": "application/sparql-query"}), 413)


# --- refusals ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { service silent <http://127.0.0.1:9/> { ?s ?p ?o } } }",
])
def test_service_is_forbidden(http, query):
    assert "SERVICE" in assert_problem(http.get("/sparql", params={"query": query}), 403)["detail"]


def test_updates_are_refused_and_change_nothing(http):
    assert_problem(http.get("/sparql", params={"update": "CLEAR ALL"}), 403)
    assert_problem(http.post("/sparql", data={"update": "CLEAR ALL"}), 403)
    assert_problem(http.post("/sparql", content="CLEAR ALL", headers={"content-type": "application/sparql-update"}), 403)
    assert_problem(http.post("/sparql", data={"query": "DROP ALL"}), 403)
    assert_problem(http.post("/sparql", content="INSERT DATA { <a:b> <a:c> <a:d> }",
                             headers={"content-type": "application/sparql-query"}), 403)
    assert n_of(http.get("/sparql", params={"query": COUNT})) == TOTAL


def test_syntax_errors_are_400_with_position(http):
    body = assert_problem(http.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p }"}), 400)
    assert body["line"] == 2 and body["column"] >= 1
    body = assert_problem(http.get("/sparql", params={"query": "SELECT * FROM <g> WHERE {\n\n ?s }"}), 400)
    assert body["line"] == 3


@pytest.mark.parametrize("headers, content, status", [
    ({"content-type": "text/plain"}, b"ASK {}", 415),
    ({}, b"query=ASK%20%7B%7D", 415),
    ({"content-type": "application/sparql-query; charset=UTF-16"}, "ASK {}".encode("utf-16"), 415),
    ({"content-type": "application/sparql-query"}, b"ASK { \xff }", 400),
    ({"content-type": "application/x-www-form-urlencoded"}, b"query=%FF", 400),
    ({"content-type": "application/x-www-form-urlencoded"}, b"nothing=here", 400),
    ({"content-type": "application/x-www-form-urlencoded"}, b"query=ASK%20%7B%7D&query=ASK%20%7B%7D", 400),
])
def test_malformed_requests(http, headers, content, status):
    assert_problem(http.post("/sparql", content=content, headers=headers), status)


def test_other_methods(http):
    r = http.put("/sparql", params={"query": "ASK {}"})
    assert_problem(r, 405)
    assert "POST" in r.headers["allow"]
    assert_problem(http.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400)


@pytest.mark.parametrize("params", [
    {"query": "ASK { ?s ?p '\x00' }"},
    {"query": "SELECT * WHERE { ?s ?p ?o } \\uD800"},
    {"query": "\\u005Cu0041"},
    {"query": "SELECT (<http://x/f>(1) AS ?x) {}"},
    {"query": "SELECT * { ?s ?p ?o } ORDER BY (1/0)"},
    {"query": "PREFIX : <x> SELECT * { ?s :p ?o }"},
    {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999"},
    {"query": "SELECT ?x WHERE { BIND(STRDT('1', <x>) AS ?x) }"},
    {"query": "BASE <::::> SELECT * { <a> ?p ?o }"},
    {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "default-graph-uri": "not an iri"},
    {"query": "ASK {}", "named-graph-uri": "<>"},
])
def test_odd_inputs_never_500(http, params):
    r = http.get("/sparql", params=params)
    assert r.status_code < 500, r.text


def test_odd_headers_never_500(http):
    for accept in ("*/*;q=abc", ",,,", "a" * 5000, "text/csv;q=0.5;q=1", "*"):
        assert http.get("/sparql", params={"query": "ASK {}"}, headers={"accept": accept}).status_code < 500
    r = httpx.get(str(http.base_url) + "/sparql?query=ASK%20%7B%7D%FF%FE")
    assert r.status_code < 500


# --- descriptions, CORS, health -----------------------------------------------------------------

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


def test_service_description(http, base_url):
    r = http.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    svc = g.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert g.value(svc, SD.endpoint) == rdflib.URIRef(base_url + "/sparql")
    assert (svc, SD.feature, SD.UnionDefaultGraph) in g
    names = {str(o) for o in g.objects(None, SD.name)}
    assert names == {f"{BASE}graph/{d}" for d in (*DOCS, "ontology")}
    r = http.get("/sparql", headers={"accept": "application/ld+json"})
    assert isinstance(json.loads(r.text), (list, dict))
    assert_problem(http.get("/sparql", headers={"accept": "text/csv"}), 406)


def test_void(http, base_url):
    r = http.get("/.well-known/void")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    ds = rdflib.URIRef(BASE + "dataset")
    assert int(g.value(ds, VOID.triples)) == TOTAL
    assert g.value(ds, VOID.sparqlEndpoint) == rdflib.URIRef(base_url + "/sparql")
    assert len(list(g.objects(ds, VOID.subset))) == len(DOCS) + 1


def test_cors(http):
    r = http.options("/sparql", headers={"origin": "https://yasgui.example", "access-control-request-method": "POST",
                                         "access-control-request-headers": "content-type"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    r = http.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://yasgui.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "x-result-truncated" in r.headers["access-control-expose-headers"].lower()


def test_health_and_openapi(http):
    h = http.get("/health").json()
    assert h["status"] == "ok" and h["build"] == "b1" and h["workers"]["size"] == 2
    spec = http.get("/openapi.json").json()
    assert {"get", "post"} <= set(spec["paths"]["/sparql"])
    assert "application/sparql-query" in spec["paths"]["/sparql"]["post"]["requestBody"]["content"]


def test_unknown_route_is_a_problem(http):
    assert_problem(http.get("/no/such/thing"), 404)


def test_kg_stays_free_of_web_imports():
    code = "import sys, kg, kg.sparql, kg.cli_serve, kg.store; assert 'fastapi' not in sys.modules and 'uvicorn' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
