"""Fixtures: an in-memory store with a few graphs, blank nodes and awkward literals."""
from __future__ import annotations

import pytest
from sparql_support import fill

from kg.store.oxigraph import OxigraphStore


@pytest.fixture(scope="session")
def mem_store() -> OxigraphStore:
    store = OxigraphStore(None, read_only=False)
    fill(store)
    return store
