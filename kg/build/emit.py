"""Turn documents, passages and extracted items into RDF quads (one named graph per document)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pyoxigraph as ox

from kg.build.corpus import CorpusDocument
from kg.iris import VOCAB, Minter
from kg.records import Extraction, Item

if TYPE_CHECKING:
    from kg.build.enrich import Enrichment

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"

PREFIXES = {
    "kgo": VOCAB, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "dcterms": DCT, "prov": PROV, "oa": OA,
    "theme": "https://w3id.org/metkg/theme/",
}
ONTOLOGY_FILES = ("metkg.ttl", "themes.ttl")
_PROP_IRI = {"label": RDFS + "label"}


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: object) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=N(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=N(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=N(XSD + "double"))
    return ox.Literal(str(value))


def year(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=N(XSD + "gYear"))


def ontology_path(name: str) -> Path:
    return Path(str(resources.files("kg.ontology").joinpath(name)))


def ontology_quads(minter: Minter) -> Iterator[ox.Quad]:
    """The ontology and theme scheme, in their own named graph."""
    g = N(minter.ontology_graph)
    for name in ONTOLOGY_FILES:
        path = ontology_path(name)
        if path.is_file():
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                yield ox.Quad(t.subject, t.predicate, t.object, g)


class Emitter:
    """Collects quads for the whole corpus."""

    def __init__(self, minter: Minter):
        self.m = minter
        self.quads: list[ox.Quad] = []

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal, graph: str) -> None:
        self.quads.append(ox.Quad(N(s), N(p), o, N(graph)))

    def target(self, key: str) -> str:
        if key.startswith("passage:"):
            return self.m.passage(key[len("passage:"):])
        return self.m.item(key)

    def documents(self, corpus: list[CorpusDocument]) -> None:
        for doc in corpus:
            meta, g = doc.meta, self.m.graph(doc.meta.id)
            d = self.m.document(meta.id)
            self.add(d, RDF + "type", N(VOCAB + "Document"), g)
            self.add(d, DCT + "title", lit(meta.title), g)
            self.add(d, RDFS + "label", lit(meta.title), g)
            self.add(d, DCT + "publisher", lit(meta.publisher), g)
            self.add(d, DCT + "issued", ox.Literal(meta.issued, datatype=N(XSD + "date")), g)
            self.add(d, VOCAB + "periodStart", ox.Literal(meta.period_start, datatype=N(XSD + "date")), g)
            self.add(d, VOCAB + "periodEnd", ox.Literal(meta.period_end, datatype=N(XSD + "date")), g)
            self.add(d, VOCAB + "year", year(meta.year), g)
            self.add(d, VOCAB + "genre", lit(meta.genre), g)
            self.add(d, VOCAB + "sourceFile", lit(meta.file), g)
            self.add(d, VOCAB + "originalFile", lit(meta.original_file), g)
            self.add(d, DCT + "identifier", lit(meta.id), g)
            sections: set[tuple[str, ...]] = set()
            for p in doc.passages:
                for n in range(1, len(p.section) + 1):
                    sections.add(p.section[:n])
            for path in sorted(sections):
                s = self.m.section(meta.id, path)
                self.add(s, RDF + "type", N(VOCAB + "Section"), g)
                self.add(s, RDFS + "label", lit(path[-1]), g)
                self.add(s, VOCAB + "sectionPath", lit(" > ".join(path)), g)
                self.add(s, VOCAB + "inDocument", N(d), g)
                parent = self.m.section(meta.id, path[:-1]) if len(path) > 1 else d
                self.add(s, VOCAB + "partOf", N(parent), g)
            for p in doc.passages:
                pi = self.m.passage(p.id)
                self.add(pi, RDF + "type", N(VOCAB + "Passage"), g)
                self.add(pi, VOCAB + "inDocument", N(d), g)
                if p.section:
                    self.add(pi, VOCAB + "inSection", N(self.m.section(meta.id, p.section)), g)
                    self.add(pi, VOCAB + "sectionPath", lit(" > ".join(p.section)), g)
                self.add(pi, VOCAB + "text", lit(p.text), g)
                self.add(pi, VOCAB + "startOffset", lit(p.start), g)
                self.add(pi, VOCAB + "endOffset", lit(p.end), g)
                self.add(pi, VOCAB + "ordinal", lit(p.ordinal), g)
                self.add(pi, VOCAB + "year", year(meta.year), g)

    def items(self, ext: Extraction, passage_doc: dict[str, str]) -> None:
        for it in ext.items.values():
            # a document's facts live in its graph; an entity named across documents is
            # described once, in the entities graph (its mentions stay in the documents')
            g = self.m.graph(it.doc_id) if it.doc_id is not None else self.m.entities_graph
            self._describe(it, g, doc_fact=it.doc_id is not None)
            for pid in it.passages:
                g = self.m.graph(passage_doc[pid])
                self.add(self.m.item(it.key), PROV + "wasDerivedFrom", N(self.m.passage(pid)), g)
            if it.doc_id is not None:
                g = self.m.graph(it.doc_id)
                self.add(self.m.item(it.key), VOCAB + "inDocument", N(self.m.document(it.doc_id)), g)

    def _describe(self, it: Item, g: str, doc_fact: bool) -> None:
        s = self.m.item(it.key)
        self.add(s, RDF + "type", N(VOCAB + it.cls), g)
        self.add(s, RDFS + "label", lit(it.label), g)
        for alt in sorted(it.alt_labels):
            self.add(s, SKOS + "altLabel", lit(alt), g)
        for name, values in it.props.items():
            for v in values:
                if name == "year":
                    if doc_fact:
                        self.add(s, VOCAB + "year", year(int(v)), g)  # type: ignore[arg-type]
                    continue
                self.add(s, _PROP_IRI.get(name, VOCAB + name), lit(v), g)
        for name, keys in it.links.items():
            for k in keys:
                self.add(s, VOCAB + name, N(self.target(k)), g)

    def mentions(self, ext: Extraction, passage_doc: dict[str, str]) -> None:
        seen: set[tuple[str, str]] = set()
        for mn in ext.mentions:
            g = self.m.graph(passage_doc[mn.passage])
            pi, ent = self.m.passage(mn.passage), self.m.item(mn.entity)
            if (pi, ent) not in seen:
                self.add(pi, VOCAB + "mentions", N(ent), g)
                seen.add((pi, ent))
            a = self.m.mention(mn.passage, mn.start, mn.end)
            self.add(a, RDF + "type", N(VOCAB + "Mention"), g)
            self.add(a, RDF + "type", N(OA + "Annotation"), g)
            self.add(a, OA + "hasBody", N(ent), g)
            self.add(a, OA + "hasTarget", N(a + "#target"), g)
            self.add(a + "#target", OA + "hasSource", N(pi), g)
            self.add(a + "#target", OA + "hasSelector", N(a + "#selector"), g)
            self.add(a + "#selector", RDF + "type", N(OA + "TextPositionSelector"), g)
            self.add(a + "#selector", OA + "start", lit(mn.start), g)
            self.add(a + "#selector", OA + "end", lit(mn.end), g)
            self.add(a + "#selector", OA + "exact", lit(mn.surface), g)


    def enrichment(self, enr: "Enrichment", passage_doc: dict[str, str]) -> None:
        for a in enr.passage_themes:
            g = self.m.graph(passage_doc[a.target])
            self._assignment(self.m.passage(a.target), a, g)
        ga = self.m.analysis_graph
        for a in enr.entity_themes:
            self._assignment(self.m.item(a.target), a, ga)
        for lk in enr.links:
            s, t = self.m.item(lk.source), self.m.item(lk.target)
            li = self.m.link(lk.source, lk.relation, lk.target)
            self.add(li, RDF + "type", N(VOCAB + "EvolutionLink"), ga)
            self.add(li, VOCAB + "source", N(s), ga)
            self.add(li, VOCAB + "target", N(t), ga)
            self.add(li, VOCAB + "relation", N(VOCAB + lk.relation), ga)
            self.add(li, VOCAB + "confidence", ox.Literal(f"{lk.confidence:.3f}", datatype=N(XSD + "decimal")), ga)
            self.add(li, VOCAB + "linkStatus", lit(lk.status), ga)
            for name, value in sorted(lk.signals.items()):
                self.add(li, VOCAB + "signal", lit(f"{name}={value}"), ga)
            for pid in lk.evidence:
                if pid in passage_doc:
                    self.add(li, VOCAB + "evidence", N(self.m.passage(pid)), ga)
            if lk.note:
                self.add(li, VOCAB + "note", lit(lk.note), ga)
            if lk.status == "reviewed":
                # a confirmed link is also stated directly, for simple queries
                self.add(s, VOCAB + lk.relation, N(t), ga)

    def _assignment(self, subject: str, a, g: str) -> None:
        theme_id = a.theme.rsplit("/", 1)[-1]
        node = f"{subject}#theme-{theme_id}"
        self.add(subject, VOCAB + "theme", N(a.theme), g)
        self.add(subject, VOCAB + "themeAssignment", N(node), g)
        self.add(node, RDF + "type", N(VOCAB + "ThemeAssignment"), g)
        self.add(node, VOCAB + "theme", N(a.theme), g)
        self.add(node, VOCAB + "score", ox.Literal(f"{a.score:.3f}", datatype=N(XSD + "decimal")), g)
        self.add(node, VOCAB + "method", lit(a.method), g)
        for phrase in a.evidence[:5]:
            self.add(node, VOCAB + "matched", lit(phrase), g)


def emit(corpus: list[CorpusDocument], ext: Extraction, minter: Minter, enr: "Enrichment | None" = None) -> list[ox.Quad]:
    """All quads of a build: ontology graph, one graph per document, and the analysis graph."""
    e = Emitter(minter)
    passage_doc = {p.id: d.meta.id for d in corpus for p in d.passages}
    e.documents(corpus)
    e.items(ext, passage_doc)
    e.mentions(ext, passage_doc)
    if enr is not None:
        e.enrichment(enr, passage_doc)
    return list(ontology_quads(minter)) + e.quads
