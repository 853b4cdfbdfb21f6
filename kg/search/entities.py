"""Entity lookup by name or alias, tolerant of case, punctuation, plurals and acronyms.

``lookup("STAC")`` and ``lookup("stalking threat assessment centre")`` both find
the Stalking Threat Assessment Centre: names are compared after folding
(lower case, no accents or punctuation, '&' -> 'and', no leading 'the'), an
acronym matches the initials of a label, and plurals match through the stemmer.
"""
from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from typing import Iterable, Sequence

import numpy as np

from kg.search.records import EntityRef, EntityRow
from kg.search.text import fold, initials, is_acronym, stem

_NON_WORD = re.compile(r"[^a-z0-9]+")
_MAX_NGRAM = 8


def norm_name(name: str) -> str:
    """'The Stalking-Threat Assessment Centre’s' -> 'stalking threat assessment centres'.

    >>> norm_name("  The Met's  STAC & Co. ")
    'mets stac and co'
    """
    t = fold(name).replace("&", " and ").replace("'", "")
    t = _NON_WORD.sub(" ", t).strip()
    return t[4:] if t.startswith("the ") else t


def stem_key(norm: str) -> str:
    return " ".join(stem(w) for w in norm.split())


class EntityIndex:
    """Names, aliases and initials of the graph's entities, and the passages that mention them."""

    def __init__(self, entities: Sequence[EntityRow]):
        self.entities = list(entities)
        self.by_iri = {e.iri: i for i, e in enumerate(self.entities)}
        self.by_key = {e.key: i for i, e in enumerate(self.entities) if e.key}
        # exact and stemmed name keys -> [(entity, surface, score)]
        self._names: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
        self._stems: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
        self._initials: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, e in enumerate(self.entities):
            for surface, score in [(e.label, 1.0), *((a, 0.95) for a in e.alt_labels)]:
                n = norm_name(surface)
                if not n:
                    continue
                self._names[n].append((i, surface, score))
                self._stems[stem_key(n)].append((i, surface, score - 0.05))
                if not is_acronym(surface) and len(n.split()) >= 2:
                    self._initials[initials(surface)].append((i, surface))
        self._all_names = list(self._names)

    def __len__(self) -> int:
        return len(self.entities)

    def ref(self, i: int, score: float | None = None, matched: str | None = None) -> EntityRef:
        e = self.entities[i]
        return EntityRef(e.iri, e.label, e.cls, e.alt_labels, score, matched)

    def _prominence(self, i: int) -> int:
        return len(self.entities[i].passages)

    def lookup(self, name: str, limit: int = 10) -> list[EntityRef]:
        """Entities whose label or alias matches ``name``, best first.

        Scores: 1.0 exact label, 0.95 exact alias, 0.9 plural/inflection or acronym
        of the label, below that partial (all words present) and fuzzy matches.
        """
        q = norm_name(name)
        if not q or not self.entities:
            return []
        best: dict[int, tuple[float, str]] = {}

        def offer(i: int, score: float, surface: str) -> None:
            if score > best.get(i, (0.0, ""))[0]:
                best[i] = (score, surface)

        for i, surface, score in self._names.get(q, ()):
            offer(i, score, surface)
        for i, surface, score in self._stems.get(stem_key(q), ()):
            offer(i, min(score, 0.9), surface)
        raw = name.strip()
        compact = re.sub(r"[^A-Za-z]", "", raw)
        if 2 <= len(compact) <= 10 and (" " not in raw or re.fullmatch(r"(?:[A-Za-z]\.\s?)+", raw)):
            # an acronym, in any case ("STAC", "stac", "S.T.A.C."): match the initials of labels
            acr = compact.upper()
            score = 0.9 if is_acronym(compact) else 0.85
            for key in (acr, acr[:-1] if acr.endswith("S") else acr):
                for i, surface in self._initials.get(key, ()):
                    offer(i, score, surface)
        if len(q.split()) >= 2:
            # a spelled-out name whose entity is known only by its acronym
            for i, surface, _score in self._names.get(initials(name).lower(), ()):
                if is_acronym(surface):
                    offer(i, 0.88, surface)
        if len(best) < limit:
            q_words = set(stem_key(q).split())
            for key, entries in self._stems.items():
                words = set(key.split())
                if q_words and q_words <= words:
                    for i, surface, _ in entries:
                        offer(i, 0.5 + 0.3 * len(q_words) / len(words), surface)
        if len(best) < limit and len(q) >= 4:
            for key in difflib.get_close_matches(q, self._all_names, n=limit, cutoff=0.82):
                ratio = difflib.SequenceMatcher(None, q, key).ratio()
                for i, surface, score in self._names[key]:
                    offer(i, 0.8 * ratio * score, surface)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -self._prominence(kv[0]), self.entities[kv[0]].label))
        return [self.ref(i, s, surface) for i, (s, surface) in ranked[:limit]]

    def resolve(self, name_or_iri: str) -> int | None:
        """An entity by IRI, key, or a confident name match (score >= 0.88)."""
        if name_or_iri in self.by_iri:
            return self.by_iri[name_or_iri]
        if name_or_iri in self.by_key:
            return self.by_key[name_or_iri]
        hits = self.lookup(name_or_iri, limit=1)
        if hits and (hits[0].score or 0) >= 0.88:
            return self.by_iri[hits[0].iri]
        return None

    def in_text(self, text: str) -> list[int]:
        """Entities named in ``text`` (exact names and aliases of up to eight words, longest first)."""
        words = norm_name(text).split()
        stems = [stem(w) for w in words]
        found: list[int] = []
        taken = [False] * len(words)
        for n in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for s in range(len(words) - n + 1):
                if any(taken[s : s + n]) or (n == 1 and len(words[s]) < 3):
                    continue
                entries = self._names.get(" ".join(words[s : s + n])) or self._stems.get(" ".join(stems[s : s + n]))
                if not entries:
                    continue
                for i, _surface, _score in entries:
                    if i not in found:
                        found.append(i)
                for t in range(s, s + n):
                    taken[t] = True
        return found


def mention_lists(entities: Sequence[EntityRow], passage_ids: Sequence[str], passage_entities: Iterable[Sequence[str]], index: EntityIndex) -> list[np.ndarray]:
    """For every entity, the sorted row numbers of the passages that mention it.

    Both directions the build records are used: ``entities[*].passages`` and ``passages[*].entities``.
    """
    row_of = {pid: r for r, pid in enumerate(passage_ids)}
    rows: list[set[int]] = [set() for _ in entities]
    for i, e in enumerate(entities):
        for pid in e.passages:
            r = row_of.get(pid)
            if r is not None:
                rows[i].add(r)
    for r, iris in enumerate(passage_entities):
        for iri in iris:
            j = index.by_iri.get(iri)
            if j is not None:
                rows[j].add(r)
    return [np.fromiter(sorted(s), dtype=np.int64, count=len(s)) for s in rows]


def idf(n_mentions: int, n_passages: int) -> float:
    """Rarity weight in [0, 1]: an entity named everywhere says little about a question."""
    if n_mentions <= 0 or n_passages <= 1:
        return 0.0
    return max(0.0, math.log(n_passages / n_mentions) / math.log(n_passages))
