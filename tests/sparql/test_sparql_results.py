"""The result writers agree with pyoxigraph's own parsers (kg.sparql.results)."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from kg.sparql.results import write_boolean, write_solutions

FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "tsv": ox.QueryResultsFormat.TSV}
Q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


def rows_of(mem_store, q=Q):
    res = mem_store.query(q)
    return res.variables, res.rows


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_through_pyoxigraph_parser(mem_store, fmt):
    variables, rows = rows_of(mem_store)
    body = write_solutions(fmt, variables, rows)
    parsed = ox.parse_query_results(body, format=FORMATS[fmt])
    assert [v.value for v in parsed.variables] == variables
    back = [{v: sol[v] for v in variables if sol[v] is not None} for sol in parsed]
    assert len(back) == len(rows)
    # blank node labels may be renamed by a parser; everything else must be identical
    norm = lambda t: "_:b" if isinstance(t, ox.BlankNode) else t
    assert [{k: norm(v) for k, v in r.items()} for r in back] == [{k: norm(v) for k, v in r.items()} for r in rows]


def test_unbound_variables_and_json_shape(mem_store):
    variables, rows = rows_of(mem_store, "SELECT ?s ?x WHERE { ?s ?p ?o OPTIONAL { ?s <http://nowhere/> ?x } } LIMIT 1")
    data = json.loads(write_solutions("json", variables, rows))
    assert data["head"]["vars"] == ["s", "x"]
    assert "x" not in data["results"]["bindings"][0]


def test_literal_json_terms(mem_store):
    variables, rows = rows_of(mem_store, 'SELECT ?l ?n WHERE { ?b <http://example.org/label> ?l . BIND(3 AS ?n) }')
    binding = json.loads(write_solutions("json", variables, rows))["results"]["bindings"][0]
    assert binding["l"] == {"type": "literal", "value": 'comma, "quote"\nnew\tline', "xml:lang": "en"}
    assert binding["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_csv_quotes_awkward_values(mem_store):
    variables, rows = rows_of(mem_store, "SELECT ?b ?l WHERE { ?b <http://example.org/label> ?l }")
    text = write_solutions("csv", variables, rows).decode()
    assert text.endswith("\r\n")
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["b", "l"]
    assert parsed[1][0].startswith("_:") and parsed[1][1] == 'comma, "quote"\nnew\tline'


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_booleans(fmt):
    for value in (True, False):
        parsed = ox.parse_query_results(write_boolean(fmt, value), format=FORMATS[fmt])
        assert bool(parsed) is value


def test_store_serialize_keeps_blank_nodes(mem_store):
    res = mem_store.query("SELECT (BNODE() AS ?b) WHERE {}")
    body = mem_store.serialize(res, "json")
    assert json.loads(body)["results"]["bindings"][0]["b"]["type"] == "bnode"
