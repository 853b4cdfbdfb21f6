"""GET /health: liveness and what is being served."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from api.deps import get_sparql
from api.schemas import Health, problem
from kg.sparql import SparqlService

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health, responses={503: problem("No build to serve yet.")})
async def health(sparql: SparqlService = Depends(get_sparql)) -> Health:
    """The build being served and the state of the SPARQL worker pool."""
    info = await run_in_threadpool(sparql.health)
    return Health(status="ok", **info)
