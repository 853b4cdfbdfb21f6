"""/passages/{id}: one passage with its context."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from api.deps import get_build
from api.schemas import problem
from kg.resources import Resources

router = APIRouter(tags=["passages"])


@router.get("/passages/{id:path}", responses={404: problem("No such passage."), 503: problem("No build yet.")})
def passage(
    id: Annotated[str, Path(description="`<document>/<hash>`, the passage IRI after `{base}id/passage/`.")],
    res: Resources = Depends(get_build),
) -> dict:
    """Text, source offsets, section, document, the entities named (with spans), themes and facts."""
    return res.passage(id).to_dict()
