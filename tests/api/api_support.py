"""Test data for the API tests: a tiny data directory laid out like a real build.

``<data>/builds/<id>/{manifest.json, store/}`` plus an atomically switched ``current``
link, as ``kg.layout`` describes.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox

from kg.store.oxigraph import OxigraphStore

BASE = "https://metkg.example.org/"
KGO = "https://w3id.org/metkg/ns#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
DOCS = ("doc-a", "doc-b", "doc-c")
PASSAGES_PER_DOC = 20
MAX_ROWS = 100


def tiny_quads(tag: str) -> list[ox.Quad]:
    """Three document graphs of passages plus an ontology graph; every passage says ``tag``."""
    quads = []
    for doc in DOCS:
        g = ox.NamedNode(f"{BASE}graph/{doc}")
        d = ox.NamedNode(f"{BASE}id/document/{doc}")
        quads.append(ox.Quad(d, ox.NamedNode(RDF_TYPE), ox.NamedNode(KGO + "Document"), g))
        quads.append(ox.Quad(d, ox.NamedNode(RDFS_LABEL), ox.Literal(f"Document {doc}", language="en"), g))
        for i in range(PASSAGES_PER_DOC):
            p = ox.NamedNode(f"{BASE}id/passage/{doc}/{i}")
            quads.append(ox.Quad(p, ox.NamedNode(RDF_TYPE), ox.NamedNode(KGO + "Passage"), g))
            quads.append(ox.Quad(p, ox.NamedNode(KGO + "inDocument"), d, g))
            quads.append(ox.Quad(p, ox.NamedNode(KGO + "ordinal"), ox.Literal(str(i), datatype=ox.NamedNode(XSD_INT)), g))
            quads.append(ox.Quad(p, ox.NamedNode(KGO + "build"), ox.Literal(tag), g))
    onto = ox.NamedNode(f"{BASE}graph/ontology")
    note = ox.BlankNode("note")
    quads += [
        ox.Quad(ox.NamedNode(KGO + "Passage"), ox.NamedNode(RDFS_LABEL), ox.Literal("Passage", language="en"), onto),
        ox.Quad(ox.NamedNode(KGO + "Passage"), ox.NamedNode(KGO + "note"), note, onto),
        ox.Quad(note, ox.NamedNode(RDFS_LABEL), ox.Literal('a "quoted", comma\nline'), onto),
    ]
    return quads


def make_build(data_dir: Path, build_id: str, tag: str | None = None) -> Path:
    root = data_dir / "builds" / build_id
    store = OxigraphStore(root / "store", read_only=False)
    store.raw.extend(tiny_quads(tag or build_id))
    store.close()
    (root / "manifest.json").write_text(json.dumps({"build_id": build_id}), encoding="utf-8")
    return root


def switch_current(data_dir: Path, build_id: str) -> None:
    """Point ``current`` at a build atomically, like ``kg build`` does."""
    tmp = data_dir / f".current-{os.getpid()}"
    if tmp.is_symlink():
        tmp.unlink()
    os.symlink(os.path.join("builds", build_id), tmp)
    os.replace(tmp, data_dir / "current")


def tiny_data_dir(root: Path, build_id: str = "b1") -> Path:
    data = root / "data"
    make_build(data, build_id)
    switch_current(data, build_id)
    return data


def server_env(data_dir: Path, **extra: object) -> dict[str, str]:
    env = {
        "KG_DATA_DIR": str(data_dir),
        "KG_QUERY_TIMEOUT": "3",
        "KG_MAX_RESULT_ROWS": str(MAX_ROWS),
        "KG_SPARQL_WORKERS": "2",
        "KG_BASE_IRI": BASE,
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env
