"""Model resolution: offline only, one clear error naming KG_MODEL."""
import socket

import pytest

from kg.errors import ConfigError, ModelNotFoundError
from kg.search.embed import create_embedder
from kg.search.embed.hash import HashEmbedder
from kg.settings import Settings


@pytest.fixture()
def no_network(monkeypatch):
    """Fail the test on any attempt to open a connection."""
    attempts: list[object] = []

    def refuse(self, address, *a, **k):
        attempts.append(address)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    return attempts


def test_missing_model_path(no_network, monkeypatch):
    monkeypatch.setenv("KG_MODEL", "/nonexistent")
    settings = Settings(embedder="sentence-transformers")
    assert settings.model == "/nonexistent"
    with pytest.raises(ModelNotFoundError) as err:
        create_embedder(settings)
    assert "KG_MODEL" in str(err.value) and "/nonexistent" in str(err.value)
    assert err.value.__cause__ is None or isinstance(err.value.__cause__, ImportError)
    assert no_network == []


def test_model_path_that_is_a_file(tmp_path, no_network):
    f = tmp_path / "weights.bin"
    f.write_bytes(b"x")
    with pytest.raises(ModelNotFoundError, match="KG_MODEL"):
        create_embedder(Settings(embedder="sentence-transformers", model=str(f)))


def test_unknown_embedder():
    with pytest.raises(ConfigError, match="KG_EMBEDDER"):
        create_embedder(Settings(embedder="word2vec"))


def test_hash_embedder_is_deterministic_and_normalised():
    import numpy as np

    e = HashEmbedder()
    a = e.encode(["officers dismissed for misconduct", "moped theft"])
    b = HashEmbedder().encode(["officers dismissed for misconduct", "moped theft"])
    assert a.shape == (2, e.dim) and a.dtype == np.float32
    assert np.allclose(a, b) and np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert float(a[0] @ e.encode(["officer dismissed"])[0]) > float(a[1] @ e.encode(["officer dismissed"])[0])


@pytest.mark.slow
def test_hub_name_not_in_cache_fails_offline(no_network, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelNotFoundError, match="KG_MODEL"):
        create_embedder(Settings(embedder="sentence-transformers", model="someone/not-a-cached-model"))
    assert no_network == []
