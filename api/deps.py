"""FastAPI dependencies: the objects ``create_app`` put on ``app.state``."""
from __future__ import annotations

import threading

from fastapi import Request, Response

from kg.resources import Resources, ResourceService
from kg.settings import Settings
from kg.sparql import SparqlService

_RESOURCES_LOCK = threading.Lock()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_sparql(request: Request) -> SparqlService:
    return request.app.state.sparql


def get_resources(request: Request) -> ResourceService:
    """The app's ``ResourceService``, made on first use (it opens nothing until asked)."""
    state = request.app.state
    with _RESOURCES_LOCK:
        if getattr(state, "resources", None) is None:
            state.resources = ResourceService(state.settings)
    return state.resources


def get_build(request: Request, response: Response) -> Resources:
    """The current build's resources, resolved once per request; names the build in ``X-Build-Id``."""
    res = get_resources(request).current()
    if res.build_id:
        response.headers["X-Build-Id"] = res.build_id
    return res
