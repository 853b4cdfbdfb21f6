"""Replay the W3C SPARQL 1.1 Protocol test suite (``sparql11-protocol/manifest.ttl``).

Every ``mf:ProtocolTest`` is replayed over HTTP against a real server whose store holds
``data1.nt``..``data3.nt`` as the named graphs the manifest expects. Query and bad-query
tests must pass as written; every update is refused (this endpoint is read-only): the
positive update tests must get a 4xx, and their follow-up queries must show that
nothing changed (each ASK the suite expects to be true after the update is false).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
import rdflib
from rdflib import Namespace

SUITE = Path(__file__).parent / "sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = RESULT_TYPES + ("text/csv", "text/tab-separated-values")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}


@dataclass
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]  # acceptable status classes: 2, 3, 4...
    fmt: str | None
    boolean: bool | None


@dataclass
class ProtocolTest:
    name: str
    title: str
    steps: list[Step]

    @property
    def is_update(self) -> bool:
        return self.name.startswith("update_")

    @property
    def is_bad(self) -> bool:
        return self.name.startswith("bad_")


def load_manifest() -> list[ProtocolTest]:
    g = rdflib.Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID="http://example/manifest")
    manifest = next(g.subjects(rdflib.RDF.type, MF.Manifest))
    entries = list(rdflib.collection.Collection(g, g.value(manifest, MF.entries)))
    tests = []
    for entry in entries:
        if (entry, rdflib.RDF.type, MF.ProtocolTest) not in g:
            continue
        action = g.value(entry, MF.action)
        steps = []
        for req in rdflib.collection.Collection(g, g.value(action, HT.requests)):
            headers = {}
            hlist = g.value(req, HT.headers)
            if hlist is not None:
                for h in rdflib.collection.Collection(g, hlist):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = None
            b = g.value(req, HT.body)
            if b is not None:
                encoding = str(g.value(b, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(b, CNT.chars)).encode(encoding)
            resp = g.value(req, HT.resp)
            statuses = {int(str(s).rsplit("StatusCode", 1)[1][0]) for s in g.objects(resp, MF.expectedStatus)}
            fmt = g.value(resp, MF.expectedFormat)
            boolean = g.value(resp, MF.expectedBoolean)
            path = str(g.value(req, HT.absolutePath))
            assert path.startswith("/sparql/")
            steps.append(Step(str(g.value(req, HT.methodName)), "/sparql" + path[len("/sparql/"):], headers, body,
                              statuses, str(fmt) if fmt is not None else None,
                              boolean.toPython() if boolean is not None else None))
        name = str(entry).rsplit("#", 1)[1]
        tests.append(ProtocolTest(name, str(g.value(entry, MF.name)), steps))
    return tests


TESTS = load_manifest()


def check_format(resp: httpx.Response, fmt: str | None, boolean: bool | None) -> None:
    ctype = resp.headers.get("content-type", "").split(";")[0].strip()
    if fmt == "boolean":
        assert ctype in RESULT_TYPES, ctype
        value = _boolean(resp, ctype)
        if boolean is not None:
            assert value is boolean
    elif fmt == "tabular":
        assert ctype in TABULAR_TYPES, ctype
        if ctype == "application/sparql-results+json":
            assert "results" in resp.json()
    elif fmt == "RDF":
        assert ctype in RDF_TYPES, ctype
        rdflib.Graph().parse(data=resp.content, format=RDF_TYPES[ctype])


def _boolean(resp: httpx.Response, ctype: str) -> bool:
    if ctype == "application/sparql-results+json":
        return bool(json.loads(resp.content)["boolean"])
    node = ElementTree.fromstring(resp.content).find(f"{RESULTS_NS}boolean")
    assert node is not None
    return node.text == "true"


def send(client: httpx.Client, step: Step) -> httpx.Response:
    return client.request(step.method, step.path, headers=step.headers, content=step.body)


def test_suite_is_complete():
    names = {t.name for t in TESTS}
    assert len(TESTS) == 34
    assert sum(n.startswith("query_") for n in names) == 13
    assert sum(n.startswith("bad_") and "update" not in n for n in names) == 7
    assert sum(n.startswith("bad_") and "update" in n for n in names) == 7
    assert sum(n.startswith("update_") for n in names) == 7


@pytest.mark.parametrize("case", [t for t in TESTS if not t.is_update], ids=lambda t: t.name)
def test_query_and_bad_requests(w3c_server, case):
    """query_*, bad_query_*, bad_update_*: exactly as the manifest says."""
    with httpx.Client(base_url=w3c_server.url, timeout=30) as client:
        for step in case.steps:
            resp = send(client, step)
            assert resp.status_code // 100 in step.statuses, f"{case.name}: {resp.status_code} {resp.text[:300]}"
            if resp.status_code // 100 == 2:
                check_format(resp, step.fmt, step.boolean)


@pytest.mark.parametrize("case", [t for t in TESTS if t.is_update], ids=lambda t: t.name)
def test_updates_are_refused(w3c_server, case):
    """update_*: read-only, so the update gets 4xx and the follow-up ASKs see no change."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with httpx.Client(base_url=w3c_server.url, timeout=30) as client:
        before = client.get("/sparql", params={"query": count}).json()
        update, *follow_ups = case.steps
        resp = send(client, update)
        assert 400 <= resp.status_code < 500, f"{case.name}: {resp.status_code} {resp.text[:300]}"
        assert resp.headers["content-type"].startswith("application/problem+json")
        for step in follow_ups:
            resp = send(client, step)
            assert resp.status_code // 100 == 2
            check_format(resp, step.fmt, False if step.boolean else step.boolean)
        assert client.get("/sparql", params={"query": count}).json() == before
