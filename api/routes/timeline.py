"""/timeline and /paths: threads through the years and connections between entities."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import get_build
from api.schemas import problem
from kg.resources import Resources

router = APIRouter(tags=["timelines"])

@router.get("/timeline", responses={404: problem("Nothing in the corpus matches the topic."), 503: problem("No build yet.")})
def timeline(
    topic: Annotated[str, Query(min_length=1, max_length=300, pattern=r"\S",
                                description="An entity name, a theme or a few words.")],
    res: Resources = Depends(get_build),
) -> dict:
    """The topic followed through the documents: one entry per document (`year`, statuses, key passages)."""
    return res.timeline(topic).to_dict()


@router.get("/paths", responses={404: problem("Unknown entity, or the two are not connected."), 503: problem("No build yet.")})
def paths(
    a: Annotated[str, Query(alias="from", min_length=1, max_length=300, pattern=r"\S", description="Entity id, IRI or name.")],
    b: Annotated[str, Query(alias="to", min_length=1, max_length=300, pattern=r"\S", description="Entity id, IRI or name.")],
    res: Resources = Depends(get_build),
) -> dict:
    """The cheapest chain of relations between two entities; each step names the relation it came `via`."""
    return {"from": a, "to": b, "steps": res.path(a, b)}
