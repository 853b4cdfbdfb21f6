"""The HTML view of a linked-data description.

A readable page of the triples about a resource; IRIs under the base IRI link back to
this server.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

import pyoxigraph as ox

from kg.iris import THEMES
from kg.resources.terms import DCT, KGO, _v

CURIES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": DCT, "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#", "foaf": "http://xmlns.com/foaf/0.1/", "org": "http://www.w3.org/ns/org#",
    "kgo": KGO, "theme": THEMES,
}
HTML_MAX_ROWS = 2000  # per table; the RDF formats carry everything
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", DCT + "title", "http://www.w3.org/2004/02/skos/core#prefLabel")
STYLE = """body{font:15px/1.45 system-ui,sans-serif;max-width:75em;margin:1.5em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{text-align:left;vertical-align:top;
padding:.3em .6em;border-bottom:1px solid #e3e3e3}th{width:22%;font-weight:600}.lit{white-space:pre-wrap}
.dt{color:#777;font-size:85%}code{font-size:90%}h2{margin-top:1.5em;font-size:1.15em}a{color:#0645ad}"""


def _short(iri: str, base_iri: str) -> str:
    if iri.startswith(base_iri):
        return iri[len(base_iri):]
    for prefix, ns in CURIES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _cell(term: object, base_iri: str) -> str:
    """A term as HTML: IRIs under the base IRI link to this server, other IRIs to themselves."""
    if isinstance(term, ox.NamedNode):
        href = "/" + term.value[len(base_iri):] if term.value.startswith(base_iri) else term.value
        return f'<a href="{html.escape(href)}">{html.escape(_short(term.value, base_iri))}</a>'
    if isinstance(term, ox.Literal):
        note = f"@{term.language}" if term.language else (
            "" if term.datatype.value.endswith("#string") else _short(term.datatype.value, base_iri))
        extra = f' <span class="dt">{html.escape(note)}</span>' if note else ""
        return f'<span class="lit">{html.escape(term.value)}</span>{extra}'
    return f"<code>{html.escape(str(term))}</code>"


def _table(rows: list[tuple[str, ...]], heads: tuple[str, ...]) -> str:
    out = ["<table><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>"]
    for row in rows[:HTML_MAX_ROWS]:
        out.append("<tr>" + "".join(f"<{'th' if i == 0 else 'td'}>{c}</{'th' if i == 0 else 'td'}>"
                                    for i, c in enumerate(row)) + "</tr>")
    out.append("</table>")
    if len(rows) > HTML_MAX_ROWS:
        out.append(f"<p>… and {len(rows) - HTML_MAX_ROWS} more; ask for <code>text/turtle</code> to get them all.</p>")
    return "\n".join(out)


def render_html(iri: str, triples: Sequence[ox.Triple], base_iri: str, truncated: bool = False) -> str:
    """A readable page of the triples about ``iri``: its properties, its ``#`` parts, what links to it."""
    own: list[ox.Triple] = []
    parts: dict[str, list[ox.Triple]] = {}
    incoming: list[ox.Triple] = []
    content: list[ox.Triple] = []
    for t in triples:
        s = t.subject.value if isinstance(t.subject, ox.NamedNode) else ""
        if s == iri:
            own.append(t)
        elif s.startswith(iri + "#"):
            parts.setdefault(s, []).append(t)
        elif isinstance(t.object, ox.NamedNode) and t.object.value == iri:
            incoming.append(t)
        else:
            content.append(t)
    label = next((_v(t.object) for p in LABELS for t in own if t.predicate.value == p), None) or _short(iri, base_iri)
    c = lambda term: _cell(term, base_iri)
    body = [f"<h1>{html.escape(label)}</h1>", f"<p><code>{html.escape(iri)}</code></p>"]
    if own:
        body.append(_table([(c(t.predicate), c(t.object)) for t in own], ("property", "value")))
    for sub, ts in parts.items():
        anchor = html.escape(sub[len(iri) + 1:], quote=True)
        body.append(f'<h2 id="{anchor}">{html.escape(_short(sub, base_iri))}</h2>')
        body.append(_table([(c(t.predicate), c(t.object)) for t in ts], ("property", "value")))
    if content:
        body.append(f"<h2>Graph content ({len(content)} triples)</h2>")
        body.append(_table([(c(t.subject), c(t.predicate), c(t.object)) for t in content], ("subject", "property", "value")))
    if incoming:
        cut = " (cut at the row limit)" if truncated else ""
        body.append(f"<h2>Referenced by ({len(incoming)}{cut})</h2>")
        body.append(_table([(c(t.subject), c(t.predicate)) for t in incoming], ("subject", "property")))
    body.append("<p>Also available as Turtle, JSON-LD and N-Triples at this address: send <code>Accept: text/turtle</code>, "
                "<code>application/ld+json</code> or <code>application/n-triples</code>. "
                'Query the whole graph at <a href="/sparql">/sparql</a>; the JSON API is described at <a href="/docs">/docs</a>.</p>')
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(label)} - metkg</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>\n<body>\n'
            + "\n".join(body) + "\n</body></html>\n")
