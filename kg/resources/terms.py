"""Values out of SPARQL results, and IRIs made safe to put into a query.

Also the namespaces the queries and the HTML view share.
"""
from __future__ import annotations

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.iris import VOCAB

KGO = VOCAB
DCT = "http://purl.org/dc/terms/"


def _v(term: object) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(term)


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def iri_ref(iri: str) -> str:
    """``<iri>`` for a SPARQL query, or NotFoundError if ``iri`` is not a valid IRI (no injection)."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError:
        raise NotFoundError(f"not a valid IRI: {iri!r}") from None
