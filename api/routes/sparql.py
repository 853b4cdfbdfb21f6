"""/sparql: the SPARQL 1.1 Protocol query operation (read-only).

* ``GET /sparql?query=...``, ``POST`` form-encoded (``query=...``) or ``POST`` with
  ``Content-Type: application/sparql-query``; ``default-graph-uri`` and
  ``named-graph-uri`` (repeatable) select the dataset and override FROM clauses.
* ``GET /sparql`` without a query returns the SPARQL service description.
* Updates (``update=``, ``application/sparql-update``) are refused with 403.

The route only parses the HTTP request; ``kg.sparql.SparqlService`` does the rest.
"""
from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import get_sparql
from api.errors import ProtocolError
from api.schemas import problem
from kg.errors import ForbiddenQueryError
from kg.sparql import QueryRequest, QueryResponse, SparqlService
from kg.sparql.describe import render, service_description
from kg.sparql.inspection import READ_ONLY
from kg.sparql.negotiate import FORMATS, GRAPH, RESULTS

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

RDF_CONTENT = {f.media_type: {"schema": {"type": "string"}} for f in FORMATS[GRAPH]}
RESULT_CONTENT = {f.media_type: {"schema": {"type": "string"}} for f in FORMATS[RESULTS]}
QUERY_RESPONSES: dict[int | str, dict] = {
    200: {
        "description": "Query results (SELECT/ASK) or an RDF graph (CONSTRUCT/DESCRIBE), as negotiated. "
        "`X-Result-Truncated: true` when the result was cut at the row limit. Without a query, "
        "GET returns the service description.",
        "content": {**RESULT_CONTENT, **RDF_CONTENT},
    },
    400: problem("Syntax error (with line and column), query too long or too deeply nested, bad parameters."),
    403: problem("SERVICE, FROM naming a graph this store lacks, or an update."),
    406: problem("No acceptable media type for this kind of result."),
    413: problem("Request body too large."),
    415: problem("Unsupported request media type or charset."),
    503: problem("Query timed out, the workers are busy, or there is no build yet."),
}

QueryParam = Annotated[
    list[str] | None, Query(description="The SPARQL query (exactly one).", json_schema_extra={"maxItems": 1})
]
DefaultGraphs = Annotated[
    list[str] | None,
    Query(alias="default-graph-uri", description="IRI of a graph to merge into the default graph (repeatable)."),
]
NamedGraphs = Annotated[
    list[str] | None,
    Query(alias="named-graph-uri", description="IRI of a graph to make available to GRAPH (repeatable)."),
]

POST_BODY = {
    "required": True,
    "content": {
        FORM: {
            "schema": {
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                    "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["query"],
            },
            "encoding": {"default-graph-uri": {"explode": True}, "named-graph-uri": {"explode": True}},
        },
        SPARQL_QUERY: {"schema": {"type": "string"}},
    },
}


@router.get("/sparql", name="sparql_get", response_class=Response, responses=QUERY_RESPONSES)
async def sparql_get(
    request: Request,
    query: QueryParam = None,
    default_graph_uri: DefaultGraphs = None,
    named_graph_uri: NamedGraphs = None,
    sparql: SparqlService = Depends(get_sparql),
) -> Response:
    """Run a query given in the URL, or describe the service when there is none."""
    params = request.query_params
    if "update" in params:
        raise ForbiddenQueryError(READ_ONLY)
    queries = params.getlist("query")
    if not queries:
        return await _describe(request, sparql)
    req = QueryRequest(
        _one(queries), tuple(params.getlist("default-graph-uri")), tuple(params.getlist("named-graph-uri")),
        request.headers.get("accept"),
    )
    return await _run(sparql, req)


@router.post(
    "/sparql", name="sparql_post", response_class=Response, responses=QUERY_RESPONSES,
    openapi_extra={"requestBody": POST_BODY},
)
async def sparql_post(
    request: Request,
    default_graph_uri: DefaultGraphs = None,
    named_graph_uri: NamedGraphs = None,
    sparql: SparqlService = Depends(get_sparql),
) -> Response:
    """Run a query sent form-encoded or directly as ``application/sparql-query``."""
    media_type, charset = _content_type(request.headers.get("content-type"))
    url = request.query_params
    if "update" in url or media_type == SPARQL_UPDATE:
        raise ForbiddenQueryError(READ_ONLY)
    defaults, named = url.getlist("default-graph-uri"), url.getlist("named-graph-uri")
    limit = sparql.settings.max_query_length * 12 + 65536  # worst-case percent-encoding, plus parameters
    if media_type == FORM:
        form = _parse_form(await _body(request, limit))
        if "update" in form:
            raise ForbiddenQueryError(READ_ONLY)
        if "query" in url:
            raise ProtocolError(400, "give the query in the form body or the URL, not both")
        query = _one(form.get("query", []))
        defaults += form.get("default-graph-uri", [])
        named += form.get("named-graph-uri", [])
    elif media_type == SPARQL_QUERY:
        if charset not in (None, "utf-8", "utf8"):
            raise ProtocolError(415, f"the query must be UTF-8 encoded, not {charset}")
        if "query" in url:
            raise ProtocolError(400, "a direct POST carries the query in the body; do not also give ?query=")
        query = _decode(await _body(request, limit))
    elif not media_type:
        raise ProtocolError(415, f"no Content-Type; send {FORM} or {SPARQL_QUERY}")
    else:
        raise ProtocolError(415, f"unsupported Content-Type {media_type!r}; send {FORM} or {SPARQL_QUERY}")
    req = QueryRequest(query, tuple(defaults), tuple(named), request.headers.get("accept"))
    return await _run(sparql, req)


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other() -> Response:
    raise ProtocolError(405, "the SPARQL endpoint answers GET and POST only", headers={"Allow": "GET, POST, OPTIONS"})


async def _run(sparql: SparqlService, req: QueryRequest) -> Response:
    res: QueryResponse = await run_in_threadpool(sparql.query, req)
    headers = {"X-Result-Truncated": "true" if res.truncated else "false", "Vary": "Accept"}
    if res.build_id:
        headers["X-Build-Id"] = res.build_id
    return Response(res.body, media_type=res.content_type, headers=headers)


async def _describe(request: Request, sparql: SparqlService) -> Response:
    _, stats = await run_in_threadpool(sparql.dataset_stats)
    s = sparql.settings
    graph = service_description(
        str(request.url_for("sparql_get")), stats, base_iri=s.base_iri,
        union_default_graph=s.sparql_union_default_graph, timeout=s.query_timeout, max_rows=s.max_result_rows,
    )
    body, ctype = render(graph, request.headers.get("accept"))
    return Response(body, media_type=ctype, headers={"Vary": "Accept"})


def _one(values: list[str]) -> str:
    if len(values) != 1:
        raise ProtocolError(400, f"exactly one query is allowed per request, got {len(values)}")
    return values[0]


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return parts[0].lower(), charset


async def _body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request body is not valid UTF-8 (byte {exc.start})") from None


def _parse_form(body: bytes) -> dict[str, list[str]]:
    try:
        return parse_qs(_decode(body), keep_blank_values=True, errors="strict", max_num_fields=1000)
    except UnicodeDecodeError:
        raise ProtocolError(400, "a form field is not valid percent-encoded UTF-8") from None
    except ValueError as exc:
        raise ProtocolError(400, f"malformed form body: {exc}") from None
