"""What ``Resources`` returns: frozen records of documents, passages, entities and descriptions.

Each record the API sends is JSON-ready through ``to_dict``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.search import EntityRef

__all__ = [
    "Counted", "Description", "DocumentCount", "DocumentDetail", "DocumentSummary", "EntityDetail", "EntityMatch",
    "EntityMention", "MentionedEntity", "PassageDetail", "PassageSummary", "Ref", "Related", "SectionRef", "Span",
    "ThemeRef",
]


def _plain(obj: object) -> dict:
    """A dataclass as JSON-ready dict; the ``cls`` field is written ``class``."""
    return asdict(obj, dict_factory=lambda kv: {("class" if k == "cls" else k): v for k, v in kv})  # type: ignore[call-overload]


@dataclass(frozen=True)
class Ref:
    """Something in the graph: its IRI, id (the IRI after ``{base}id/``), label and class."""

    iri: str
    id: str | None
    label: str
    cls: str


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    iri: str
    title: str
    year: int | None
    genre: str | None
    publisher: str | None
    issued: str | None
    period_start: str | None
    period_end: str | None
    graph: str
    passages: int

    def to_dict(self) -> dict:
        return _plain(self)


@dataclass(frozen=True)
class SectionRef:
    iri: str
    label: str
    path: str


@dataclass(frozen=True)
class PassageSummary:
    id: str
    iri: str
    section: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Counted:
    ref: Ref
    passages: int


@dataclass(frozen=True)
class DocumentDetail:
    document: DocumentSummary
    sections: tuple[SectionRef, ...]
    passages: tuple[PassageSummary, ...]
    entities: tuple[Counted, ...]  # named entities mentioned, most passages first
    facts: dict[str, int]  # structured items by class

    def to_dict(self) -> dict:
        d = _plain(self)
        return {**d.pop("document"), **d, "entities": [{**c["ref"], "passages": c["passages"]} for c in d["entities"]]}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str | None


@dataclass(frozen=True)
class ThemeRef:
    iri: str
    label: str
    score: float | None
    method: str | None


@dataclass(frozen=True)
class MentionedEntity:
    ref: Ref
    spans: tuple[Span, ...]  # offsets in the passage text


@dataclass(frozen=True)
class PassageDetail:
    id: str
    iri: str
    text: str
    start: int | None  # offsets in the source file
    end: int | None
    ordinal: int | None
    year: int | None
    section: SectionRef | None
    document: DocumentSummary | None
    entities: tuple[MentionedEntity, ...]
    themes: tuple[ThemeRef, ...]
    facts: tuple[Ref, ...]  # structured items derived from this passage

    def to_dict(self) -> dict:
        d = _plain(self)
        d["entities"] = [{**e["ref"], "spans": e["spans"]} for e in d["entities"]]
        return d


@dataclass(frozen=True)
class EntityMention:
    """A passage naming the entity, with the spans (offsets in the passage text)."""

    passage: PassageSummary
    text: str
    document: str
    year: int | None
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Related:
    """Another entity linked to this one: by evolution or structural links, or named alongside it."""

    ref: Ref
    relations: tuple[str, ...]  # seen from this entity: successorOf, partOf, hasPart, relatedTo...
    confidence: float | None  # best evolution-link confidence
    status: str | None  # reviewed | suggested (the best link's)
    co_mentions: int  # passages naming both


@dataclass(frozen=True)
class DocumentCount:
    id: str
    iri: str
    title: str
    year: int | None
    passages: int  # passages of the document naming the entity


@dataclass(frozen=True)
class EntityDetail:
    iri: str
    id: str
    label: str
    cls: str
    alt_labels: tuple[str, ...]
    acronyms: tuple[str, ...]
    years: tuple[int, ...]
    documents: tuple[DocumentCount, ...]
    mentions: tuple[EntityMention, ...]
    mentions_total: int  # passages naming the entity; ``mentions`` may hold fewer
    related: tuple[Related, ...]
    themes: tuple[ThemeRef, ...]

    def to_dict(self) -> dict:
        d = _plain(self)
        d["related"] = [{**r.pop("ref"), **r} for r in d["related"]]
        return d


@dataclass(frozen=True)
class EntityMatch:
    """An entity lookup result with its id for ``entity()``."""

    id: str | None
    ref: EntityRef

    def to_dict(self) -> dict:
        return {"id": self.id, **self.ref.to_dict()}


@dataclass(frozen=True)
class Description:
    body: bytes
    media_type: str  # Content-Type
    triples: int
    truncated: bool  # incoming links were cut at ``max_result_rows``
