"""/documents: the documents of the current build."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from api.deps import get_build
from api.schemas import problem
from kg.resources import Resources

router = APIRouter(tags=["documents"])


@router.get("/documents", responses={503: problem("No build yet.")})
def documents(res: Resources = Depends(get_build)) -> dict:
    """Every document, oldest first, with its year, genre, publisher, period and passage count."""
    return {"documents": [d.to_dict() for d in res.documents()]}


@router.get("/documents/{id}", responses={404: problem("No such document."), 503: problem("No build yet.")})
def document(
    id: Annotated[str, Path(description="Document id, e.g. `insp-2009`.")],
    res: Resources = Depends(get_build),
) -> dict:
    """A document with its sections, passages (offsets), the entities it names and its facts by class."""
    return res.document(id).to_dict()
