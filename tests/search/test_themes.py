"""Theme-layer query expansion: nearest theme by embedding, its labels as extra BM25 terms."""
from __future__ import annotations

import numpy as np

from kg.search import hybrid
from kg.build.themes import Theme
from kg.search.themes import ThemeExpander, load_themes

THEMES = [
    Theme("https://w3id.org/metkg/theme/missing-persons", "Missing persons", ("missing children", "Operation Compass"), "Finding people reported missing."),
    Theme("https://w3id.org/metkg/theme/roads-policing", "Roads policing", ("road safety", "casualty reduction"), "Policing of roads and traffic."),
]


def _axis_encoder(calls: list[int]):
    """Theme i -> unit vector on axis i; counts how often it is called."""

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return np.eye(len(texts), 4, dtype=np.float32)

    return encode


def test_nearest_theme_and_its_terms():
    calls: list[int] = []
    ex = ThemeExpander(THEMES, _axis_encoder(calls))
    q = np.array([0.1, 0.9, 0.0, 0.0], dtype=np.float32)
    assert ex.nearest(q) == 1
    assert ex.terms(q) == "Roads policing road safety casualty reduction"
    ex.terms(q)
    assert calls == [2]  # theme vectors are embedded once


def test_description_holds_label_definition_and_alt_labels():
    d = THEMES[0].description()
    assert d.startswith("Missing persons: Finding people") and "missing children" in d


def test_no_themes_no_expansion():
    ex = ThemeExpander([], _axis_encoder([]))
    assert ex.nearest(np.ones(4, np.float32)) is None and ex.terms(np.ones(4, np.float32)) == ""


def test_shipped_scheme_loads():
    themes = load_themes()
    assert len(themes) >= 30 and all(t.label and t.definition for t in themes)


def test_with_expansion_mixes_and_respects_the_filter():
    lex = np.array([1.0, 0.5, 0.0], dtype=np.float32)
    out = hybrid.with_expansion(lex, np.array([0.0, 0.0, 3.0]), valid=np.array([True, True, False]))
    w = hybrid.THEME_EXPANSION
    assert np.allclose(out, [(1 - w) * 1.0, (1 - w) * 0.5, 0.0])  # filtered-out passage gets nothing
    assert hybrid.with_expansion(lex, np.zeros(3)) is lex  # no expansion term indexed: unchanged


def test_hybrid_search_uses_the_theme_layer(searcher):
    searcher._themes = None
    searcher._theme_texts = THEMES
    try:
        hits = searcher.search("children reported missing", k=3)
        assert hits and searcher._themes is not None and searcher._themes._vectors is not None
    finally:
        searcher._themes = None
        searcher._theme_texts = None
