"""GET /.well-known/void: a VoID description of the dataset (RFC 5785 well-known URI)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import get_sparql
from api.routes.sparql import RDF_CONTENT
from api.schemas import problem
from kg.sparql import SparqlService
from kg.sparql.describe import render, void_description

router = APIRouter(tags=["sparql"])


@router.get(
    "/.well-known/void",
    response_class=Response,
    responses={
        200: {"description": "VoID description (Turtle by default).", "content": RDF_CONTENT},
        406: problem("No RDF format acceptable."),
        503: problem("No build to describe yet, or the service is busy."),
    },
)
async def void(request: Request, sparql: SparqlService = Depends(get_sparql)) -> Response:
    """Triple counts, the SPARQL endpoint and one subset per named graph."""
    served, stats = await run_in_threadpool(sparql.dataset_stats)
    graph = void_description(
        str(request.url_for("sparql_get")), stats, base_iri=sparql.settings.base_iri, build_id=served.build_id
    )
    body, ctype = render(graph, request.headers.get("accept"))
    return Response(body, media_type=ctype, headers={"Vary": "Accept"})
