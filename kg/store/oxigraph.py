"""Embedded on-disk store: pyoxigraph (RocksDB)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store.base import BooleanResult, GraphResult, QueryResult, SolutionsResult

_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_POS = re.compile(r"(?:line|at)\s+(\d+)(?:[:,]\s*(?:column\s+)?(\d+))?", re.I)


def syntax_error(exc: SyntaxError) -> QueryError:
    """Turn pyoxigraph's SyntaxError into a QueryError with line and column."""
    msg = str(exc.msg if getattr(exc, "msg", None) else exc)
    line, col = getattr(exc, "lineno", None), getattr(exc, "offset", None)
    if line is None:
        m = _POS.search(msg)
        if m:
            line = int(m.group(1))
            col = int(m.group(2)) if m.group(2) else None
    return QueryError(f"SPARQL syntax error: {msg}", line, col)


def _graph_name(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"invalid graph IRI {iri!r}: {exc}") from None


class OxigraphStore:
    def __init__(self, path: Path | None, *, read_only: bool = True):
        self.read_only = read_only and path is not None
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))

    @property
    def raw(self) -> ox.Store:
        return self._store

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        max_rows: int | None = None,
    ) -> QueryResult:
        kwargs: dict[str, object] = {}
        if default_graph is not None:
            kwargs["default_graph"] = [_graph_name(g) for g in default_graph]
        elif union_default_graph:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [_graph_name(g) for g in named_graphs]
        try:
            res = self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
            return _collect(res, max_rows)  # results are computed lazily: errors can come here too
        except SyntaxError as exc:
            raise syntax_error(exc) from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def serialize(self, result: QueryResult, fmt: str) -> bytes:
        if isinstance(result, GraphResult):
            if fmt not in _GRAPHS:
                raise ValueError(f"cannot write a graph as {fmt!r}; use one of {sorted(_GRAPHS)}")
            out = ox.serialize(result.triples, format=_GRAPHS[fmt])
            return out or b""
        if fmt not in _RESULTS:
            raise ValueError(f"cannot write query results as {fmt!r}; use one of {sorted(_RESULTS)}")
        # pyoxigraph only serialises live, whole QuerySolutions; rebuilding them with a
        # VALUES query could not carry blank nodes, so the standard formats are written here.
        from kg.sparql.results import write_boolean, write_solutions

        if isinstance(result, BooleanResult):
            return write_boolean(fmt, result.value)
        return write_solutions(fmt, result.variables, result.rows)

    def load_file(self, path: Path, graph: str | None = None) -> None:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        kwargs: dict[str, object] = {"format": fmt}
        if graph is not None and not (fmt and fmt.supports_datasets):
            kwargs["to_graph"] = ox.NamedNode(graph)
        self._store.bulk_load(path=str(path), **kwargs)  # type: ignore[arg-type]

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def count(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store


def _collect(res: object, max_rows: int | None) -> QueryResult:
    if isinstance(res, ox.QueryBoolean):
        return BooleanResult(bool(res))
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        rows: list[dict[str, object]] = []
        truncated = False
        for sol in res:
            if max_rows is not None and len(rows) >= max_rows:
                truncated = True
                break
            rows.append({v: sol[v] for v in variables if sol[v] is not None})
        return SolutionsResult(variables, rows, truncated)
    triples: list[object] = []
    truncated = False
    for t in res:  # type: ignore[attr-defined]
        if max_rows is not None and len(triples) >= max_rows:
            truncated = True
            break
        triples.append(t)
    return GraphResult(triples, truncated)

