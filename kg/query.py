"""Read-only access to the current build's store, and result rendering for the CLI."""
from __future__ import annotations

import contextlib
from typing import Iterator

import pyoxigraph as ox

from kg.layout import current_build
from kg.settings import Settings
from kg.store import GraphResult, QueryResult, SolutionsResult, BooleanResult, open_store
from kg.store.base import Store

GRAPH_FMT = {"turtle", "ntriples", "jsonld", "rdfxml"}
RESULT_FMT = {"json", "xml", "csv", "tsv"}

PREFIXES = """PREFIX kgo: <https://w3id.org/metkg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@contextlib.contextmanager
def open_current_store(settings: Settings) -> Iterator[Store]:
    """Open the current build's store read-only for the duration of the block."""
    cur = current_build(settings.data_dir)
    store = open_store(settings.store, cur.store, read_only=True)
    try:
        yield store
    finally:
        store.close()


def _term(t: object) -> str:
    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def render(store: Store, result: QueryResult, fmt: str) -> str:
    """Render a result as a text table or a standard serialisation."""
    if fmt == "table":
        if isinstance(result, BooleanResult):
            return "true" if result.value else "false"
        if isinstance(result, GraphResult):
            return store.serialize(result, "turtle").decode()
        return _table(result)
    if isinstance(result, GraphResult):
        if fmt not in GRAPH_FMT:
            raise ValueError(f"a CONSTRUCT/DESCRIBE result can be written as {sorted(GRAPH_FMT)}, not {fmt!r}")
    elif fmt not in RESULT_FMT:
        raise ValueError(f"a SELECT/ASK result can be written as {sorted(RESULT_FMT)}, not {fmt!r}")
    return store.serialize(result, fmt).decode("utf-8")


def _table(res: SolutionsResult, width: int = 60) -> str:
    rows = [[_term(r.get(v, "")) if v in r else "" for v in res.variables] for r in res.rows]
    rows = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(res.variables)]
    line = lambda cells: " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(res.variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', truncated' if res.truncated else ''})")
    return "\n".join(out)


def stats(store: Store) -> dict:
    """Counts per class (union graph) and per document graph."""
    classes = store.query(
        PREFIXES + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?c), STR(kgo:))) } GROUP BY ?c ORDER BY DESC(?n)"
    )
    docs = store.query(
        PREFIXES
        + """SELECT ?id ?year ?g (COUNT(*) AS ?triples) WHERE {
             GRAPH ?g { ?d a kgo:Document ; kgo:year ?year ; <http://purl.org/dc/terms/identifier> ?id . ?s ?p ?o } }
             GROUP BY ?id ?year ?g ORDER BY ?year""",
        union_default_graph=False,
    )
    passages = store.query(
        PREFIXES + "SELECT ?id (COUNT(?p) AS ?n) WHERE { ?p a kgo:Passage ; kgo:inDocument ?d . ?d <http://purl.org/dc/terms/identifier> ?id } GROUP BY ?id"
    )
    assert isinstance(classes, SolutionsResult) and isinstance(docs, SolutionsResult) and isinstance(passages, SolutionsResult)
    pcount = {_term(r["id"]): int(_term(r["n"])) for r in passages.rows}
    return {
        "classes": {_term(r["c"]).split("#")[-1]: int(_term(r["n"])) for r in classes.rows},
        "documents": [
            {"id": _term(r["id"]), "year": int(_term(r["year"])), "graph": _term(r["g"]), "triples": int(_term(r["triples"])),
             "passages": pcount.get(_term(r["id"]), 0)}
            for r in docs.rows
        ],
        "total_triples": store.count(),
    }
