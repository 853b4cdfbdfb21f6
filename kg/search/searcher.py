"""Question -> ranked passages, with filters, best sentences and the entities they mention."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from kg.errors import SearchInputError
from kg.layout import current_build
from kg.search import hybrid
from kg.search.corpus import read_entities, read_passages
from kg.search.embed import Embedder, create_embedder
from kg.search.entities import EntityIndex, idf, mention_lists
from kg.search.index import IndexFiles, load_index
from kg.search.records import DocRef, EntityRef, Hit, PassageRow
from kg.search.themes import ThemeExpander, load_themes

if TYPE_CHECKING:
    from kg.build.themes import Theme
    from kg.settings import Settings

MODES = ("hybrid", "dense", "lexical")
MAX_K = 1000


def _segment_cosines(
    vectors: np.ndarray, offsets: np.ndarray, rows: np.ndarray, qv: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """cos(question, each text the given passages own), row after row, with each row's
    start and length in that array; passage i owns ``vectors[offsets[i]:offsets[i+1]]``."""
    starts, lens = offsets[rows], offsets[rows + 1] - offsets[rows]
    seg = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    idx = np.repeat(starts - seg, lens) + np.arange(lens.sum())
    return np.asarray(vectors[idx]) @ qv, seg, lens


class Searcher:
    """Search over one build's passages. Create with :func:`open_searcher`.

    >>> searcher.search("how many officers were dismissed", k=3)  # doctest: +SKIP
    [Hit(rank=1, passage_iri='https://metkg.example.org/id/passage/...', ...), ...]
    """

    def __init__(self, files: IndexFiles, passages: list[PassageRow], entities: EntityIndex, embedder: Embedder | None):
        self.files = files
        self.passages = passages
        self.entities = entities
        self._embedder = embedder
        self._make_embedder: Callable[[], Embedder] | None = None
        self._theme_texts: list[Theme] | None = None  # None: the shipped scheme, read on first use
        self._themes: ThemeExpander | None = None
        n = len(passages)
        self.n = n
        self.years = np.array([p.year if p.year is not None else -1 for p in passages], dtype=np.int32)
        self.doc_ids = sorted({p.doc_id for p in passages})
        doc_no = {d: i for i, d in enumerate(self.doc_ids)}
        self._doc_of = np.array([doc_no[p.doc_id] for p in passages], dtype=np.int32)
        self._doc_iris = {p.doc_iri: p.doc_id for p in passages if p.doc_iri}
        self.genres = sorted({p.genre for p in passages if p.genre})
        self._genre_of = np.array([p.genre for p in passages], dtype=object)
        self._offsets = files.sentence_offsets
        self._starts = self._offsets[:-1]
        self._owner = np.repeat(np.arange(n), np.diff(self._offsets))
        self._mentions = mention_lists(entities.entities, [p.id for p in passages], (p.entities for p in passages), entities)
        self._idf = np.array([idf(len(m), n) for m in self._mentions], dtype=np.float32)
        self._entities_of: list[list[int]] = [[] for _ in range(n)]
        for i, m in enumerate(self._mentions):
            for r in m:
                self._entities_of[int(r)].append(i)
        if files.manifest.get("passages") != n or len(self._owner) != files.manifest.get("sentences"):
            from kg.errors import IndexMismatchError

            raise IndexMismatchError("the search index does not match the build's passages; run `kg build`")

    # -- set-up -----------------------------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None and self._make_embedder is not None:
            self._embedder = self._make_embedder()
            dim = self.files.manifest.get("dim")
            if dim is not None and self._embedder.dim != dim:
                from kg.errors import IndexMismatchError

                raise IndexMismatchError(
                    f"the model gives {self._embedder.dim}-dimensional vectors but the index holds {dim}; run `kg build`"
                )
        assert self._embedder is not None
        return self._embedder

    @property
    def themes(self) -> ThemeExpander:
        """The theme layer used for query expansion (built on the first hybrid search)."""
        if self._themes is None:
            texts = self._theme_texts if self._theme_texts is not None else load_themes()
            self._themes = ThemeExpander(texts, lambda t: self.embedder.encode(t))
        return self._themes

    # -- filters ----------------------------------------------------------------------------

    def _filter_mask(
        self,
        year_from: int | None,
        year_to: int | None,
        doc: str | Sequence[str] | None,
        genre: str | Sequence[str] | None,
        entity: str | None,
    ) -> np.ndarray | None:
        mask = None

        def both(m: np.ndarray) -> None:
            nonlocal mask
            mask = m if mask is None else mask & m

        if year_from is not None and year_to is not None and year_from > year_to:
            raise SearchInputError(f"year range is empty: from {year_from} is after to {year_to}")
        if year_from is not None:
            both(self.years >= year_from)
        if year_to is not None:
            both((self.years <= year_to) & (self.years >= 0))
        if doc:
            wanted = [doc] if isinstance(doc, str) else list(doc)
            nos = []
            for d in wanted:
                d_id = self._doc_iris.get(d, d)
                if d_id not in self.doc_ids:
                    raise SearchInputError(f"unknown document {d!r}; known ids: {', '.join(self.doc_ids)}")
                nos.append(self.doc_ids.index(d_id))
            both(np.isin(self._doc_of, nos))
        if genre:
            wanted = [genre] if isinstance(genre, str) else list(genre)
            for g in wanted:
                if g not in self.genres:
                    raise SearchInputError(f"unknown genre {g!r}; genres in this build: {', '.join(self.genres)}")
            both(np.isin(self._genre_of, wanted))
        if entity:
            i = self.entities.resolve(entity)
            if i is None:
                raise SearchInputError(f"no entity matches {entity!r}; try `kg entities {entity!r}` to find its IRI")
            m = np.zeros(self.n, dtype=bool)
            m[self._mentions[i]] = True
            both(m)
        return mask

    # -- scoring ----------------------------------------------------------------------------

    def _sentence_max(self, sent_scores: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(sent_scores, self._starts) if len(sent_scores) else np.zeros(self.n, np.float32)

    def _dense(self, qv: np.ndarray, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
        """Candidates from both dense indexes, scored exactly: (rows, dense scores, sentence cosines by row)."""
        f = self.files
        _, p_ids = f.passage_index.search(qv, hybrid.POOL, mask)
        s_mask = None if mask is None else mask[self._owner]
        _, s_ids = f.sentence_index.search(qv, hybrid.SENTENCE_POOL, s_mask)
        rows = np.unique(np.concatenate([p_ids, self._owner[s_ids]]))
        return rows, *self._dense_exact(qv, rows)

    def _dense_exact(self, qv: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, dict[int, np.ndarray]]:
        f = self.files
        if len(rows) == 0:
            return np.zeros(0, np.float32), {}
        p_cos = np.asarray(f.passage_vectors[rows]) @ qv
        s_cos, seg, lens = _segment_cosines(f.sentence_vectors, self._offsets, rows, qv)
        best = np.maximum.reduceat(s_cos, seg)
        by_row = {int(r): s_cos[a : a + n] for r, a, n in zip(rows, seg, lens)}
        return hybrid.dense_score(p_cos, np.maximum(best, hybrid.PAIR_DISCOUNT * self._best_pair(qv, rows))).astype(np.float32), by_row

    def _best_pair(self, qv: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """max cos(question, two adjacent sentences) of each row; -1 where a passage has one sentence."""
        cos, seg, lens = _segment_cosines(self.files.pair_vectors, self.files.pair_offsets, rows, qv)
        out = np.full(len(rows), -1.0, dtype=np.float32)
        has = lens > 0
        if has.any():
            # empty segments own no elements, so the non-empty ones' starts bound them exactly
            out[has] = np.maximum.reduceat(cos, seg[has])
        return out

    def _lexical(self, query: str, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """(normalised lexical score of every passage, BM25 of every sentence)."""
        f = self.files
        p_bm25 = f.lexical.scores(query)
        s_bm25 = f.lexical_sentences.scores(query)
        return hybrid.lexical_score(p_bm25, self._sentence_max(s_bm25), valid=mask), s_bm25

    def _entity_boost(self, query: str, rows: np.ndarray) -> np.ndarray | None:
        if len(self.entities) == 0 or hybrid.ENTITY_BOOST == 0:
            return None
        named = self.entities.in_text(query)
        if not named:
            return None
        boost = np.zeros(len(rows), dtype=np.float32)
        for i in named:
            boost += hybrid.ENTITY_BOOST * self._idf[i] * np.isin(rows, self._mentions[i])
        return boost

    # -- public API ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 10,
        year_from: int | None = None,
        year_to: int | None = None,
        doc: str | Sequence[str] | None = None,
        genre: str | Sequence[str] | None = None,
        entity: str | None = None,
        mode: str = "hybrid",
    ) -> list[Hit]:
        """The ``k`` passages that best answer ``query``.

        Args:
            year_from, year_to: inclusive range of the document's year.
            doc: document id or IRI (or several).
            genre: document genre, e.g. ``business_plan_update``.
            entity: only passages mentioning this entity (IRI, key or name).
            mode: ``hybrid`` (default), ``dense`` or ``lexical``.
        Raises:
            SearchInputError: empty question, bad ``k``/``mode``, unknown filter value.
        """
        q = " ".join(query.split())
        if not q:
            raise SearchInputError("the question is empty")
        if mode not in MODES:
            raise SearchInputError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        if not 1 <= k <= MAX_K:
            raise SearchInputError(f"k must be between 1 and {MAX_K}, got {k}")
        mask = self._filter_mask(year_from, year_to, doc, genre, entity)
        if mask is not None and not mask.any():
            return []
        qx = self.files.acronyms.expand(q)
        dense_cos: dict[int, np.ndarray] = {}
        s_bm25 = None
        if mode == "lexical":
            lex, s_bm25 = self._lexical(qx, mask)
            valid = lex > 0 if mask is None else (lex > 0) & mask
            rows = np.flatnonzero(valid)
            final = lex[rows]
            dense_part, lex_part = None, final
        else:
            qv = self._query_vector(qx)
            rows, dense, dense_cos = self._dense(qv, mask)
            if mode == "dense":
                final, dense_part, lex_part = dense, dense, None
            else:
                lex, s_bm25 = self._lexical(qx, mask)
                terms = self.themes.terms(qv)
                if terms:
                    lex = hybrid.with_expansion(lex, self.files.lexical.scores(terms), valid=mask)
                top_lex = np.argpartition(-lex, hybrid.POOL)[: hybrid.POOL] if len(lex) > hybrid.POOL else np.arange(len(lex))
                top_lex = top_lex[lex[top_lex] > 0]
                extra = np.setdiff1d(top_lex, rows)
                if len(extra):
                    d_extra, cos_extra = self._dense_exact(qv, extra)
                    rows = np.concatenate([rows, extra])
                    dense = np.concatenate([dense, d_extra])
                    dense_cos.update(cos_extra)
                order = np.argsort(rows)
                rows, dense = rows[order], dense[order]
                final = hybrid.hybrid_score(hybrid.pool_minmax(dense), lex[rows], self._entity_boost(q, rows))
                dense_part, lex_part = dense, lex[rows]
        top = np.lexsort((rows, -final))[:k]
        s_top = float(s_bm25.max()) if s_bm25 is not None and len(s_bm25) else 0.0
        return [
            self._hit(
                rank + 1,
                int(rows[j]),
                float(final[j]),
                None if dense_part is None else float(dense_part[j]),
                None if lex_part is None else float(lex_part[j]),
                dense_cos.get(int(rows[j])),
                s_bm25,
                s_top,
            )
            for rank, j in enumerate(top)
        ]

    def word_coverage(self, text: str) -> dict[str, float]:
        """Passage IRI -> the IDF-weighted share of the words of ``text`` that the passage's
        indexed text (section path, text, acronym expansions) contains. Passages with none
        are left out; words no passage has are ignored."""
        presence = self.files.lexical.word_presence(text)
        if not presence:
            return {}
        n = self.n
        cover = np.zeros(n, dtype=np.float64)
        total = 0.0
        for has in presence.values():
            w = float(np.log(1 + n / (1 + int(has.sum()))))
            cover += w * has
            total += w
        cover /= total
        return {self.passages[r].iri: float(cover[r]) for r in np.flatnonzero(cover)}

    def spell_out(self, text: str) -> str:
        """``text`` with the corpus's acronyms written out ("BCU" -> "basic command unit")."""
        return self.files.acronyms.spell_out(text)

    def _query_vector(self, text: str) -> np.ndarray:
        """The question's embedding, remembered for the last few questions: a timeline asks
        the same question once per document."""
        cache = self.__dict__.setdefault("_qcache", {})
        v = cache.get(text)
        if v is None:
            v = self.embedder.encode([text])[0]
            if len(cache) >= 64:
                cache.pop(next(iter(cache)))
            cache[text] = v
        return v

    def _best_sentence(self, row: int, cos: np.ndarray | None, s_bm25: np.ndarray | None, s_top: float) -> str:
        """The sentence with the highest cosine + 0.5 · BM25 / (best sentence BM25 of the query)."""
        a, b = int(self._offsets[row]), int(self._offsets[row + 1])
        score = np.zeros(b - a, dtype=np.float32)
        if cos is not None:
            score += cos
        if s_bm25 is not None and s_top > 0:
            score += 0.5 * s_bm25[a:b] / s_top
        return self.files.sentences[a + int(np.argmax(score))]

    def _hit(self, rank: int, row: int, score: float, dense: float | None, lexical: float | None,
             cos: np.ndarray | None, s_bm25: np.ndarray | None, s_top: float) -> Hit:
        p = self.passages[row]
        return Hit(
            rank=rank,
            passage_iri=p.iri,
            passage_id=p.id,
            text=p.text,
            sentence=self._best_sentence(row, cos, s_bm25, s_top),
            score=score,
            document=DocRef(p.doc_iri, p.doc_id, p.doc_title, p.year, p.genre),
            section=p.section,
            section_iri=p.section_iri,
            start=p.start,
            end=p.end,
            entities=self.passage_entities(row),
            dense=dense,
            lexical=lexical,
        )

    def passage_entities(self, row: int) -> tuple[EntityRef, ...]:
        """Entities a passage mentions: those the passage lists first, then those listing the passage."""
        out: list[EntityRef] = []
        seen: set[str] = set()
        for iri in self.passages[row].entities:
            if iri in seen:
                continue
            seen.add(iri)
            i = self.entities.by_iri.get(iri)
            out.append(self.entities.ref(i) if i is not None else EntityRef(iri, iri.rsplit("/", 1)[-1], ""))
        for i in self._entities_of[row]:
            ref = self.entities.ref(i)
            if ref.iri not in seen:
                seen.add(ref.iri)
                out.append(ref)
        return tuple(out)

    def lookup_entities(self, name: str, limit: int = 10) -> list[EntityRef]:
        """Entities by name or alias (case, punctuation, plural and acronym tolerant), best first."""
        if not name.strip():
            raise SearchInputError("the entity name is empty")
        return self.entities.lookup(name, limit=limit)


def open_searcher(settings: "Settings", *, embedder: Embedder | None = None, build_dir: Path | None = None) -> Searcher:
    """A searcher over the current build of ``settings.data_dir``.

    The model is loaded on the first dense or hybrid search, so lexical search
    and entity lookup start fast.

    Raises:
        NotBuiltError: no build in the data directory.
        IndexNotBuiltError: the build has no search index.
        IndexMismatchError: the index was built with another model or corpus.
    """
    root = build_dir or current_build(settings.data_dir).root
    files = load_index(settings, root)
    passages = read_passages(root)
    entities = EntityIndex(read_entities(root))
    searcher = Searcher(files, passages, entities, embedder)
    if embedder is None:
        searcher._make_embedder = lambda: create_embedder(settings)
    return searcher
