"""Content negotiation: which serialisation to send for an ``Accept`` header.

SELECT and ASK results can be written as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and
DESCRIBE graphs (and the service and VoID descriptions) as Turtle, N-Triples, RDF/XML or
JSON-LD. ``choose`` returns None when the client accepts none of them (HTTP 406).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

RESULTS = "results"
GRAPH = "graph"
MAX_RANGES = 64  # ignore the rest of absurdly long Accept headers


@dataclass(frozen=True)
class Format:
    name: str  # json | xml | csv | tsv | turtle | ntriples | rdfxml | jsonld
    media_type: str  # the canonical media type
    kind: str  # RESULTS or GRAPH
    aliases: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


# Server preference order: the first is the default for */*.
FORMATS: dict[str, tuple[Format, ...]] = {
    RESULTS: (
        Format("json", "application/sparql-results+json", RESULTS, ("application/json",)),
        Format("xml", "application/sparql-results+xml", RESULTS, ("application/xml", "text/xml")),
        Format("csv", "text/csv", RESULTS),
        Format("tsv", "text/tab-separated-values", RESULTS),
    ),
    GRAPH: (
        Format("turtle", "text/turtle", GRAPH, ("application/x-turtle",)),
        Format("ntriples", "application/n-triples", GRAPH, ("text/plain",)),
        Format("rdfxml", "application/rdf+xml", GRAPH, ("application/xml", "text/xml")),
        Format("jsonld", "application/ld+json", GRAPH, ("application/json",)),
    ),
}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """-1 if this range does not match ``media_type``, else 0 (*/*), 1 (type/*) or 2 (exact)."""
        t, _, s = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != t:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == s else -1


@dataclass(frozen=True)
class Choice:
    format: Format
    media_type: str  # what to put in Content-Type (an alias if that is what was asked for)

    @property
    def content_type(self) -> str:
        return self.media_type + ("; charset=utf-8" if self.media_type.startswith("text/") else "")


ANY = (MediaRange("*", "*", 1.0),)


def parse_accept(header: str | None) -> tuple[MediaRange, ...]:
    """Parse an Accept header leniently: malformed ranges are skipped, none means */*.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/csv;q=0.5, application/*")]
    [('text', 'csv', 0.5), ('application', '*', 1.0)]
    """
    if not header or not header.strip():
        return ANY
    ranges: list[MediaRange] = []
    for part in header.split(",")[:MAX_RANGES]:
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if mt == "*":
            mt = "*/*"
        t, sep, s = mt.partition("/")
        if not sep or not t or not s or (t == "*" and s != "*"):
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = -1.0
        if q >= 0 and not math.isnan(q):  # skip unparsable or NaN q values
            ranges.append(MediaRange(t, s, q))
    return tuple(ranges) if ranges else ANY


def quality(ranges: tuple[MediaRange, ...], media_type: str, exact: bool = False) -> float:
    """The q value the most specific matching range gives ``media_type`` (0 if none).

    With ``exact``, only ranges naming ``media_type`` itself count (for aliases: ``text/*``
    should not pick ``text/xml`` results).
    """
    best_spec, best_q = -1, 0.0
    for r in ranges:
        spec = r.specificity(media_type)
        if exact and spec < 2:
            continue
        if spec > best_spec or (spec == best_spec and spec >= 0 and r.q > best_q):
            best_spec, best_q = spec, r.q
    return best_q if best_spec >= 0 else 0.0


def choose(ranges: tuple[MediaRange, ...], kind: str) -> Choice | None:
    """The best format of ``kind`` for the client, or None if nothing acceptable.

    >>> choose(parse_accept("text/turtle;q=0.2, application/ld+json"), GRAPH).format.name
    'jsonld'
    >>> choose(parse_accept("application/json"), RESULTS).media_type
    'application/json'
    >>> choose(parse_accept("text/html"), RESULTS) is None
    True
    """
    best: Choice | None = None
    best_q = 0.0
    for fmt in FORMATS[kind]:
        for mt in fmt.media_types:
            q = quality(ranges, mt, exact=mt != fmt.media_type)
            if q > best_q:
                best, best_q = Choice(fmt, mt), q
    return best


def by_name(name: str) -> Format:
    for fmts in FORMATS.values():
        for fmt in fmts:
            if fmt.name == name:
                return fmt
    raise KeyError(name)


def available(kind: str | None = None) -> list[str]:
    """The canonical media types that can be produced (for one kind, or all)."""
    kinds = [kind] if kind else [RESULTS, GRAPH]
    return [f.media_type for k in kinds for f in FORMATS[k]]
