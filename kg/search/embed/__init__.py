"""Text embedders: a protocol, the sentence-transformers model, and a hash fake for tests."""
from kg.search.embed.base import Embedder
from kg.search.embed.factory import create_embedder, embedder_name

__all__ = ["Embedder", "create_embedder", "embedder_name"]
