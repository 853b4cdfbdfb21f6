"""Dense vector indexes: a protocol and the FAISS implementation."""
from kg.search.ann.base import VectorIndex
from kg.search.ann.factory import build_vector_index, load_vector_index

__all__ = ["VectorIndex", "build_vector_index", "load_vector_index"]
