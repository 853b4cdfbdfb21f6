"""Real SPARQL clients against the running endpoint: SPARQLWrapper and rdflib's SPARQLStore."""
from __future__ import annotations

import csv
import io
import warnings

import pytest
import rdflib
from api_support import BASE, DOCS, PASSAGES_PER_DOC
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

KGO = "https://w3id.org/metkg/ns#"
PASSAGES = f"PREFIX kgo: <{KGO}> SELECT ?p ?n WHERE {{ ?p a kgo:Passage ; kgo:ordinal ?n }} ORDER BY ?p LIMIT 7"


@pytest.fixture()
def wrapper(base_url):
    return SPARQLWrapper(base_url + "/sparql")


def test_json(wrapper):
    wrapper.setQuery(PASSAGES)
    wrapper.setReturnFormat(JSON)
    data = wrapper.query().convert()
    assert data["head"]["vars"] == ["p", "n"]
    assert len(data["results"]["bindings"]) == 7


def test_xml(wrapper):
    wrapper.setQuery(PASSAGES)
    wrapper.setReturnFormat(XML)
    doc = wrapper.query().convert()  # xml.dom.minidom document
    assert len(doc.getElementsByTagName("result")) == 7


def test_csv(wrapper):
    wrapper.setQuery(PASSAGES)
    wrapper.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(wrapper.query().convert().decode())))
    assert rows[0] == ["p", "n"] and len(rows) == 8


def test_ask_over_post(wrapper):
    wrapper.setMethod(POST)
    wrapper.setQuery("ASK { ?s ?p ?o }")
    wrapper.setReturnFormat(JSON)
    assert wrapper.query().convert()["boolean"] is True


def test_construct_into_rdflib(wrapper):
    wrapper.setQuery(f"PREFIX kgo: <{KGO}> CONSTRUCT {{ ?p kgo:inDocument ?d }} WHERE {{ ?p kgo:inDocument ?d }}")
    wrapper.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=wrapper.query().convert(), format="turtle")
    assert len(g) == len(DOCS) * PASSAGES_PER_DOC
    wrapper.setReturnFormat(XML)  # SPARQLWrapper's default for graphs: RDF/XML, parsed into a Graph
    g = wrapper.query().convert()
    assert isinstance(g, rdflib.Graph) and len(g) == len(DOCS) * PASSAGES_PER_DOC


def test_rdflib_sparqlstore(base_url):
    store = SPARQLStore(base_url + "/sparql", returnFormat="json")
    graph = rdflib.Graph(store=store)
    rows = list(graph.query(f"PREFIX kgo: <{KGO}> SELECT ?d (COUNT(?p) AS ?n) WHERE {{ ?p kgo:inDocument ?d }} GROUP BY ?d"))
    assert sorted(int(r.n) for r in rows) == [PASSAGES_PER_DOC] * len(DOCS)
    doc = rdflib.URIRef(f"{BASE}id/document/doc-a")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        labels = list(graph.objects(doc, rdflib.RDFS.label))
    assert labels == [rdflib.Literal("Document doc-a", lang="en")]
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    with pytest.raises(TypeError):  # the store is read-only on the client side too
        graph.add((doc, rdflib.RDFS.comment, rdflib.Literal("x")))
