"""GET /search: hybrid passage search over the current build."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from api.deps import get_build
from api.schemas import problem
from kg.resources import Resources

router = APIRouter(tags=["search"])

@router.get(
    "/search",
    responses={
        200: {"description": "`hits`: ranked passages with document, section, offsets and the entities they mention."},
        400: problem("Bad parameters: empty question, k out of range, from after to, unknown document, genre or entity."),
        503: problem("No build yet, or the build has no search index."),
    },
)
def search(
    q: Annotated[str, Query(min_length=1, max_length=1000, description="The question or keywords.")],
    k: Annotated[int, Query(ge=1, le=100, description="Number of passages.")] = 10,
    year_from: Annotated[int | None, Query(alias="from", ge=1900, le=2100, description="Earliest document year.")] = None,
    year_to: Annotated[int | None, Query(alias="to", ge=1900, le=2100, description="Latest document year.")] = None,
    doc: Annotated[str | None, Query(max_length=200, description="Document id or IRI.")] = None,
    genre: Annotated[str | None, Query(max_length=100, description="e.g. `business_plan_update`.")] = None,
    entity: Annotated[str | None, Query(max_length=300, description="Entity id, IRI or name.")] = None,
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid",
    res: Resources = Depends(get_build),
) -> dict:
    """The `k` passages that best answer `q`, with optional year, document, genre and entity filters."""
    hits = res.search(q, k, year_from, year_to, doc, genre, entity, mode)
    return {"query": q, "count": len(hits), "hits": [h.to_dict() for h in hits]}

