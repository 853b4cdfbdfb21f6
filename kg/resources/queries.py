"""``Resources``: one build's documents, passages, entities and linked data, read with SPARQL.

Its search index and timelines are opened on first use and kept for the build's lifetime.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import IndexNotBuiltError, KGError, NotFoundError, SearchInputError
from kg.iris import Minter
from kg.resources.html_view import render_html
from kg.resources.negotiation import LD_MEDIA_TYPES
from kg.resources.records import (
    Counted,
    Description,
    DocumentCount,
    DocumentDetail,
    DocumentSummary,
    EntityDetail,
    EntityMatch,
    EntityMention,
    MentionedEntity,
    PassageDetail,
    PassageSummary,
    Ref,
    Related,
    SectionRef,
    Span,
    ThemeRef,
)
from kg.resources.terms import DCT, KGO, _float, _int, _local, _v, iri_ref
from kg.settings import Settings
from kg.store import GraphResult, SolutionsResult
from kg.store.base import Store

if TYPE_CHECKING:
    from kg.search import Hit, Searcher
    from kg.search.entities import EntityIndex
    from kg.timeline import TimelineService
    from kg.timeline.timeline import Timeline

PREFIXES = """PREFIX kgo: <https://w3id.org/metkg/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
MENTION_LIMIT = 200  # passages listed for one entity by default
RELATED_LIMIT = 25
DOC_PROPS = {  # document property -> field of DocumentSummary
    DCT + "identifier": "id", DCT + "title": "title", "http://www.w3.org/2000/01/rdf-schema#label": "label",
    KGO + "year": "year", KGO + "genre": "genre", DCT + "publisher": "publisher", DCT + "issued": "issued",
    KGO + "periodStart": "period_start", KGO + "periodEnd": "period_end",
}


class Resources:
    """Lookups over one build's store; search and timelines opened on first use."""

    def __init__(self, settings: Settings, store: Store, build_id: str | None, build_root: Path | None = None):
        self.settings = settings
        self.store = store
        self.build_id = build_id
        self.build_root = build_root
        self.minter = Minter(settings.base_iri)
        self._lock = threading.Lock()
        self._docs: dict[str, DocumentSummary] | None = None
        self._searcher: Searcher | None = None
        self._search_error: KGError | None = None
        self._timelines: TimelineService | None = None
        self._entities: EntityIndex | None = None  # entities.jsonl, for lookup

    # -- queries --------------------------------------------------------------------------

    def _rows(self, query: str, max_rows: int | None = None) -> list[dict[str, str]]:
        res = self.store.query(PREFIXES + query, max_rows=max_rows)
        assert isinstance(res, SolutionsResult)
        return [{k: _v(t) for k, t in row.items()} for row in res.rows]

    def _construct(self, query: str, max_rows: int | None = None) -> GraphResult:
        res = self.store.query(PREFIXES + query, max_rows=max_rows)
        assert isinstance(res, GraphResult)
        return res

    def _ref(self, iri: str, label: str | None, cls: str | None) -> Ref:
        return Ref(iri, self.minter.key_of(iri), label or _local(iri), _local(cls) if cls else "")

    def _refs(self, iris: Sequence[str]) -> dict[str, Ref]:
        """Labels and kgo classes of ``iris``."""
        if not iris:
            return {}
        values = " ".join(iri_ref(i) for i in iris)
        rows = self._rows(f"""SELECT ?x ?l ?c WHERE {{ VALUES ?x {{ {values} }}
            OPTIONAL {{ ?x rdfs:label ?l }} OPTIONAL {{ ?x a ?c FILTER(STRSTARTS(STR(?c), STR(kgo:))) }} }}""")
        out: dict[str, Ref] = {}
        for r in rows:
            if r["x"] not in out or (r.get("l") and out[r["x"]].label == _local(r["x"])):
                out[r["x"]] = self._ref(r["x"], r.get("l"), r.get("c"))
        return out

    def _themes(self, iri: str) -> tuple[ThemeRef, ...]:
        rows = self._rows(f"""SELECT ?t ?l ?score ?method WHERE {{ {iri_ref(iri)} kgo:themeAssignment ?a . ?a kgo:theme ?t .
            OPTIONAL {{ ?a kgo:score ?score }} OPTIONAL {{ ?a kgo:method ?method }} OPTIONAL {{ ?t skos:prefLabel ?l }} }}""")
        seen: dict[str, ThemeRef] = {}
        for r in rows:
            seen.setdefault(r["t"], ThemeRef(r["t"], r.get("l") or _local(r["t"]), _float(r.get("score")), r.get("method")))
        return tuple(sorted(seen.values(), key=lambda t: (-(t.score or 0.0), t.iri)))

    # -- documents ------------------------------------------------------------------------

    def documents(self) -> list[DocumentSummary]:
        """Every document of the build, oldest first."""
        if self._docs is None:
            rows = self._rows(f"""SELECT ?d ?k ?v WHERE {{ ?d a kgo:Document .
                OPTIONAL {{ VALUES ?k {{ {' '.join(f"<{p}>" for p in DOC_PROPS)} }} ?d ?k ?v }} }}""")
            counts = {r["d"]: int(r["n"]) for r in self._rows(
                "SELECT ?d (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kgo:Passage ; kgo:inDocument ?d } GROUP BY ?d")}
            found: dict[str, dict[str, str]] = {}
            for r in rows:
                f = found.setdefault(r["d"], {})
                if "k" in r:
                    f.setdefault(DOC_PROPS[r["k"]], r["v"])
            prefix = self.minter.document("")
            docs = {}
            for iri, f in found.items():
                doc_id = f.get("id") or (iri[len(prefix):] if iri.startswith(prefix) else _local(iri))
                docs[iri] = DocumentSummary(
                    doc_id, iri, f.get("title") or f.get("label") or doc_id, _int(f.get("year")), f.get("genre"),
                    f.get("publisher"), f.get("issued"), f.get("period_start"), f.get("period_end"),
                    self.minter.graph(doc_id), counts.get(iri, 0))
            self._docs = dict(sorted(docs.items(), key=lambda kv: (kv[1].year or 0, kv[1].id)))
        return list(self._docs.values())

    def _document_by_iri(self, iri: str) -> DocumentSummary | None:
        self.documents()
        assert self._docs is not None
        return self._docs.get(iri)

    def document(self, doc_id: str) -> DocumentDetail:
        """A document with its sections, passages, the entities it names and its facts by class.

        Raises:
            NotFoundError: no document ``doc_id``.
        """
        doc = next((d for d in self.documents() if d.id == doc_id), None)
        if doc is None:
            raise NotFoundError(f"no document {doc_id!r}; known: {', '.join(d.id for d in self.documents()) or 'none'}")
        d = iri_ref(doc.iri)
        sections = tuple(SectionRef(r["s"], r.get("l") or _local(r["s"]), r.get("path", "")) for r in self._rows(
            f"""SELECT ?s (SAMPLE(?l0) AS ?l) (SAMPLE(?p0) AS ?path) WHERE {{ ?s a kgo:Section ; kgo:inDocument {d} .
            OPTIONAL {{ ?s rdfs:label ?l0 }} OPTIONAL {{ ?s kgo:sectionPath ?p0 }} }} GROUP BY ?s ORDER BY ?path ?s"""))
        passages = tuple(self._passage_summary(r) for r in self._rows(
            f"""SELECT ?p (SAMPLE(?s0) AS ?sec) (SAMPLE(?a0) AS ?ps) (SAMPLE(?b0) AS ?pe) (SAMPLE(?o0) AS ?ord) WHERE {{
            ?p a kgo:Passage ; kgo:inDocument {d} . OPTIONAL {{ ?p kgo:sectionPath ?s0 }}
            OPTIONAL {{ ?p kgo:startOffset ?a0 }} OPTIONAL {{ ?p kgo:endOffset ?b0 }} OPTIONAL {{ ?p kgo:ordinal ?o0 }}
            }} GROUP BY ?p ORDER BY ?ord ?ps ?p"""))
        entities = tuple(Counted(self._ref(r["e"], r.get("l"), r.get("c")), int(r["n"])) for r in self._rows(
            f"""SELECT ?e (SAMPLE(?l0) AS ?l) (SAMPLE(?c0) AS ?c) (COUNT(DISTINCT ?p) AS ?n) WHERE {{
            ?p kgo:inDocument {d} ; kgo:mentions ?e . OPTIONAL {{ ?e rdfs:label ?l0 }}
            OPTIONAL {{ ?e a ?c0 . ?c0 rdfs:subClassOf kgo:NamedEntity }} }} GROUP BY ?e ORDER BY DESC(?n) ?e"""))
        facts = {_local(r["c"]): int(r["n"]) for r in self._rows(
            f"""SELECT ?c (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f kgo:inDocument {d} ; a ?c . ?c rdfs:subClassOf kgo:Fact }}
            GROUP BY ?c ORDER BY ?c""")}
        return DocumentDetail(doc, sections, passages, entities, facts)

    # -- passages -------------------------------------------------------------------------

    def _passage_summary(self, r: dict[str, str]) -> PassageSummary:
        """From a row with ?p, ?sec, ?ps and ?pe (start and end offsets)."""
        iri = r["p"]
        key = self.minter.key_of(iri) or iri
        pid = key.removeprefix("passage/")
        return PassageSummary(pid, iri, r.get("sec", ""), _int(r.get("ps")), _int(r.get("pe")))

    def passage(self, passage_id: str) -> PassageDetail:
        """A passage (``<doc>/<hash>``): text, offsets, section, document, entities named, themes, facts.

        Raises:
            NotFoundError: no passage ``passage_id``.
        """
        iri = self.minter.passage(passage_id)
        p = iri_ref(iri)
        props: dict[str, str] = {}
        for r in self._rows(f"SELECT ?k ?v WHERE {{ {p} ?k ?v }}"):
            props.setdefault(_local(r["k"]), r["v"])
        if props.get("type") != "Passage" and not self._rows(f"SELECT ?x WHERE {{ {p} a kgo:Passage BIND(1 AS ?x) }}"):
            raise NotFoundError(f"no passage {passage_id!r}")
        section = None
        if "inSection" in props:
            s = props["inSection"]
            label = self._refs([s]).get(s)
            section = SectionRef(s, label.label if label else _local(s), props.get("sectionPath", ""))
        spans: dict[str, list[Span]] = {}
        for r in self._rows(f"""SELECT ?e ?start ?end ?exact WHERE {{ {p} kgo:mentions ?e .
                OPTIONAL {{ ?m oa:hasBody ?e ; oa:hasTarget ?t . ?t oa:hasSource {p} ; oa:hasSelector ?s .
                            ?s oa:start ?start ; oa:end ?end . OPTIONAL {{ ?s oa:exact ?exact }} }} }}"""):
            lst = spans.setdefault(r["e"], [])
            if "start" in r:
                lst.append(Span(int(r["start"]), int(r["end"]), r.get("exact")))
        refs = self._refs(list(spans))
        entities = tuple(
            MentionedEntity(refs.get(e) or self._ref(e, None, None), tuple(sorted(set(s), key=lambda x: (x.start, x.end))))
            for e, s in sorted(spans.items(), key=lambda kv: (min((x.start for x in kv[1]), default=1 << 30), kv[0])))
        facts = tuple(self._ref(r["f"], r.get("l"), r.get("c")) for r in self._rows(
            f"""SELECT ?f (SAMPLE(?l0) AS ?l) (SAMPLE(?c0) AS ?c) WHERE {{ ?f prov:wasDerivedFrom {p} ; a ?c0 .
            ?c0 rdfs:subClassOf kgo:Fact . OPTIONAL {{ ?f rdfs:label ?l0 }} }} GROUP BY ?f ORDER BY ?f"""))
        doc = self._document_by_iri(props["inDocument"]) if "inDocument" in props else None
        return PassageDetail(
            passage_id, iri, props.get("text", ""), _int(props.get("startOffset")), _int(props.get("endOffset")),
            _int(props.get("ordinal")), _int(props.get("year")), section, doc, entities, self._themes(iri), facts)

    # -- entities -------------------------------------------------------------------------

    def entity(self, entity_id: str, limit: int = MENTION_LIMIT) -> EntityDetail:
        """A named entity by id (``unit/stalking-threat-assessment-centre``): names, class, documents
        and years, the passages naming it (up to ``limit``), related entities and themes.

        Raises:
            NotFoundError: no named entity ``entity_id``.
        """
        iri = self.minter.item(entity_id)
        e = iri_ref(iri)
        labels: list[str] = []
        alts: list[str] = []
        acronyms: list[str] = []
        classes: list[str] = []
        for r in self._rows(f"""SELECT ?k ?v WHERE {{ VALUES ?k {{ rdf:type rdfs:label skos:altLabel kgo:acronym }} {e} ?k ?v }}
                ORDER BY ?v"""):
            {"type": classes, "label": labels, "altLabel": alts, "acronym": acronyms}[_local(r["k"])].append(r["v"])
        named = {r["c"] for r in self._rows("SELECT ?c WHERE { ?c rdfs:subClassOf kgo:NamedEntity }")}
        cls = next((c for c in classes if c in named), None)
        if cls is None:
            what = f"a {_local(classes[0])}, not a named entity" if classes else "not in the graph"
            raise NotFoundError(f"no entity {entity_id!r}: {iri} is {what}")
        rows = self._rows(f"""SELECT ?p ?d ?y ?text ?sec ?ord ?ps ?pe ?start ?end ?exact WHERE {{
            {{ ?p kgo:mentions {e} }} UNION {{ {e} prov:wasDerivedFrom ?p }}
            ?p a kgo:Passage ; kgo:inDocument ?d . OPTIONAL {{ ?p kgo:year ?y }} OPTIONAL {{ ?p kgo:text ?text }}
            OPTIONAL {{ ?p kgo:sectionPath ?sec }} OPTIONAL {{ ?p kgo:ordinal ?ord }}
            OPTIONAL {{ ?p kgo:startOffset ?ps }} OPTIONAL {{ ?p kgo:endOffset ?pe }}
            OPTIONAL {{ ?m oa:hasBody {e} ; oa:hasTarget ?t . ?t oa:hasSource ?p ; oa:hasSelector ?s .
                        ?s oa:start ?start ; oa:end ?end . OPTIONAL {{ ?s oa:exact ?exact }} }} }}""")
        by_passage: dict[str, dict] = {}
        for r in rows:
            m = by_passage.setdefault(r["p"], {"row": r, "spans": set()})
            if "start" in r:
                m["spans"].add(Span(int(r["start"]), int(r["end"]), r.get("exact")))
        ordered = sorted(by_passage.values(), key=lambda m: (_int(m["row"].get("y")) or 0, m["row"]["d"],
                                                            _int(m["row"].get("ord")) or 0, m["row"]["p"]))
        mentions = []
        for m in ordered[:limit]:
            r = m["row"]
            doc = self._document_by_iri(r["d"])
            mentions.append(EntityMention(
                self._passage_summary(r), r.get("text", ""), doc.id if doc else r["d"], _int(r.get("y")),
                tuple(sorted(m["spans"], key=lambda s: (s.start, s.end)))))
        per_doc: dict[str, int] = {}
        for m in by_passage.values():
            per_doc[m["row"]["d"]] = per_doc.get(m["row"]["d"], 0) + 1
        docs = [d for d in map(self._document_by_iri, per_doc) if d is not None]
        documents = tuple(DocumentCount(d.id, d.iri, d.title, d.year, per_doc[d.iri])
                          for d in sorted(docs, key=lambda d: (d.year or 0, d.id)))
        years = tuple(sorted({y for m in by_passage.values() if (y := _int(m["row"].get("y"))) is not None}))
        return EntityDetail(iri, entity_id, labels[0] if labels else _local(iri), _local(cls), tuple(alts), tuple(acronyms),
                            years, documents, tuple(mentions), len(by_passage), self._related(iri, named), self._themes(iri))

    def _related(self, iri: str, named: set[str]) -> tuple[Related, ...]:
        e = iri_ref(iri)
        links = self._rows(f"""SELECT ?o ?rel ?dir ?conf ?st WHERE {{
            {{ ?l kgo:source {e} ; kgo:target ?o BIND("out" AS ?dir) }} UNION {{ ?l kgo:target {e} ; kgo:source ?o BIND("in" AS ?dir) }}
            ?l a kgo:EvolutionLink ; kgo:relation ?rel . OPTIONAL {{ ?l kgo:confidence ?conf }} OPTIONAL {{ ?l kgo:linkStatus ?st }} }}""")
        parts = self._rows(f"""SELECT ?o ?dir WHERE {{ {{ {e} kgo:partOf ?o BIND("out" AS ?dir) }} UNION
            {{ ?o kgo:partOf {e} BIND("in" AS ?dir) }} ?o a ?c . ?c rdfs:subClassOf kgo:NamedEntity }}""")
        co = self._rows(f"""SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p kgo:mentions {e}, ?o . FILTER(?o != {e}) }}
            GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT {RELATED_LIMIT}""")
        refs = self._refs(sorted({r["o"] for r in links + parts + co}))
        inverse = {"predecessorOf": "successorOf", "successorOf": "predecessorOf", "partOf": "hasPart"}
        found: dict[str, dict] = {}

        def add(other: str, relation: str | None = None, conf: float | None = None, status: str | None = None,
                n: int = 0) -> None:
            f = found.setdefault(other, {"rel": [], "conf": None, "status": None, "n": 0})
            if relation and relation not in f["rel"]:
                f["rel"].append(relation)
            if conf is not None and (f["conf"] is None or (status == "reviewed", conf) > (f["status"] == "reviewed", f["conf"])):
                f["conf"], f["status"] = conf, status
            f["n"] = max(f["n"], n)

        for r in links:
            rel = _local(r["rel"])
            add(r["o"], rel if r["dir"] == "out" else inverse.get(rel, rel), _float(r.get("conf")), r.get("st"))
        for r in parts:
            add(r["o"], "partOf" if r["dir"] == "out" else "hasPart")
        for r in co:
            add(r["o"], n=int(r["n"]))
        ranked = sorted(found.items(), key=lambda kv: (not kv[1]["rel"], kv[1]["status"] != "reviewed",
                                                        -(kv[1]["conf"] or 0.0), -kv[1]["n"], kv[0]))
        return tuple(Related(refs[o], tuple(f["rel"]), f["conf"], f["status"], f["n"]) for o, f in ranked)

    # -- linked data ----------------------------------------------------------------------

    def describe(self, iri: str, fmt: str) -> Description:
        """The triples about ``iri`` (its own, those of its ``#`` sub-resources, the links to it
        and, for a named graph, the graph's content) as turtle, jsonld, ntriples or html.

        Raises:
            NotFoundError: the graph says nothing about ``iri``.
        """
        node = iri_ref(iri)
        frag = iri + "#"
        own = self._construct(f"CONSTRUCT {{ {node} ?p ?o }} WHERE {{ {node} ?p ?o }}")
        subs = self._construct(f"""CONSTRUCT {{ ?x ?p ?o }} WHERE {{
            {{ {node} ?a ?x }} UNION {{ {node} ?a ?y . ?y ?b ?x FILTER(isIRI(?y) && STRSTARTS(STR(?y), "{frag}")) }}
            FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{frag}")) ?x ?p ?o }}""")
        cap = self.settings.max_result_rows
        incoming = self._construct(f"CONSTRUCT {{ ?s ?p {node} }} WHERE {{ ?s ?p {node} }}", max_rows=cap)
        graph = self._construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
        triples = list(dict.fromkeys([*own.triples, *subs.triples, *graph.triples, *incoming.triples]))
        if not triples:
            raise NotFoundError(f"nothing is known about {iri}")
        triples.sort(key=lambda t: (str(t.subject) != node, str(t.subject), str(t.predicate), str(t.object)))  # type: ignore[attr-defined]
        if fmt == "html":
            body = render_html(iri, triples, self.settings.base_iri, incoming.truncated).encode("utf-8")  # type: ignore[arg-type]
        elif fmt in LD_MEDIA_TYPES:
            body = self.store.serialize(GraphResult(triples), fmt)
        else:
            raise ValueError(f"unknown linked-data format {fmt!r}")
        media_type = LD_MEDIA_TYPES[fmt]
        if media_type.startswith("text/"):
            media_type += "; charset=utf-8"
        return Description(body, media_type, len(triples), incoming.truncated)

    # -- search and timelines (opened once per build) -------------------------------------

    def searcher(self) -> Searcher:
        """The build's search index (raises IndexNotBuiltError / IndexMismatchError)."""
        with self._lock:
            if self._searcher is None and self._search_error is None:
                if self.build_root is None:
                    self._search_error = IndexNotBuiltError("a fixed store (KG_STORE_PATH) has no search index")
                else:
                    from kg.search import open_searcher

                    try:
                        self._searcher = open_searcher(self.settings, build_dir=self.build_root)
                    except KGError as exc:
                        self._search_error = exc
            if self._search_error is not None:
                raise self._search_error
            assert self._searcher is not None
            return self._searcher

    def _ready_model(self, searcher: Searcher) -> None:
        with self._lock:  # load the model once, not once per concurrent first request
            searcher.embedder  # noqa: B018

    def search(self, query: str, k: int = 10, year_from: int | None = None, year_to: int | None = None,
               doc: str | None = None, genre: str | None = None, entity: str | None = None,
               mode: str = "hybrid") -> list[Hit]:
        """``Searcher.search`` on this build (see there for arguments and errors)."""
        s = self.searcher()
        if mode != "lexical" and query.strip():
            self._ready_model(s)
        return s.search(query, k=k, year_from=year_from, year_to=year_to, doc=doc, genre=genre, entity=entity, mode=mode)

    def lookup_entities(self, name: str, limit: int = 10) -> list[EntityMatch]:
        """Entities by name, alias or acronym, best first; needs no search index.

        Raises:
            SearchInputError: empty name.
        """
        if not name.strip():
            raise SearchInputError("the entity name is empty")
        with self._lock:
            if self._entities is None:
                from kg.search.corpus import read_entities
                from kg.search.entities import EntityIndex

                self._entities = EntityIndex(read_entities(self.build_root) if self.build_root else [])
        return [EntityMatch(self.minter.key_of(r.iri), r) for r in self._entities.lookup(name, limit=limit)]

    def timelines(self) -> TimelineService:
        """The build's timeline service, sharing this build's store and searcher."""
        try:
            searcher: Searcher | None = self.searcher()
            self._ready_model(searcher)  # type: ignore[arg-type]
        except KGError:
            searcher = None
        with self._lock:
            if self._timelines is None:
                from kg.timeline.service import TimelineService
                from kg.timeline.snapshot import Snapshot

                self._timelines = TimelineService(Snapshot(self.store, self.build_id or ""), searcher)
            return self._timelines

    def timeline(self, topic: str) -> Timeline:
        return self.timelines().timeline(topic)

    def entity_timeline(self, entity_id: str) -> Timeline:
        """The timeline of an entity given by id (``unit/...``), IRI or name."""
        iri = self.minter.item(entity_id)
        return self.timelines().entity_timeline(iri if iri in self.timelines().snap.entities else entity_id)

    def path(self, a: str, b: str) -> list[dict]:
        """Cheapest path between two entities (ids, IRIs or names), one step per entity."""
        return self.timelines().path(self._entity_iri(a), self._entity_iri(b))

    def _entity_iri(self, name: str) -> str:
        iri = self.minter.item(name)
        return iri if iri in self.timelines().snap.entities else name
