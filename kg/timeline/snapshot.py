"""An in-memory view of one build, read from the store once, for timelines and graph traversal."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.iris import VOCAB
from kg.store.base import SolutionsResult, Store

P = """PREFIX kgo: <https://w3id.org/metkg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
NAMED_CLASSES = {"Unit", "Programme", "Initiative", "Strategy", "Organisation", "Person", "Place"}


@dataclass
class Doc:
    iri: str
    id: str
    title: str
    year: int
    genre: str


@dataclass
class PassageInfo:
    iri: str
    doc: str  # document IRI
    year: int
    text: str
    section: str
    themes: dict[str, float] = field(default_factory=dict)  # theme IRI -> score
    entities: set[str] = field(default_factory=set)


@dataclass
class EntityInfo:
    iri: str
    label: str
    cls: str
    alt_labels: set[str] = field(default_factory=set)
    passages: set[str] = field(default_factory=set)
    themes: dict[str, float] = field(default_factory=dict)


@dataclass
class Fact:
    """A structured item with a status: assessment, milestone or action."""

    iri: str
    cls: str
    label: str
    doc: str
    year: int
    status: dict[str, str]  # e.g. {"grade": "Good", "directionOfTravel": "Improved"}
    passages: set[str] = field(default_factory=set)


@dataclass
class LinkInfo:
    source: str
    relation: str  # local name
    target: str
    confidence: float
    status: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class ThemeInfo:
    iri: str
    label: str
    alt_labels: set[str]
    definition: str
    broader: set[str] = field(default_factory=set)


def _v(t: object) -> str:
    return t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t)


def _rows(store: Store, q: str) -> list[dict[str, str]]:
    res = store.query(P + q)
    assert isinstance(res, SolutionsResult)
    return [{k: _v(v) for k, v in r.items()} for r in res.rows]


class Snapshot:
    """Documents, passages, entities, facts, themes and links of a build."""

    def __init__(self, store: Store, build_id: str = ""):
        self.build_id = build_id
        self.docs: dict[str, Doc] = {}
        for r in _rows(store, "SELECT ?d ?id ?t ?y ?g WHERE { ?d a kgo:Document ; dcterms:identifier ?id ; dcterms:title ?t ; kgo:year ?y ; kgo:genre ?g }"):
            self.docs[r["d"]] = Doc(r["d"], r["id"], r["t"], int(r["y"]), r["g"])
        self.passages: dict[str, PassageInfo] = {}
        for r in _rows(store, "SELECT ?p ?d ?y ?text ?sec WHERE { ?p a kgo:Passage ; kgo:inDocument ?d ; kgo:year ?y ; kgo:text ?text . OPTIONAL { ?p kgo:sectionPath ?sec } }"):
            self.passages[r["p"]] = PassageInfo(r["p"], r["d"], int(r["y"]), r["text"], r.get("sec", ""))
        self.themes: dict[str, ThemeInfo] = {}
        for r in _rows(store, "SELECT ?c ?l ?def WHERE { ?c a skos:Concept ; skos:prefLabel ?l . OPTIONAL { ?c skos:definition ?def } }"):
            self.themes[r["c"]] = ThemeInfo(r["c"], r["l"], set(), r.get("def", ""))
        for r in _rows(store, "SELECT ?c ?a WHERE { ?c a skos:Concept ; skos:altLabel ?a }"):
            if r["c"] in self.themes:
                self.themes[r["c"]].alt_labels.add(r["a"])
        for r in _rows(store, "SELECT ?c ?b WHERE { ?c a skos:Concept ; skos:broader ?b }"):
            if r["c"] in self.themes:
                self.themes[r["c"]].broader.add(r["b"])
        self.entities: dict[str, EntityInfo] = {}
        for r in _rows(store, "SELECT DISTINCT ?e ?l ?c WHERE { ?e a ?c ; rdfs:label ?l . ?c rdfs:subClassOf kgo:NamedEntity }"):
            self.entities[r["e"]] = EntityInfo(r["e"], r["l"], r["c"].rsplit("#", 1)[-1])
        for r in _rows(store, "SELECT DISTINCT ?e ?a WHERE { ?e skos:altLabel ?a ; a/rdfs:subClassOf kgo:NamedEntity }"):
            if r["e"] in self.entities:
                self.entities[r["e"]].alt_labels.add(r["a"])
        for r in _rows(store, "SELECT ?p ?e WHERE { { ?p kgo:mentions ?e } UNION { ?e prov:wasDerivedFrom ?p . ?e a/rdfs:subClassOf kgo:NamedEntity } }"):
            if r["e"] in self.entities and r["p"] in self.passages:
                self.entities[r["e"]].passages.add(r["p"])
                self.passages[r["p"]].entities.add(r["e"])
        for r in _rows(store, "SELECT ?s ?t ?score WHERE { ?s kgo:themeAssignment ?a . ?a kgo:theme ?t ; kgo:score ?score }"):
            target = self.passages.get(r["s"]) or self.entities.get(r["s"])
            if target is not None:
                target.themes[r["t"]] = float(r["score"])
        self.facts: dict[str, Fact] = {}
        q = """SELECT ?f ?c ?l ?d ?y ?k ?v WHERE {
                 VALUES ?c { kgo:Assessment kgo:Milestone kgo:Action }
                 VALUES ?k { kgo:grade kgo:directionOfTravel kgo:status kgo:ragStatus kgo:quarter }
                 ?f a ?c ; rdfs:label ?l ; kgo:inDocument ?d ; kgo:year ?y ; ?k ?v }"""
        for r in _rows(store, q):
            f = self.facts.get(r["f"])
            if f is None:
                f = self.facts[r["f"]] = Fact(r["f"], r["c"].rsplit("#", 1)[-1], r["l"], r["d"], int(r["y"]), {})
            f.status[r["k"].rsplit("#", 1)[-1]] = r["v"]
        # facts are found through their own passages and, for graded areas, their findings'
        for r in _rows(store, "SELECT ?f ?p WHERE { ?f prov:wasDerivedFrom ?p }"):
            if r["f"] in self.facts:
                self.facts[r["f"]].passages.add(r["p"])
        for r in _rows(store, "SELECT ?a ?p WHERE { ?x a kgo:Finding ; kgo:partOf ?a ; prov:wasDerivedFrom ?p }"):
            if r["a"] in self.facts:
                self.facts[r["a"]].passages.add(r["p"])
        self.facts_by_passage: dict[str, list[Fact]] = defaultdict(list)
        for f in self.facts.values():
            for p in f.passages:
                self.facts_by_passage[p].append(f)
        self.links: list[LinkInfo] = []
        ev: dict[str, list[str]] = defaultdict(list)
        for r in _rows(store, "SELECT ?l ?p WHERE { ?l a kgo:EvolutionLink ; kgo:evidence ?p }"):
            ev[r["l"]].append(r["p"])
        for r in _rows(store, "SELECT ?l ?s ?r ?t ?c ?st WHERE { ?l a kgo:EvolutionLink ; kgo:source ?s ; kgo:relation ?r ; kgo:target ?t ; kgo:confidence ?c ; kgo:linkStatus ?st }"):
            self.links.append(LinkInfo(r["s"], r["r"].replace(VOCAB, ""), r["t"], float(r["c"]), r["st"], ev.get(r["l"], [])))
        self.structural: list[tuple[str, str, str]] = [
            (r["a"], r["rel"].replace(VOCAB, ""), r["b"])
            for r in _rows(store, "SELECT ?a ?rel ?b WHERE { VALUES ?rel { kgo:partOf kgo:programme } ?a ?rel ?b . ?b a/rdfs:subClassOf kgo:NamedEntity }")
        ]

    def doc_of(self, passage: str) -> Doc:
        return self.docs[self.passages[passage].doc]
