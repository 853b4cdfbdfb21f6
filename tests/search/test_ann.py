"""The dense index against brute force, on random vectors."""
import numpy as np
import pytest

from kg.search.ann import build_vector_index, load_vector_index
from kg.search.embed.base import normalise_rows


def clustered(n: int, dim: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((64, dim))
    x = centres[rng.integers(0, 64, n)] + 0.4 * rng.standard_normal((n, dim))
    return normalise_rows(x.astype(np.float32))


def brute(x: np.ndarray, q: np.ndarray, k: int, mask: np.ndarray | None = None) -> np.ndarray:
    s = x @ q
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    return np.argsort(-s, kind="stable")[:k]


def test_flat_is_exact():
    x = clustered(2000, 32)
    index = build_vector_index(x, exact_max=100_000)
    assert index.kind == "flat"
    for q in x[:20]:
        scores, ids = index.search(q, 10)
        assert set(ids) == set(brute(x, q, 10))
        assert np.all(np.diff(scores) <= 1e-6)


def test_ivf_above_threshold_has_high_recall():
    x = clustered(20_000, 32)
    index = build_vector_index(x, exact_max=5_000)
    assert index.kind == "ivf"
    rng = np.random.default_rng(1)
    queries = normalise_rows(x[rng.integers(0, len(x), 50)] + 0.1 * rng.standard_normal((50, 32)).astype(np.float32))
    recall = np.mean([len(set(index.search(q, 10)[1]) & set(brute(x, q, 10))) / 10 for q in queries])
    assert recall >= 0.9


@pytest.mark.parametrize("exact_max", [100_000, 1_000])
def test_mask_restricts_results(exact_max):
    x = clustered(4_000, 16)
    index = build_vector_index(x, exact_max=exact_max)
    mask = np.zeros(len(x), dtype=bool)
    mask[::7] = True
    for q in x[:5]:
        _, ids = index.search(q, 10, mask)
        assert len(ids) == 10 and np.all(ids % 7 == 0)
    assert len(index.search(x[0], 10, np.zeros(len(x), dtype=bool))[1]) == 0


def test_save_and_load(tmp_path):
    x = clustered(500, 16)
    index = build_vector_index(x)
    index.save(tmp_path / "v.faiss")
    again = load_vector_index(tmp_path / "v.faiss", index.kind)
    assert len(again) == 500
    assert list(again.search(x[3], 5)[1]) == list(index.search(x[3], 5)[1])
