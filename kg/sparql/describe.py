"""RDF descriptions of the endpoint: the SPARQL service description and a VoID dataset.

Both are small rdflib graphs built from the served store's counts
(``kg.sparql.worker.dataset_stats``) and written in the negotiated RDF format.
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.errors import NotAcceptableError
from kg.iris import VOCAB
from kg.sparql.negotiate import FORMATS, GRAPH, RESULTS, available, choose, parse_accept

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FMT = Namespace("http://www.w3.org/ns/formats/")
_FORMAT_IRIS = {
    "json": FMT.SPARQL_Results_JSON,
    "xml": FMT.SPARQL_Results_XML,
    "csv": FMT.SPARQL_Results_CSV,
    "tsv": FMT.SPARQL_Results_TSV,
    "turtle": FMT.Turtle,
    "ntriples": FMT["N-Triples"],
    "rdfxml": FMT.RDF_XML,
    "jsonld": FMT["JSON-LD"],
}
_RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld"}
TITLE = "metkg: oversight documents about the Metropolitan Police Service, 2006-2023"


def dataset_iri(base_iri: str) -> URIRef:
    return URIRef(f"{base_iri}dataset")


def _graph() -> Graph:
    g = Graph()
    for prefix, ns in (("sd", SD), ("void", VOID), ("dcterms", DCTERMS), ("formats", FMT), ("rdfs", RDFS)):
        g.bind(prefix, ns)
    return g


def service_description(
    endpoint: str, stats: dict, *, base_iri: str, union_default_graph: bool, timeout: float, max_rows: int
) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    g = _graph()
    svc = URIRef(endpoint + "#service")
    ds = dataset_iri(base_iri)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, URIRef(endpoint)))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    for fmts in (FORMATS[RESULTS], FORMATS[GRAPH]):
        for f in fmts:
            g.add((svc, SD.resultFormat, _FORMAT_IRIS[f.name]))
    if union_default_graph:
        g.add((svc, SD.feature, SD.UnionDefaultGraph))
    g.add(
        (
            svc,
            RDFS.comment,
            Literal(
                "Read-only SPARQL 1.1 Query endpoint. SERVICE is rejected; FROM and FROM NAMED select among "
                "the store's own named graphs and nothing is ever fetched; updates are refused. "
                f"Queries are stopped after {timeout:g} s and results are cut at {max_rows} rows "
                "(the response then carries X-Result-Truncated: true).",
                lang="en",
            ),
        )
    )
    g.add((svc, SD.defaultDataset, ds))
    g.add((ds, RDF.type, SD.Dataset))
    default = BNode()
    g.add((ds, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    n_default = stats["triples"] if union_default_graph else stats["default_graph_triples"]
    g.add((default, VOID.triples, Literal(n_default, datatype=XSD.integer)))
    for name, n in sorted(stats["graphs"].items()):
        ng, gr = BNode(), BNode()
        g.add((ds, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(name)))
        g.add((ng, SD.graph, gr))
        g.add((gr, RDF.type, SD.Graph))
        g.add((gr, VOID.triples, Literal(n, datatype=XSD.integer)))
    return g


def void_description(endpoint: str, stats: dict, *, base_iri: str, build_id: str | None) -> Graph:
    """A VoID description of the served dataset, one ``void:subset`` per named graph."""
    g = _graph()
    ds = dataset_iri(base_iri)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(endpoint)))
    g.add((ds, VOID.uriSpace, Literal(base_iri)))
    g.add((ds, VOID.vocabulary, URIRef(VOCAB)))
    for key, prop in (
        ("triples", VOID.triples),
        ("distinct_subjects", VOID.distinctSubjects),
        ("distinct_objects", VOID.distinctObjects),
        ("properties", VOID.properties),
        ("classes", VOID.classes),
    ):
        g.add((ds, prop, Literal(int(stats[key]), datatype=XSD.integer)))
    if build_id:
        g.add((ds, DCTERMS.identifier, Literal(build_id)))
    for name, n in sorted(stats["graphs"].items()):
        sub = URIRef(name)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
        g.add((sub, VOID.sparqlEndpoint, URIRef(endpoint)))
    return g


def render(graph: Graph, accept: str | None) -> tuple[bytes, str]:
    """Serialise ``graph`` in the best RDF format for ``accept``; returns (body, content type).

    Raises:
        NotAcceptableError: no RDF format is acceptable.
    """
    choice = choose(parse_accept(accept), GRAPH)
    if choice is None:
        raise NotAcceptableError(
            f"this resource is RDF; available: {', '.join(available(GRAPH))}", available(GRAPH)
        )
    body = graph.serialize(format=_RDFLIB_FORMATS[choice.format.name], encoding="utf-8")
    return body, choice.content_type
