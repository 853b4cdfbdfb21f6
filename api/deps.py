"""FastAPI dependencies: the objects ``create_app`` put on ``app.state``."""
from __future__ import annotations

from fastapi import Request

from kg.settings import Settings
from kg.sparql import SparqlService


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_sparql(request: Request) -> SparqlService:
    return request.app.state.sparql
