"""The store interface: load quads, run read-only SPARQL queries, serialise results."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

# Standard media types for result serialisation.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


@dataclass
class SolutionsResult:
    """A SELECT result: variable names and rows of N-Triples-ish python values."""

    variables: list[str]
    rows: list[dict[str, object]]  # var -> store-native term
    truncated: bool = False


@dataclass
class BooleanResult:
    value: bool


@dataclass
class GraphResult:
    triples: list[object]  # store-native triples
    truncated: bool = False


QueryResult = SolutionsResult | BooleanResult | GraphResult


class Store(Protocol):
    """A SPARQL store. Implementations: ``kg.store.oxigraph``."""

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a read-only query. Raises ``QueryError`` with line/column on syntax errors."""
        ...

    def serialize(self, result: QueryResult, fmt: str) -> bytes:
        """Serialise a result: json/xml/csv/tsv for solutions and booleans, turtle/ntriples/rdfxml/jsonld for graphs."""
        ...

    def load_file(self, path: Path, graph: str | None = None) -> None:
        ...

    def named_graphs(self) -> list[str]:
        ...

    def count(self) -> int:
        ...

    def close(self) -> None:
        ...
