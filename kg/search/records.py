"""Results of search and entity lookup, as frozen dataclasses."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class DocRef:
    """The document a passage comes from."""

    iri: str
    id: str
    title: str
    year: int | None
    genre: str


@dataclass(frozen=True)
class EntityRef:
    """A graph entity: in a hit (entities mentioned) or a lookup result (with ``score``/``matched``)."""

    iri: str
    label: str
    cls: str
    alt_labels: tuple[str, ...] = ()
    score: float | None = None  # lookup only: 1.0 exact name, lower for looser matches
    matched: str | None = None  # lookup only: the label or alias that matched

    def to_dict(self) -> dict:
        d: dict[str, object] = {"iri": self.iri, "label": self.label, "class": self.cls}
        if self.alt_labels:
            d["alt_labels"] = list(self.alt_labels)
        if self.score is not None:
            d["score"] = round(self.score, 4)
            d["matched"] = self.matched
        return d


@dataclass(frozen=True)
class Hit:
    """One ranked passage.

    ``start``/``end`` are character offsets of the passage in the source file;
    ``sentence`` is the passage sentence that best matches the question.
    ``dense`` (0.3 · passage cosine + 0.7 · best sentence cosine) and ``lexical``
    (normalised BM25, 0..1) are the component scores before fusion; None when the
    mode did not use them.
    """

    rank: int
    passage_iri: str
    passage_id: str
    text: str
    sentence: str
    score: float
    document: DocRef
    section: tuple[str, ...]
    section_iri: str | None
    start: int
    end: int
    entities: tuple[EntityRef, ...] = ()
    dense: float | None = None
    lexical: float | None = None

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "passage_iri": self.passage_iri,
            "passage_id": self.passage_id,
            "score": round(self.score, 6),
            "text": self.text,
            "sentence": self.sentence,
            "document": asdict(self.document),
            "section": list(self.section),
            "section_iri": self.section_iri,
            "start": self.start,
            "end": self.end,
            "entities": [e.to_dict() for e in self.entities],
            "dense": None if self.dense is None else round(self.dense, 6),
            "lexical": None if self.lexical is None else round(self.lexical, 6),
        }


@dataclass(frozen=True)
class PassageRow:
    """One line of the build's ``passages.jsonl``."""

    id: str
    iri: str
    doc_id: str
    doc_iri: str
    doc_title: str
    year: int | None
    genre: str
    section: tuple[str, ...]
    section_iri: str | None
    text: str
    start: int
    end: int
    ordinal: int
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityRow:
    """One line of the build's ``entities.jsonl``."""

    iri: str
    key: str
    label: str
    cls: str
    alt_labels: tuple[str, ...] = ()
    passages: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    def ref(self) -> EntityRef:
        return EntityRef(self.iri, self.label, self.cls, self.alt_labels)


@dataclass(frozen=True)
class Question:
    """One evaluation question: a hit is relevant when its text contains a ``gold`` string."""

    id: str
    q: str
    gold: tuple[str, ...]
    year: int | None = None
    doc: str | None = None


@dataclass(frozen=True)
class Metrics:
    mode: str
    n: int
    recall: dict[int, float] = field(default_factory=dict)  # k -> Recall@k
    mrr: float = 0.0
    ndcg10: float = 0.0

    def to_dict(self) -> dict:
        return {
            "mode": self.mode,
            "n": self.n,
            **{f"R@{k}": round(v, 4) for k, v in sorted(self.recall.items())},
            "MRR": round(self.mrr, 4),
            "nDCG@10": round(self.ndcg10, 4),
        }
