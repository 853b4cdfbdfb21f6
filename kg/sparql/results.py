"""Writers for SELECT and ASK results: SPARQL JSON, XML, CSV and TSV.

pyoxigraph can only serialise a live ``QuerySolutions`` iterator, and only all of it;
the endpoint needs to stop at ``max_result_rows`` and keep blank nodes, so the four
standard formats are written here from pyoxigraph terms (W3C SPARQL 1.1 Query Results
JSON, XML, CSV/TSV specifications). Triple terms (RDF-star) are written as the
formats' ``triple`` extensions.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Row = Mapping[str, object]


def write_solutions(fmt: str, variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    """Serialise solutions; ``rows`` map variable names to pyoxigraph terms (unbound: absent)."""
    if fmt == "json":
        return _json_solutions(variables, rows)
    if fmt == "xml":
        return _xml_solutions(variables, rows)
    if fmt == "csv":
        return _csv_solutions(variables, rows)
    if fmt == "tsv":
        return _tsv_solutions(variables, rows)
    raise ValueError(f"cannot write query results as {fmt!r}; use json, xml, csv or tsv")


def write_boolean(fmt: str, value: bool) -> bytes:
    """Serialise an ASK result (CSV and TSV, which the standard leaves open, get a bare true/false)."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    if fmt == "csv":
        return f"{word}\r\n".encode()
    if fmt == "tsv":
        return f"{word}\n".encode()
    raise ValueError(f"cannot write query results as {fmt!r}; use json, xml, csv or tsv")


# --- JSON ---------------------------------------------------------------------------

def _json_term(t: object) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out: dict = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    if isinstance(t, ox.Triple):
        return {
            "type": "triple",
            "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate), "object": _json_term(t.object)},
        }
    raise TypeError(f"not an RDF term: {t!r}")


def _json_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    head = json.dumps({"vars": list(variables)}, ensure_ascii=False)
    parts = [
        json.dumps({v: _json_term(t) for v, t in row.items()}, ensure_ascii=False, separators=(",", ":")) for row in rows
    ]
    return ('{"head":' + head + ',"results":{"bindings":[' + ",".join(parts) + "]}}").encode("utf-8")


# --- XML ----------------------------------------------------------------------------

def _xml_term(t: object) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    if isinstance(t, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
            f"<object>{_xml_term(t.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {t!r}")


def _xml_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out.extend(f"<variable name={quoteattr(v)}/>" for v in variables)
    out.append("</head>\n<results>\n")
    for row in rows:
        out.append("<result>")
        out.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in row.items())
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


# --- CSV / TSV ------------------------------------------------------------------------

def _csv_cell(t: object) -> str:
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        s = t.value
    elif isinstance(t, ox.BlankNode):
        s = f"_:{t.value}"
    else:
        s = str(t)
    if any(c in s for c in ',"\r\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def _csv_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    lines = [",".join(_csv_cell(ox.Literal(v)) for v in variables)]
    for row in rows:
        lines.append(",".join(_csv_cell(row[v]) if v in row else "" for v in variables))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _tsv_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    # pyoxigraph terms print as N-Triples / Turtle terms, which is what TSV wants.
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join(str(row[v]) if v in row else "" for v in variables))
    return ("\n".join(lines) + "\n").encode("utf-8")
