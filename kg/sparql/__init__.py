"""The SPARQL endpoint's core: query caps and inspection, worker processes, negotiation.

Free of web imports; ``api.routes.sparql`` is the HTTP adapter over ``SparqlService``.
"""
from kg.sparql.inspection import QueryInfo, inspect_query
from kg.sparql.limits import check_query, expand_escapes, nesting_depth
from kg.sparql.negotiate import choose, parse_accept
from kg.sparql.service import QueryRequest, QueryResponse, ServedStore, SparqlService

__all__ = [
    "QueryInfo",
    "QueryRequest",
    "QueryResponse",
    "ServedStore",
    "SparqlService",
    "check_query",
    "choose",
    "expand_escapes",
    "inspect_query",
    "nesting_depth",
    "parse_accept",
]
