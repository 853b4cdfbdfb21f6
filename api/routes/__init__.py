"""One module per resource; each exposes ``router``. Add new ones to ``ROUTERS``."""
from api.routes import health, sparql, void

ROUTERS = [health.router, sparql.router, void.router]

__all__ = ["ROUTERS"]
