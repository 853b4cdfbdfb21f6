"""Fixtures: settings on a temp dir with the hash embedder, and a tiny indexed build."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from buildfiles import make_build, tiny_rows  # noqa: E402

from kg.layout import cache_dir  # noqa: E402
from kg.settings import Settings  # noqa: E402


def hash_settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, embedder="hash", model="all-MiniLM-L6-v2").normalised()


@pytest.fixture(scope="session")
def tiny_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A data directory whose current build is the tiny corpus, indexed with the hash embedder."""
    from kg.search import build_index

    settings = hash_settings(tmp_path_factory.mktemp("tiny"))
    passages, entities = tiny_rows(settings.base_iri)
    root = make_build(settings.data_dir, passages, entities)
    build_index(settings, root, cache_dir(settings.data_dir))
    return settings


@pytest.fixture(scope="session")
def searcher(tiny_settings: Settings):
    from kg.search import open_searcher

    return open_searcher(tiny_settings)


@pytest.fixture()
def fresh_settings(tmp_path: Path) -> Settings:
    """An empty data directory (per test) with the hash embedder."""
    return hash_settings(tmp_path / "data")
