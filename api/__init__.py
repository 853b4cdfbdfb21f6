"""The HTTP service: a thin FastAPI adapter over ``kg``."""
from api.app import create_app

__all__ = ["create_app"]
