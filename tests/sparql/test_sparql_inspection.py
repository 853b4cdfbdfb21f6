"""Parse-tree inspection: SERVICE, FROM, updates (kg.sparql.inspection)."""
from __future__ import annotations

import pytest

from kg.errors import ForbiddenQueryError, QueryError
from kg.sparql.inspection import inspect_query, needs_parse
from kg.sparql.limits import check_query

SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
    "SELECT * WHERE { OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "ASK { ?s ?p ?o MINUS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053\\u0045\\u0052\\u0056\\u0049\\u0043\\u0045 <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { # comment\n SERVICE # another\n <http://127.0.0.1:9/> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", SERVICE_QUERIES)
def test_service_is_rejected_wherever_it_hides(query):
    text = check_query(query, max_length=20_000, max_depth=64)
    with pytest.raises(ForbiddenQueryError, match="SERVICE"):
        inspect_query(text)


def test_the_word_service_in_strings_or_iris_is_fine():
    for q in (
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
        "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
        "PREFIX service: <http://x/> SELECT * WHERE { ?s service:p ?o }",
    ):
        assert inspect_query(q).from_graphs == ()


def test_shortcut_is_only_taken_without_service_or_from_letters():
    assert not needs_parse("SELECT * WHERE { ?s ?p ?o }")
    assert needs_parse("select * where { sErViCe <x> {} }")
    assert needs_parse("SELECT * FROM <g> {}")
    assert inspect_query("SELECT * WHERE { ?s ?p ?o }").form is None
    assert inspect_query("SELECT * WHERE { ?s ?p ?o }", full=True).form == "select"


def test_dataset_clause_is_resolved():
    info = inspect_query(
        "PREFIX ex: <http://ex.org/> SELECT * FROM ex:g1 FROM <rel> FROM NAMED <http://abs/> WHERE { ?s ?p ?o }",
        base="https://metkg.example.org/",
    )
    assert info.form == "select"
    assert info.from_graphs == ("http://ex.org/g1", "https://metkg.example.org/rel")
    assert info.from_named == ("http://abs/",)
    assert info.has_dataset


@pytest.mark.parametrize("form, query", [
    ("ask", "ASK FROM <g> {}"),
    ("construct", "CONSTRUCT WHERE { ?s ?p ?o } # from"),
    ("describe", "DESCRIBE <http://x/from>"),
])
def test_forms(form, query):
    assert inspect_query(query, base="http://b/").form == form


@pytest.mark.parametrize("update", [
    "CLEAR ALL", "INSERT DATA { <a:s> <a:p> <a:o> }", "LOAD <http://127.0.0.1:9/data.ttl>",
    "DROP GRAPH <http://x/>", "DELETE WHERE { ?s ?p ?o }",
])
def test_updates_are_forbidden(update):
    with pytest.raises(ForbiddenQueryError, match="read-only"):
        inspect_query(update, full=True)


def test_syntax_errors_have_a_position():
    with pytest.raises(QueryError) as info:
        inspect_query("SELECT * FROM <g> WHERE {\n  ?s ?p }")
    assert not isinstance(info.value, ForbiddenQueryError)
    assert info.value.line == 2 and info.value.column is not None


def test_inspection_survives_the_depth_cap():
    import threading

    q = "SELECT * FROM <g> WHERE " + "{" * 64 + "?s ?p ?o" + "}" * 64
    out = []
    threading.stack_size(256 * 1024 * 1024)
    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)
    try:
        t = threading.Thread(target=lambda: out.append(inspect_query(q)))
        t.start()
        t.join()
    finally:
        sys.setrecursionlimit(old)
        threading.stack_size(0)
    assert out and out[0].from_graphs == ("g",)
