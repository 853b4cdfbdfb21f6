"""Content negotiation (kg.sparql.negotiate)."""
from __future__ import annotations

import pytest

from kg.sparql.negotiate import GRAPH, RESULTS, available, choose, parse_accept


@pytest.mark.parametrize("accept, kind, name", [
    (None, RESULTS, "json"),
    ("*/*", GRAPH, "turtle"),
    ("application/sparql-results+xml", RESULTS, "xml"),
    ("text/csv", RESULTS, "csv"),
    ("text/tab-separated-values", RESULTS, "tsv"),
    ("application/rdf+xml", GRAPH, "rdfxml"),
    ("application/n-triples", GRAPH, "ntriples"),
    ("application/ld+json", GRAPH, "jsonld"),
    ("text/turtle;q=0.3, application/ld+json;q=0.9", GRAPH, "jsonld"),
    ("application/sparql-results+json,application/json,text/javascript,application/javascript", RESULTS, "json"),
    ("text/*", RESULTS, "csv"),
    ("application/xml", GRAPH, "rdfxml"),
    ("application/json", GRAPH, "jsonld"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", GRAPH, "turtle"),
    ("*/*, text/csv;q=0", RESULTS, "json"),
    ("application/sparql-results+json;q=0, application/json;q=0, */*", RESULTS, "xml"),
])
def test_choose(accept, kind, name):
    choice = choose(parse_accept(accept), kind)
    assert choice is not None and choice.format.name == name


@pytest.mark.parametrize("accept, kind", [
    ("text/html", RESULTS), ("text/turtle", RESULTS), ("text/csv", GRAPH), ("*/*;q=0", RESULTS),
])
def test_nothing_acceptable(accept, kind):
    assert choose(parse_accept(accept), kind) is None


@pytest.mark.parametrize("junk", ["", ";;;", "garbage", "text/csv;q=abc", "*/csv", "a/b;q=nan", "," * 1000])
def test_malformed_headers_never_raise(junk):
    parse_accept(junk)
    choose(parse_accept(junk), RESULTS)


def test_alias_is_echoed_and_charset_added_to_text_types():
    assert choose(parse_accept("application/json"), RESULTS).content_type == "application/json"
    assert choose(parse_accept("text/csv"), RESULTS).content_type == "text/csv; charset=utf-8"
    assert "text/turtle" in available(GRAPH) and len(available()) == 8
