"""Small typed records that move between pipeline stages."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentMeta:
    """One catalog entry."""

    id: str
    file: str
    title: str
    publisher: str
    issued: str  # ISO date
    period_start: str
    period_end: str
    genre: str  # inspection_report | business_plan_update | oversight_board_paper
    original_file: str

    @property
    def year(self) -> int:
        return int(self.issued[:4])


@dataclass(frozen=True)
class Block:
    """A unit of text after cleaning: a heading, paragraph, bullet or table row.

    ``start``/``end`` are character offsets of the source lines in the original file.
    ``section`` is the path of headings above the block (for a heading, its parents).
    """

    kind: str  # heading | paragraph | bullet | table_row
    text: str
    start: int
    end: int
    line: int
    section: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    number: str | None = None  # "3.1", "1A", "2" ... where the block is numbered
    rank: int = 0  # heading rank (smaller = higher)


@dataclass(frozen=True)
class ParsedDocument:
    meta: DocumentMeta
    text: str  # the original file content
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Passage:
    """A section-aware chunk of text; the unit of search and of provenance."""

    id: str  # stable local id: "<doc-id>/<hash>"
    doc_id: str
    ordinal: int
    section: tuple[str, ...]
    text: str
    start: int
    end: int
    kind: str  # paragraph | bullet | table_row | mixed
    blocks: tuple[int, ...]  # indexes into ParsedDocument.blocks

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Mention:
    """An entity named in a passage; span offsets are into ``Passage.text``."""

    entity: str  # entity key
    passage: str  # passage id
    start: int
    end: int
    surface: str


@dataclass
class Item:
    """A node of the graph: a named entity or a structural item (assessment, milestone...).

    ``key`` is stable across builds and documents; it becomes the IRI path.
    ``props`` hold literal values, ``links`` hold keys of other items, both by
    ontology local name. ``passages`` is the provenance (``prov:wasDerivedFrom``).
    """

    key: str
    cls: str
    label: str
    doc_id: str | None = None
    passages: list[str] = field(default_factory=list)
    props: dict[str, list[object]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    alt_labels: set[str] = field(default_factory=set)

    def add_prop(self, name: str, value: object) -> None:
        values = self.props.setdefault(name, [])
        if value not in values:
            values.append(value)

    def add_link(self, name: str, key: str) -> None:
        keys = self.links.setdefault(name, [])
        if key not in keys:
            keys.append(key)

    def add_passage(self, passage_id: str) -> None:
        if passage_id not in self.passages:
            self.passages.append(passage_id)


@dataclass
class Extraction:
    """Everything extracted from the corpus, before emission as RDF."""

    items: dict[str, Item] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def add(self, item: Item) -> Item:
        """Add an item, merging into an existing one with the same key."""
        old = self.items.get(item.key)
        if old is None:
            self.items[item.key] = item
            return item
        old.alt_labels |= item.alt_labels
        if item.label != old.label:
            old.alt_labels.add(item.label)
        for p in item.passages:
            old.add_passage(p)
        for k, vs in item.props.items():
            for v in vs:
                old.add_prop(k, v)
        for k, ts in item.links.items():
            for t in ts:
                old.add_link(k, t)
        return old
