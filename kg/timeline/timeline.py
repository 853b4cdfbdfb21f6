"""Timelines: one thread (an entity, a theme or a free-text topic) followed through the documents.

A topic resolves to entities (by name or alias) and themes (by label or alias, or by all
the words of a label or alias; a theme brings its narrower themes along); candidate passages are
those carrying the themes, mentioning the entities, or returned by hybrid search for the
topic. Each document with evidence becomes an entry, ordered by year, with its statuses
(grades, milestone statuses, RAG), its best passages, the entities involved and the
predecessor/successor links of those entities.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from kg.errors import NotFoundError
from kg.search.text import tokenize
from kg.timeline.snapshot import Snapshot

if TYPE_CHECKING:
    from kg.search import Searcher  # noqa: F401

KEY_PASSAGES = 3
SEARCH_K = 30
PER_DOC_K = 10
ADMIT_SEARCH = 0.8  # a document's best hit relative to the corpus's best
THEME_MIN = 0.5
NARROWER = 0.9  # a narrower theme's passages count for a broader-theme timeline at this weight
# Candidate score = W_SEARCH·search + W_THEME·theme + W_MENTION·mention, times
# (1 - LISTING_PENALTY·(1 - prose share)). Tuned on tests/eval/threads.jsonl: relevant-first
# is 1.00 at 153 of 180 grid points (search 0.3-0.5, theme 0.4-0.55, mention 0.1-0.2,
# penalty 0.2-0.4) and drops only where search outweighs theme; the middle is kept.
W_SEARCH = 0.4
W_THEME = 0.5
W_MENTION = 0.15
LISTING_PENALTY = 0.3
# A passage with only some of a free-text topic's words ("scooter" of "moped and scooter
# crime") is marked down by this share of the IDF weight of the words it lacks; one carrying
# a resolved theme or entity covers the topic in full. Relevant-first is flat for 0.45-1.0.
COVERAGE_WEIGHT = 0.6


@dataclass
class PassageRef:
    iri: str
    text: str
    section: str
    score: float
    why: list[str]
    sentence: str = ""  # the sentence that best matches the topic ("" when search did not find the passage)


@dataclass
class StatusRef:
    iri: str
    cls: str
    label: str
    status: dict[str, str]


@dataclass
class EntityMini:
    iri: str
    label: str
    cls: str


@dataclass
class LinkRef:
    relation: str
    iri: str
    label: str
    status: str
    confidence: float


@dataclass
class Entry:
    year: int
    document: dict
    statuses: list[StatusRef]
    passages: list[PassageRef]
    entities: list[EntityMini]
    links: list[LinkRef] = field(default_factory=list)


@dataclass
class Timeline:
    query: str
    kind: str  # entity | theme | topic
    entities: list[EntityMini]
    themes: list[dict]
    entries: list[Entry]

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def years(self) -> list[int]:
        return sorted({e.year for e in self.entries})


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).strip()


class TimelineBuilder:
    """Builds timelines over one build's snapshot, optionally with the search index."""

    def __init__(self, snap: Snapshot, searcher: "Searcher | None" = None):
        self.snap = snap
        self.searcher = searcher
        self.names: dict[str, set[str]] = {}
        # per passage, filled lazily; plain dict writes are safe across request threads
        self._prose_cache: dict[str, float] = {}
        # each theme's labels and aliases of two or more words, as word sets, for topic matching
        self._theme_words: dict[str, list[frozenset[str]]] = {}
        for th in snap.themes.values():
            names = [frozenset(tokenize(n)) for n in (th.label, *sorted(th.alt_labels))]
            self._theme_words[th.iri] = [n for n in names if len(n) >= 2]
        for e in snap.entities.values():
            for n in {e.label, *e.alt_labels}:
                self.names.setdefault(norm(n), set()).add(e.iri)

    # ------------------------------------------------------------ resolution

    def resolve_entities(self, text: str) -> list[str]:
        """Entities named exactly (after normalising) by ``text``, largest first."""
        hits = set(self.names.get(norm(text), set()))
        if not hits and self.searcher is not None:
            try:
                hits = {r.iri for r in self.searcher.lookup_entities(text, limit=3) if (r.score or 0) >= 0.95}
            except Exception:  # noqa: BLE001 - lookup is a best-effort extra
                hits = set()
        return sorted(hits, key=lambda e: -len(self.snap.entities[e].passages))

    def resolve_themes(self, text: str) -> list[str]:
        """Themes whose label or an alias matches the topic, or contains it as a phrase."""
        t = norm(text)
        out = []
        for th in self.snap.themes.values():
            names = {norm(x) for x in {th.label, *th.alt_labels}}
            if t in names or any(re.search(rf"\b{re.escape(n)}\b", t) for n in names if len(n) > 3):
                out.append(th.iri)
        if not out:
            # a topic inside a theme label ("neighbourhood" in "neighbourhood policing")
            out = [th.iri for th in self.snap.themes.values() if len(t) > 4 and re.search(rf"\b{re.escape(t)}\b", norm(th.label))]
        if not out:
            # every word of a label or alias in the topic, in any order and form:
            # "contact handling and emergency response" -> "Contact and response"
            words = set(tokenize(text))
            out = [iri for iri, names in self._theme_words.items() if any(name <= words for name in names)]
        return out

    # ------------------------------------------------------------ timelines

    def for_entity(self, iri: str) -> Timeline:
        e = self.snap.entities.get(iri)
        if e is None:
            raise NotFoundError(f"no entity {iri}")
        related = self._linked(iri, {"sameAs", "partOf"})
        ents = [iri, *related]
        # an entity's passages are known: one search orders them, no per-document pass
        cands, strength = self._candidates(ents, [], query=e.label, per_document=False)
        return self._assemble(e.label, "entity", ents, [], cands, strength)

    def for_theme(self, theme_iri: str) -> Timeline:
        th = self.snap.themes.get(theme_iri)
        if th is None:
            raise NotFoundError(f"no theme {theme_iri}")
        cands, strength = self._candidates([], [theme_iri], query=th.label)
        return self._assemble(th.label, "theme", [], [theme_iri], cands, strength)

    def for_topic(self, topic: str) -> Timeline:
        """A free-text topic, an entity name or IRI, or a theme IRI."""
        topic = topic.strip()
        if not topic:
            raise NotFoundError("empty topic: give a name, an IRI or a few words")
        if topic in self.snap.entities:
            return self.for_entity(topic)
        if topic in self.snap.themes:
            return self.for_theme(topic)
        ents = self.resolve_entities(topic)
        themes = self.resolve_themes(topic)
        cands, strength = self._candidates(ents, themes, query=topic)
        if not cands:
            raise NotFoundError(f"nothing in the corpus matches {topic!r}")
        return self._assemble(topic, "topic", ents, themes, cands, strength)

    # ------------------------------------------------------------ internals

    def _linked(self, iri: str, relations: set[str]) -> list[str]:
        out = []
        for lk in self.snap.links:
            if lk.relation in relations and (lk.status == "reviewed" or lk.confidence >= 0.6):
                if lk.source == iri:
                    out.append(lk.target)
                elif lk.target == iri:
                    out.append(lk.source)
        return out

    def _theme_scores(self, themes: list[str]) -> dict[str, float]:
        """passage IRI -> its best score for a resolved theme or one of that theme's narrower
        themes (discounted: stalking passages serve a VAWG timeline, less surely)."""
        wanted = {t: 1.0 for t in themes}
        for th in self.snap.themes.values():
            if th.iri not in wanted and not th.broader.isdisjoint(themes):
                wanted[th.iri] = NARROWER
        out: dict[str, float] = {}
        for p, info in self.snap.passages.items():
            for t, w in wanted.items():
                s = info.themes.get(t)
                if s is not None and s >= THEME_MIN:
                    out[p] = max(out.get(p, 0.0), s * w)
        return out

    def _candidates(
        self, ents: list[str], themes: list[str], query: str, per_document: bool = True
    ) -> tuple[dict[str, tuple[float, list[str], str]], dict[str, float]]:
        """passage IRI -> (score, reasons, best-matching sentence or ""), and each document's
        best search hit relative to the corpus's.

        Signals: hybrid search relevance to the topic (relative to the best hit), the
        passage's score for a resolved theme, and a mention of a resolved entity. Search and
        theme decide most of the order; theme and entity evidence also admit passages search
        did not reach.
        Listings (contents pages, glossaries, grade tables) are marked down: they name a
        topic without saying anything about it. So are passages with only some of the
        topic's words and neither a resolved theme nor entity: "scooters" alone is not
        "moped and scooter crime".
        """
        search: dict[str, float] = {}
        sentence: dict[str, str] = {}
        # per call, not on the builder: one builder serves concurrent API requests
        strength: dict[str, float] = {}
        theme = self._theme_scores(themes)
        mention: dict[str, list[str]] = {}
        cover: dict[str, float] | None = None  # only with the index; the fallback needs every word anyway
        for e in ents:
            for p in self.snap.entities[e].passages:
                mention.setdefault(p, []).append(self.snap.entities[e].label)
        if self.searcher is not None:
            # a topic is a few words: appended as "(BCU: basic command unit)", an acronym
            # and its expansion would be half the query and pull towards passages that use
            # the acronym; written out, the topic reads as documents of every year do
            query = self.searcher.spell_out(query)
            cover = self.searcher.word_coverage(query)
            # the best of each document, not just of the corpus: the 2006 report has
            # four fifths of all passages and would crowd the later documents out
            hits = self.searcher.search(query, k=SEARCH_K)
            top = max((h.score for h in hits), default=0.0) or 1.0
            for h in hits:
                if h.passage_iri in self.snap.passages:
                    search[h.passage_iri] = h.score / top
                    sentence[h.passage_iri] = h.sentence
            for doc in self.snap.docs.values() if per_document else ():
                local = self.searcher.search(query, k=PER_DOC_K, doc=doc.id)
                if not local:
                    continue
                local_top = local[0].score or 1.0
                strength[doc.iri] = local_top / top
                for h in local:
                    if h.passage_iri in self.snap.passages:
                        # in-document order, scaled by how the document's best compares globally
                        rel = (h.score / local_top) * min(1.0, local_top / top)
                        search[h.passage_iri] = max(search.get(h.passage_iri, 0.0), rel)
                        sentence.setdefault(h.passage_iri, h.sentence)
        else:
            words = [w for w in norm(query).split() if len(w) > 3]
            for p, info in self.snap.passages.items():
                low = norm(info.text)
                if words and all(w in low for w in words):
                    search[p] = 0.8
        cands: dict[str, tuple[float, list[str], str]] = {}
        for p in set(search) | set(theme) | set(mention):
            why = []
            score = W_SEARCH * search.get(p, 0.0) + W_THEME * theme.get(p, 0.0) + (W_MENTION if p in mention else 0.0)
            score *= 1.0 - LISTING_PENALTY * (1.0 - self._prose(p))
            if cover is not None and p not in theme and p not in mention:
                score *= 1.0 - COVERAGE_WEIGHT * (1.0 - cover.get(p, 0.0))
            if p in search:
                why.append(f"search {search[p]:.2f}")
            if p in theme:
                why.append(f"theme {theme[p]:.2f}")
            if p in mention:
                why.append("mentions " + ", ".join(sorted(set(mention[p]))))
            cands[p] = (round(score, 4), why, sentence.get(p, ""))
        return cands, strength

    def _prose(self, p: str) -> float:
        """Share of a passage's words on lines that read as sentences (>= 8 words, no table
        cells): about 1 for narrative and milestones, about 0 for contents and glossaries."""
        got = self._prose_cache.get(p)
        if got is None:
            lines = [ln for ln in self.snap.passages[p].text.splitlines() if ln.strip()]
            total = sum(len(ln.split()) for ln in lines) or 1
            prose = sum(len(ln.split()) for ln in lines if len(ln.split()) >= 8 and "|" not in ln)
            got = self._prose_cache[p] = prose / total
        return got

    def _admits(self, doc_iri: str, items: list[tuple[str, float, list[str]]], strength: dict[str, float]) -> bool:
        """A document joins the timeline on theme or entity evidence, or when its best
        search match is close to the best in the corpus."""
        evidence = any(w.startswith(("theme", "mentions")) for _, _, why in items for w in why)
        if self.searcher is not None and not strength:
            return evidence  # entity timelines: the entity's own passages are the evidence
        doc_strength = strength.get(doc_iri)
        if doc_strength is None:  # no search index: the text-match signal stands in
            return evidence or any(w.startswith("search") for _, _, why in items for w in why)
        return evidence or doc_strength >= ADMIT_SEARCH

    def _assemble(
        self, query: str, kind: str, ents: list[str], themes: list[str],
        cands: dict[str, tuple[float, list[str], str]], strength: dict[str, float],
    ) -> Timeline:
        by_doc: dict[str, list[tuple[str, float, list[str]]]] = {}
        for p, (score, why, _) in cands.items():
            by_doc.setdefault(self.snap.passages[p].doc, []).append((p, score, why))
        entries = []
        for doc_iri, items in by_doc.items():
            doc = self.snap.docs[doc_iri]
            items.sort(key=lambda t: (-t[1], t[0]))
            best = items[:KEY_PASSAGES]
            if not self._admits(doc_iri, items, strength):
                continue
            passages = [
                PassageRef(p, self.snap.passages[p].text, self.snap.passages[p].section, round(s, 3), sorted(set(w)), cands[p][2])
                for p, s, w in best
            ]
            # statuses of the items behind the shown passages and their close runners-up
            statuses = self._statuses([p for p, sc, _ in items[:8] if p in {b[0] for b in best} or sc >= 0.9 * best[0][1]])
            involved = self._involved([p for p, _, _ in best], ents)
            links = self._links([e.iri for e in involved])
            entries.append(Entry(doc.year, {"iri": doc.iri, "id": doc.id, "title": doc.title, "genre": doc.genre}, statuses, passages, involved, links))
        entries.sort(key=lambda e: (e.year, e.document["id"]))
        return Timeline(
            query,
            kind,
            [EntityMini(e, self.snap.entities[e].label, self.snap.entities[e].cls) for e in ents],
            [{"iri": t, "label": self.snap.themes[t].label} for t in themes],
            entries,
        )

    def _statuses(self, passages: list[str]) -> list[StatusRef]:
        seen: dict[str, StatusRef] = {}
        for p in passages:
            for f in self.snap.facts_by_passage.get(p, []):
                seen.setdefault(f.iri, StatusRef(f.iri, f.cls, f.label, dict(f.status)))
        return list(seen.values())[:6]

    def _involved(self, passages: list[str], ents: list[str], limit: int = 8) -> list[EntityMini]:
        counts: dict[str, int] = {}
        for p in passages:
            for e in self.snap.passages[p].entities:
                counts[e] = counts.get(e, 0) + 1
        order = [e for e in ents if e in counts] + sorted((e for e in counts if e not in ents), key=lambda e: -counts[e])
        return [EntityMini(e, self.snap.entities[e].label, self.snap.entities[e].cls) for e in order[:limit]]

    def _links(self, ents: list[str]) -> list[LinkRef]:
        out = []
        wanted = set(ents)
        for lk in self.snap.links:
            if lk.relation not in ("predecessorOf", "successorOf", "sameAs"):
                continue
            if lk.source in wanted and lk.target in self.snap.entities:
                rel, other = lk.relation, lk.target
            elif lk.target in wanted and lk.source in self.snap.entities:
                rel = {"predecessorOf": "successorOf", "successorOf": "predecessorOf"}.get(lk.relation, lk.relation)
                other = lk.source
            else:
                continue
            out.append(LinkRef(rel, other, self.snap.entities[other].label, lk.status, lk.confidence))
        return sorted(out, key=lambda lk: (lk.status != "reviewed", -lk.confidence))[:6]
