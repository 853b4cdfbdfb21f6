"""Triple stores behind one small interface; ``open_store`` picks the implementation."""
from kg.store.base import GraphResult, QueryResult, SolutionsResult, BooleanResult, Store
from kg.store.factory import open_store

__all__ = ["Store", "QueryResult", "SolutionsResult", "BooleanResult", "GraphResult", "open_store"]
