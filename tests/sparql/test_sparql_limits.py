"""Lexical caps and code point escapes (kg.sparql.limits)."""
from __future__ import annotations

import pytest

from kg.errors import QueryError, QueryTooComplexError
from kg.sparql.limits import check_query, expand_escapes, nesting_depth


def test_expand_escapes_everywhere():
    assert expand_escapes(r"SERV\u0049CE") == "SERVICE"
    assert expand_escapes(r"\U0001F600") == "\U0001F600"
    assert expand_escapes(r'"caf\u00E9"') == '"café"'
    assert expand_escapes("no escapes") == "no escapes"


def test_surrogate_pairs_join_and_lone_surrogates_fail():
    assert expand_escapes(r"\uD83D\uDE00") == "\U0001F600"
    for bad in (r"\uD83D", r"\uDE00", r"\uD83Dx\uDE00", r"\U00110000"):
        with pytest.raises(QueryError):
            expand_escapes(bad)


def test_escape_producing_escape_is_rejected():
    # \u005C is a backslash: one pass yields "\u0041", which a second parser would expand again.
    with pytest.raises(QueryError) as info:
        expand_escapes(r"SELECT * { ?s ?p '\u005Cu0041' }")
    assert info.value.line == 1


@pytest.mark.parametrize(
    "text, depth",
    [
        ("SELECT * { ?s ?p ?o }", 1),
        ("SELECT * { { { ?s ?p ?o } } }", 3),
        ('SELECT * { ?s ?p "{{{{((((" }', 1),
        ("SELECT * { ?s ?p '''{{{\n{{{''' }", 1),
        ("SELECT * { # {{{{{{{{\n ?s ?p ?o }", 1),
        ("SELECT * { ?s <http://x/{{{> ?o }", 4),  # not an IRI ({ is not allowed in one): counted
        ("SELECT * { ?s <http://x/a(b)> ?o }", 1),
        ("SELECT * { FILTER(?a < 3 && ((?b))) }", 4),
        (r"SELECT * { ?s ex:a\#b { } }", 2),  # \# is a prefixed-name escape, not a comment
        (r'SELECT * { ?s ?p "a\"{{" }', 1),
    ],
)
def test_nesting_depth(text, depth):
    assert nesting_depth(text) == depth


def test_check_query_caps_length_and_depth():
    assert check_query("ASK {}", max_length=100, max_depth=5) == "ASK {}"
    with pytest.raises(QueryTooComplexError, match="characters"):
        check_query("ASK {}" + " " * 100, max_length=100, max_depth=5)
    with pytest.raises(QueryTooComplexError, match="deep"):
        check_query("SELECT * WHERE " + "{" * 6 + "}" * 6, max_length=1000, max_depth=5)
    with pytest.raises(QueryError, match="empty"):
        check_query("   ", max_length=100, max_depth=5)


def test_depth_is_measured_after_escape_expansion():
    hidden = "SELECT * WHERE " + r"\u007B" * 10 + r"\u007D" * 10
    with pytest.raises(QueryTooComplexError):
        check_query(hidden, max_length=1000, max_depth=5)


def test_three_thousand_braces_never_reach_a_parser():
    q = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    with pytest.raises(QueryTooComplexError):
        check_query(q, max_length=20_000, max_depth=64)


def test_a_leading_byte_order_mark_is_dropped():
    assert check_query("\ufeffASK {}", max_length=100, max_depth=5) == "ASK {}"
