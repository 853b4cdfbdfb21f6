"""An in-memory store with a few graphs, blank nodes and awkward literals."""
from __future__ import annotations

import pyoxigraph as ox

from kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"
GRAPHS = [f"{EX}g{i}" for i in (1, 2, 3)]


def fill(store: OxigraphStore) -> None:
    raw = store.raw
    for i, g in enumerate(GRAPHS, start=1):
        gn = ox.NamedNode(g)
        for j in range(10):
            s = ox.NamedNode(f"{EX}s{i}-{j}")
            raw.add(ox.Quad(s, ox.NamedNode(f"{EX}in"), gn, gn))
            raw.add(ox.Quad(s, ox.NamedNode(f"{EX}n"), ox.Literal(str(j), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), gn))
    b = ox.BlankNode("b1")
    g1 = ox.NamedNode(GRAPHS[0])
    raw.add(ox.Quad(b, ox.NamedNode(f"{EX}label"), ox.Literal('comma, "quote"\nnew\tline', language="en"), g1))
    raw.add(ox.Quad(ox.NamedNode(f"{EX}s1-0"), ox.NamedNode(f"{EX}knows"), b, g1))
