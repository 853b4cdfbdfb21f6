"""SHACL validation of a build's quads against ``kg/ontology/shapes.ttl``."""
from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

from kg.build.emit import ontology_path
from kg.errors import ValidationError


def check_quads(quads: Iterable[ox.Quad]) -> tuple[bool, str]:
    """SHACL-validate the union of all graphs; returns (conforms, report text)."""
    import rdflib
    from pyshacl import validate

    nt = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)
    data = rdflib.Graph()
    data.parse(data=nt, format="nt")
    shapes = rdflib.Graph().parse(ontology_path("shapes.ttl"))
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return bool(conforms), str(report)


def validate_quads(quads: Iterable[ox.Quad]) -> None:
    """Validate the union of all graphs. Raises ``ValidationError`` with the report."""
    conforms, report = check_quads(quads)
    if not conforms:
        lines = [ln for ln in report.splitlines() if ln.strip()][:60]
        raise ValidationError("the graph does not conform to the SHACL shapes:\n" + "\n".join(lines), report)


def validate_store_file(path: str) -> tuple[bool, str]:
    """Validate an exported N-Quads/TriG file; returns (conforms, report text)."""
    return check_quads(ox.parse(path=path))
