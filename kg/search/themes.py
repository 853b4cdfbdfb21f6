"""Query expansion from the concept layer: the SKOS themes of ``kg/ontology/themes.ttl``.

A question often paraphrases the corpus's own terms ("dedicated ward policing teams"
for "Safer Neighbourhoods teams", "disappearance reports" for "missing persons"),
and neither BM25 nor a small bi-encoder bridges that. The theme scheme names each
policing topic with the terms the documents use (preferred and alternative labels)
and a definition. The question's embedding is compared with each theme's description
(the text the build's theme tagger embeds too); the labels of the nearest theme are a
second, low-weight BM25 query (weight in ``hybrid.THEME_EXPANSION``).

Only themes from the scheme are used, never the questions: a new document of the same
kind benefits from the same scheme.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

if TYPE_CHECKING:
    from kg.build.themes import Theme


def load_themes() -> list["Theme"]:
    """The concept scheme shipped with the package, as the build's theme tagger reads it
    (parsed with rdflib, about 0.1 s); imported late so lexical search stays light."""
    from kg.build.themes import load_themes as load

    return load()


class ThemeExpander:
    """Nearest theme of a question vector, and that theme's labels as expansion terms.

    The theme vectors are computed on first use (35 short texts, well under a second),
    so opening a searcher for lexical search still needs no model.
    """

    def __init__(self, themes: Sequence["Theme"], encode: Callable[[list[str]], np.ndarray]):
        self.themes = list(themes)
        self._encode = encode
        self._vectors: np.ndarray | None = None

    @property
    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            texts = [t.description() for t in self.themes]
            self._vectors = np.asarray(self._encode(texts), dtype=np.float32) if texts else np.zeros((0, 1), np.float32)
        return self._vectors

    def nearest(self, query_vector: np.ndarray) -> int | None:
        """Index of the theme whose description is closest to the question (None without themes)."""
        if not self.themes:
            return None
        return int(np.argmax(self.vectors @ query_vector))

    def terms(self, query_vector: np.ndarray) -> str:
        """Expansion terms for a question: the labels of its nearest theme ('' without themes)."""
        i = self.nearest(query_vector)
        if i is None:
            return ""
        t = self.themes[i]
        return " ".join((t.label, *t.alt_labels))
