"""Content negotiation for linked data: the formats served and the one an Accept header asks for."""
from __future__ import annotations

from kg.errors import NotAcceptableError
from kg.sparql.negotiate import parse_accept, quality

# Linked-data formats in server preference order (the first wins for */*), with aliases.
LD_FORMATS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("turtle", "text/turtle", ("application/x-turtle",)),
    ("html", "text/html", ("application/xhtml+xml",)),
    ("jsonld", "application/ld+json", ("application/json",)),
    ("ntriples", "application/n-triples", ("text/plain",)),
)
LD_MEDIA_TYPES = {name: mt for name, mt, _ in LD_FORMATS}


def negotiate(accept: str | None) -> str:
    """The linked-data format for an Accept header: turtle, html, jsonld or ntriples.

    >>> negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    'html'
    >>> negotiate(None), negotiate("application/ld+json")
    ('turtle', 'jsonld')

    Raises:
        NotAcceptableError: none of them is acceptable.
    """
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for name, media_type, aliases in LD_FORMATS:
        q = max([quality(ranges, media_type)] + [quality(ranges, a, exact=True) for a in aliases])
        if q > best_q:
            best, best_q = name, q
    if best is None:
        types = list(LD_MEDIA_TYPES.values())
        raise NotAcceptableError(f"this resource is available as {', '.join(types)}", types)
    return best
