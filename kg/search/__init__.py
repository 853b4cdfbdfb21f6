"""Semantic search over the build's passages, pointing back into the graph."""
from kg.search.index import build_index
from kg.search.records import DocRef, EntityRef, Hit
from kg.search.searcher import Searcher, open_searcher

__all__ = ["DocRef", "EntityRef", "Hit", "Searcher", "build_index", "open_searcher"]
