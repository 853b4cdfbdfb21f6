"""Pydantic models for the OpenAPI description of responses."""
from __future__ import annotations

from pydantic import BaseModel, Field


class ProblemDetails(BaseModel):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str
    line: int | None = Field(default=None, description="Query errors: line of the error (1-based).")
    column: int | None = Field(default=None, description="Query errors: column of the error (1-based).")
    available: list[str] | None = Field(default=None, description="406: the media types that can be produced.")


class WorkerStatus(BaseModel):
    size: int
    alive: int
    started: int
    replaced: int


class Health(BaseModel):
    status: str
    build: str | None = Field(description="Build id served (null for a fixed store directory).")
    workers: WorkerStatus


PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}


def problem(description: str) -> dict:
    """An OpenAPI response entry for a problem+json error."""
    return {"description": description, "model": ProblemDetails, "content": PROBLEM_CONTENT}
