"""Linked data: every IRI minted under the base IRI resolves here, in the format asked for.

``GET /id/{path}`` describes ``{base}id/{path}`` and ``GET /graph/{name}`` the named graph
``{base}graph/{name}`` (its content), as HTML for browsers or as Turtle, JSON-LD or
N-Triples (``Accept``; Turtle for ``*/*``; 406 for anything else). The IRI is the base IRI
setting plus the request path, so the server may run on another host than the IRIs name.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from api.deps import get_build
from api.schemas import problem
from kg.resources import LD_MEDIA_TYPES, Resources, negotiate

router = APIRouter(tags=["linked data"])

RESPONSES: dict[int | str, dict] = {
    200: {
        "description": "The resource's triples, the triples of its `#` parts and the links to it "
        "(`X-Result-Truncated: true` when the links were cut at the row limit).",
        "content": {mt: {"schema": {"type": "string"}} for mt in LD_MEDIA_TYPES.values()},
    },
    404: problem("The graph says nothing about this IRI."),
    406: problem("No acceptable format: the choice is HTML, Turtle, JSON-LD or N-Triples."),
    503: problem("No build yet."),
}


@router.get("/id/{path:path}", response_class=Response, responses=RESPONSES)
def resource(path: str, request: Request, res: Resources = Depends(get_build)) -> Response:
    """Describe a document, passage, section, entity, fact, mention... by its IRI."""
    return _describe(request, res)


@router.get("/graph/{name:path}", response_class=Response, responses=RESPONSES)
def graph(name: str, request: Request, res: Resources = Depends(get_build)) -> Response:
    """A named graph: a document's graph, `entities`, `analysis` or `ontology`."""
    return _describe(request, res)


def _describe(request: Request, res: Resources) -> Response:
    fmt = negotiate(request.headers.get("accept"))
    raw = request.scope.get("raw_path") or request.url.path.encode()
    d = res.describe(res.settings.base_iri + raw.decode("latin-1").lstrip("/"), fmt)
    headers = {"Vary": "Accept", "X-Result-Truncated": "true" if d.truncated else "false"}
    if res.build_id:
        headers["X-Build-Id"] = res.build_id
    return Response(d.body, media_type=d.media_type, headers=headers)
