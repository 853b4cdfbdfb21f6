"""``create_app(settings)``: the FastAPI application over the embedded store.

Adding a resource means adding a module to ``api.routes`` with a ``router`` and listing
it in ``api.routes.ROUTERS``; a long-lived object it needs (a search index...) goes on
``app.state`` and, if it has ``start``/``close``, into ``app.state.components`` so the
lifespan starts and stops it.
"""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from api.errors import install_error_handlers
from api.routes import ROUTERS
from kg.settings import Settings, load_settings
from kg.sparql import SparqlService

DESCRIPTION = """Knowledge graph and semantic search over public oversight documents about the
Metropolitan Police Service. `/sparql` is a read-only SPARQL 1.1 Protocol endpoint."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; the SPARQL worker processes start with the lifespan.

    >>> app = create_app(load_settings(data_dir="/nonexistent"))  # doctest: +SKIP
    """
    settings = settings or load_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        started = []
        try:
            for component in app.state.components:
                await run_in_threadpool(component.start)
                started.append(component)
            yield
        finally:
            for component in reversed(started):
                await run_in_threadpool(component.close)

    app = FastAPI(title="metkg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.sparql = SparqlService(settings)
    app.state.components = [app.state.sparql]
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST"],
        allow_headers=["*"],
        expose_headers=["X-Result-Truncated", "X-Build-Id"],
        max_age=3600,
    )
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory api.app:app_from_env`` (settings from ``KG_*``)."""
    return create_app(load_settings())
