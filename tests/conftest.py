"""Shared fixtures: settings on temporary directories and a tiny hand-made corpus."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "corpus"
SEEDS = ROOT / "seeds"


@pytest.fixture()
def tiny_seeds(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture corpus (one document of each genre)."""
    dst = tmp_path / "seeds"
    shutil.copytree(TINY, dst)
    return dst


@pytest.fixture()
def tiny_settings(tmp_path: Path, tiny_seeds: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", seeds_dir=tiny_seeds, embedder="hash")


@pytest.fixture(scope="session")
def seed_corpus():
    """The five shipped seed documents, parsed and chunked (about a second)."""
    from kg.build.corpus import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_extraction(seed_corpus):
    from kg.build.pipeline import extract

    return extract(seed_corpus)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Settings:
    """A graph-only build of the real seeds in a session temp dir."""
    from kg.build.pipeline import run_build

    settings = load_settings(data_dir=tmp_path_factory.mktemp("seedbuild"), seeds_dir=SEEDS, embedder="hash")
    run_build(settings, with_index=False)
    return settings


@pytest.fixture(scope="session")
def real_env(tmp_path_factory) -> Settings:
    """A full build of the seeds (graph + search index) with the real embedding model.

    Shared by every slow test that needs it: it takes a minute or two on 2 cores.
    """
    from kg.build.pipeline import run_build

    data = tmp_path_factory.mktemp("real")
    settings = Settings(data_dir=data, seeds_dir=SEEDS, embedder="sentence-transformers", model="all-MiniLM-L6-v2").normalised()
    run_build(settings)
    return settings
