"""Assign policing themes (the SKOS scheme in ``kg/ontology/themes.ttl``) to passages and entities.

Two methods, recorded with each assignment:
- lexical rule: a theme's preferred or alternative label occurs in the text;
- embedding similarity: cosine between the passage and the theme description
  (label, definition and alternative labels) above a threshold.
"both" when the two agree. Entities inherit the themes most of their passages carry,
or get one when a theme label occurs in their own name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from kg.build.emit import ontology_path

SKOS = "http://www.w3.org/2004/02/skos/core#"
EMBED_THRESHOLD = 0.42  # cosine, tuned by eye on MiniLM: below it the nearest theme is often unrelated
EMBED_MARGIN = 0.08  # only themes this close to the passage's best one


@dataclass(frozen=True)
class Theme:
    iri: str
    label: str
    alt_labels: tuple[str, ...]
    definition: str

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    def description(self) -> str:
        return f"{self.label}: {self.definition} ({', '.join(self.alt_labels)})"


@dataclass
class ThemeAssignment:
    target: str  # passage id or entity key
    theme: str  # theme IRI
    score: float
    method: str  # lexical | embedding | both
    evidence: list[str] = field(default_factory=list)  # matched phrases


def load_themes() -> list[Theme]:
    """Read the concept scheme."""
    import rdflib

    g = rdflib.Graph().parse(ontology_path("themes.ttl"))
    out = []
    for c in sorted(set(g.subjects(rdflib.RDF.type, rdflib.URIRef(SKOS + "Concept")))):
        label = str(g.value(c, rdflib.URIRef(SKOS + "prefLabel")))
        alts = tuple(sorted(str(a) for a in g.objects(c, rdflib.URIRef(SKOS + "altLabel"))))
        definition = str(g.value(c, rdflib.URIRef(SKOS + "definition")) or "")
        out.append(Theme(str(c), label, alts, definition))
    return out


def _pattern(theme: Theme) -> re.Pattern[str]:
    phrases = sorted({theme.label, *theme.alt_labels}, key=len, reverse=True)
    parts = []
    for p in phrases:
        # acronyms match case-sensitively, phrases in any case; plural 's' allowed
        esc = re.escape(p)
        parts.append(f"(?-i:{esc})" if p.isupper() else esc)
    return re.compile(r"(?<![\w-])(?i:(?P<phrase>" + "|".join(parts) + r"))s?(?![\w-])")


class ThemeTagger:
    """Scores texts against the themes, lexically and (optionally) by embedding."""

    def __init__(self, themes: list[Theme], encode: Callable[[list[str]], np.ndarray] | None = None):
        self.themes = themes
        self.patterns = [_pattern(t) for t in themes]
        self.encode = encode
        self.theme_vecs = encode([t.description() for t in themes]) if encode else None

    def lexical(self, text: str) -> list[tuple[int, float, list[str]]]:
        out = []
        for i, rx in enumerate(self.patterns):
            # the phrase without its plural 's': "BOCU" and "BOCUs" are one phrase, not two
            hits = {m.group("phrase").lower() for m in rx.finditer(text)}
            if hits:
                # one distinct phrase: 0.6; each further distinct phrase adds confidence
                out.append((i, min(1.0, 0.6 + 0.15 * (len(hits) - 1)), sorted(hits)))
        return out

    def assign(self, ids: Sequence[str], texts: Sequence[str], vectors: np.ndarray | None = None) -> list[ThemeAssignment]:
        """Assign themes to each text; ``vectors`` are the texts' embeddings if available."""
        sims = None
        if self.theme_vecs is not None:
            if vectors is None:
                vectors = self.encode(list(texts))  # type: ignore[misc]
            sims = vectors @ self.theme_vecs.T
        out: list[ThemeAssignment] = []
        for n, (tid, text) in enumerate(zip(ids, texts)):
            lex = {i: (s, ev) for i, s, ev in self.lexical(text)}
            emb: dict[int, float] = {}
            if sims is not None:
                row = sims[n]
                best = float(row.max())
                for i in np.argsort(-row)[:3]:
                    s = float(row[i])
                    if s >= EMBED_THRESHOLD and s >= best - EMBED_MARGIN:
                        emb[int(i)] = s
            for i in sorted(set(lex) | set(emb)):
                if i in lex and i in emb:
                    score, method = min(1.0, max(lex[i][0], emb[i]) + 0.1), "both"
                elif i in lex:
                    score, method = lex[i][0], "lexical"
                else:
                    score, method = emb[i], "embedding"
                out.append(ThemeAssignment(tid, self.themes[i].iri, round(score, 3), method, lex.get(i, (0, []))[1]))
        return out


def entity_themes(
    tagger: ThemeTagger, entities: dict[str, tuple[str, list[str]]], passage_themes: dict[str, list[ThemeAssignment]]
) -> list[ThemeAssignment]:
    """Themes of entities: from their names (lexical) and from their passages.

    Args:
        entities: key -> (label and aliases joined, passage ids).
    """
    out = []
    for key, (names, pids) in entities.items():
        by_name = {i: (s, ev) for i, s, ev in tagger.lexical(names)}
        counts: dict[str, list[float]] = {}
        for pid in pids:
            for a in passage_themes.get(pid, []):
                counts.setdefault(a.theme, []).append(a.score)
        n = max(1, len(pids))
        for i, theme in enumerate(tagger.themes):
            share = len(counts.get(theme.iri, [])) / n
            from_passages = share >= 0.5 and (len(pids) >= 2 or share == 1.0)
            if i in by_name and from_passages:
                out.append(ThemeAssignment(key, theme.iri, round(min(1.0, by_name[i][0] + 0.2), 3), "both", by_name[i][1]))
            elif i in by_name:
                out.append(ThemeAssignment(key, theme.iri, by_name[i][0], "lexical", by_name[i][1]))
            elif from_passages:
                method = "embedding" if all(a.method == "embedding" for pid in pids for a in passage_themes.get(pid, []) if a.theme == theme.iri) else "lexical"
                out.append(ThemeAssignment(key, theme.iri, round(share * float(np.mean(counts[theme.iri])), 3), method))
    return out
