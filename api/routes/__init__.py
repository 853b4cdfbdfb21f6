"""One module per resource; each exposes ``router``. Add new ones to ``ROUTERS``."""
from api.routes import (
    documents,
    entities,
    health,
    linked_data,
    passages,
    search,
    sparql,
    timeline,
    void,
)

ROUTERS = [
    health.router, sparql.router, void.router,
    search.router, entities.router, documents.router, passages.router, timeline.router, linked_data.router,
]

__all__ = ["ROUTERS"]
