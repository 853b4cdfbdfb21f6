"""Inspect a query's parse tree before it runs: form, dataset clause, forbidden parts.

Oxigraph executes ``SERVICE`` by making HTTP requests, which would turn a public
endpoint into an SSRF proxy. Keyword filters on the text are defeated by escapes and
comments, so the query is parsed (rdflib's SPARQL grammar) and the parse tree walked:

* ``SERVICE`` anywhere (including inside ``EXISTS`` and sub-queries) is forbidden;
* ``FROM`` / ``FROM NAMED`` are kept as dataset selection among the store's own graphs
  (the caller checks they exist; nothing is ever fetched);
* an update (``INSERT``, ``LOAD``, ``CLEAR``...) is forbidden: the endpoint is read-only.

Parsing with pyparsing costs tens of milliseconds, so a sound shortcut skips it: Oxigraph
only recognises ``SERVICE`` and ``FROM`` when those letters stand literally in the text it
is given (it does not expand escapes outside strings, and the text was already expanded),
so a query whose expanded text contains neither word, in any case, can have neither clause.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from kg.errors import ForbiddenQueryError, QueryError

READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"
FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}


@dataclass(frozen=True)
class QueryInfo:
    """What inspection found. ``form`` is None when the shortcut skipped parsing."""

    form: str | None
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named)


def needs_parse(text: str) -> bool:
    """Whether the text could hold a SERVICE or FROM clause (see the module docstring)."""
    low = text.lower()
    return "service" in low or "from" in low


def inspect_query(text: str, *, base: str | None = None, full: bool = False) -> QueryInfo:
    """Check a query (escapes already expanded) and describe its dataset clause.

    Args:
        text: the query, after ``kg.sparql.limits.check_query``.
        base: the base IRI relative IRIs in FROM clauses resolve against.
        full: parse even when the shortcut says it is not needed (to learn the form).

    Raises:
        ForbiddenQueryError: SERVICE, or an update request.
        QueryError: the query does not parse (with line and column).
    """
    if not full and not needs_parse(text):
        return QueryInfo(form=None)
    return _inspect_parsed(text, base)


@functools.lru_cache(maxsize=512)
def _inspect_parsed(text: str, base: str | None) -> QueryInfo:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.algebra import translatePrologue

    try:
        parsed = parser.parseQuery(text)
    except ParseException as exc:
        if is_update(text):
            raise ForbiddenQueryError(READ_ONLY) from None
        raise QueryError(f"SPARQL syntax error: {exc.msg}", exc.lineno, exc.col) from None
    except RecursionError:
        raise QueryError("the query is nested too deeply to be parsed") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises assorted errors on odd input (bad IRIs...)
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    prologue_tree, body = parsed[0], parsed[1]
    _reject_service(body)
    try:
        prologue = translatePrologue(prologue_tree, base)
        default, named = [], []
        for clause in body.get("datasetClause") or ():
            if "default" in clause:
                default.append(str(prologue.absolutize(clause["default"])))
            elif "named" in clause:
                named.append(str(prologue.absolutize(clause["named"])))
    except Exception as exc:  # noqa: BLE001 - unknown prefix and the like
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    return QueryInfo(FORMS.get(body.name), tuple(default), tuple(named))


def is_update(text: str) -> bool:
    """Whether the text parses as a SPARQL Update request."""
    from rdflib.plugins.sparql import parser

    try:
        parser.parseUpdate(text)
    except Exception:  # noqa: BLE001 - any failure means "not an update"
        return False
    return True


def _reject_service(tree: object) -> None:
    """Walk the parse tree (iteratively: it can be deep) looking for SERVICE."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                raise ForbiddenQueryError(
                    "SERVICE is not allowed: this endpoint does not query other endpoints", None, None
                )
            stack.extend(dict.values(node))
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
