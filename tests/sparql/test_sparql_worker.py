"""Running one query in-process: dataset semantics, FROM policy, caps (kg.sparql.worker)."""
from __future__ import annotations

import json

import pytest
from sparql_support import GRAPHS

from kg.errors import ForbiddenQueryError, NotAcceptableError, QueryError, QueryTooComplexError
from kg.sparql.negotiate import parse_accept
from kg.sparql.worker import QueryJob, WorkerConfig, dataset_stats, run_query

CONFIG = WorkerConfig(base_iri="https://metkg.example.org/", max_length=2000, max_depth=16)


def run(store, query, accept=None, max_rows=1000, union=True, default=(), named=()):
    job = QueryJob("mem", query, parse_accept(accept), max_rows, union, tuple(default), tuple(named))
    return run_query(store, frozenset(store.named_graphs()), job, CONFIG)


def solutions(out):
    return json.loads(out.body)["results"]["bindings"]


def count(store, query, **kw):
    return int(solutions(run(store, query, **kw))[0]["n"]["value"])


def test_default_graph_is_the_union(mem_store):
    assert count(mem_store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == 62
    assert count(mem_store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", union=False) == 0


def test_protocol_dataset(mem_store):
    assert count(mem_store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default=[GRAPHS[1]]) == 20
    # named graphs only: the default graph is empty, not the union
    assert count(mem_store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", named=[GRAPHS[1]]) == 0
    assert count(mem_store, "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }", named=GRAPHS[:2]) == 2


def test_from_selects_store_graphs_and_the_protocol_overrides_it(mem_store):
    q = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPHS[2]}> WHERE {{ ?s ?p ?o }}"
    assert count(mem_store, q) == 20  # FROM wins over the union default
    assert count(mem_store, q, default=[GRAPHS[0]]) == 22  # protocol wins over FROM
    q = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{GRAPHS[2]}> WHERE {{ ?s ?p ?o }}"
    assert count(mem_store, q) == 0


def test_from_a_graph_the_store_lacks_is_forbidden(mem_store):
    with pytest.raises(ForbiddenQueryError, match="never fetches"):
        run(mem_store, "SELECT * FROM <http://127.0.0.1:9/remote.ttl> WHERE { ?s ?p ?o }")
    with pytest.raises(ForbiddenQueryError):
        run(mem_store, "SELECT * FROM NAMED <http://127.0.0.1:9/remote.ttl> WHERE { ?s ?p ?o }")


def test_relative_iris_resolve_against_the_base(mem_store):
    out = run(mem_store, "CONSTRUCT { <s> <p> 1 } WHERE {}", accept="application/n-triples")
    assert out.body.decode().startswith("<https://metkg.example.org/s> <https://metkg.example.org/p>")


def test_truncation(mem_store):
    out = run(mem_store, "SELECT * { ?s ?p ?o }", max_rows=5)
    assert out.truncated and len(solutions(out)) == 5
    out = run(mem_store, "CONSTRUCT WHERE { ?s ?p ?o }", max_rows=5, accept="application/n-triples")
    assert out.truncated and len(out.body.decode().strip().splitlines()) == 5
    assert not run(mem_store, "SELECT * { ?s ?p ?o } LIMIT 5", max_rows=5).truncated


def test_negotiation_before_and_after_evaluation(mem_store):
    with pytest.raises(NotAcceptableError) as info:
        run(mem_store, f"SELECT * FROM <{GRAPHS[0]}> {{ ?s ?p ?o }}", accept="text/turtle")  # known before running
    assert "application/sparql-results+json" in info.value.available
    with pytest.raises(NotAcceptableError):
        run(mem_store, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/csv")  # known after
    assert run(mem_store, "ASK {}", accept="text/csv").body == b"true\r\n"


def test_syntax_error_positions_ignore_the_base_prefix(mem_store):
    with pytest.raises(QueryError) as info:
        run(mem_store, "SELECT * WHERE { ?s ?p")
    assert info.value.line == 1 and info.value.column == 23
    assert "1:23" in info.value.message and "\\u{" not in info.value.message


def test_caps_apply_in_the_worker_too(mem_store):
    with pytest.raises(QueryTooComplexError):
        run(mem_store, "SELECT * WHERE " + "{" * 20 + "}" * 20)


def test_dataset_stats(mem_store):
    stats = dataset_stats(mem_store)
    assert stats["triples"] == 62 and stats["default_graph_triples"] == 0
    assert stats["graphs"] == {GRAPHS[0]: 22, GRAPHS[1]: 20, GRAPHS[2]: 20}


def test_parsers_agree_on_escaped_quotes(mem_store):
    # If one parser expanded "\u0022" and the other did not, SERVICE could sit inside a string
    # for the inspector and outside it for the evaluator. Both read the once-expanded text, so
    # for both this is one long string literal, and nothing is fetched.
    q = 'SELECT ?y WHERE { BIND("\\u0022" AS ?x) SERVICE <http://127.0.0.1:9/> { } BIND("\\u0022" AS ?y) }'
    assert "\\u0022" in q
    out = run(mem_store, q)
    (row,) = solutions(out)
    assert "SERVICE <http://127.0.0.1:9/>" in row["y"]["value"]


def test_service_with_escapes_is_rejected_before_evaluation(mem_store):
    with pytest.raises(ForbiddenQueryError):
        run(mem_store, "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }")
