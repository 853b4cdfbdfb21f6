"""/entities: lookup by name, an entity's page, and its timeline."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api.deps import get_build
from api.schemas import problem
from kg.resources import MENTION_LIMIT, Resources

router = APIRouter(tags=["entities"])

EntityId = Annotated[str, Path(description="The entity IRI after `{base}id/`, e.g. `unit/hate-crime-unit`.")]
NOT_FOUND = problem("No such named entity.")


@router.get(
    "/entities",
    responses={400: problem("Empty name or bad limit."), 503: problem("No build yet.")},
)
def lookup(
    q: Annotated[str, Query(min_length=1, max_length=300, description="A name, alias or acronym.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    res: Resources = Depends(get_build),
) -> dict:
    """Entities by name, alias or acronym (case, punctuation and plural tolerant), best first."""
    return {"query": q, "entities": [m.to_dict() for m in res.lookup_entities(q, limit)]}


# Declared before /entities/{id:path}, which would otherwise swallow ".../timeline".
@router.get("/entities/{id:path}/timeline", responses={404: NOT_FOUND, 503: problem("No build yet.")})
def entity_timeline(id: EntityId, res: Resources = Depends(get_build)) -> dict:
    """The entity followed through the documents: one entry per document and year."""
    return res.entity_timeline(id).to_dict()


@router.get("/entities/{id:path}", responses={404: NOT_FOUND, 503: problem("No build yet.")})
def entity(
    id: EntityId,
    limit: Annotated[int, Query(ge=1, le=2000, description="At most this many mentioning passages.")] = MENTION_LIMIT,
    res: Resources = Depends(get_build),
) -> dict:
    """Labels, aliases, class, documents and years, the passages naming it, related entities, themes."""
    return res.entity(id, limit).to_dict()
