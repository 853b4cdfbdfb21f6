"""Graph traversal over the entity graph with networkx: neighbours, paths, ego networks.

Nodes are named entities; edges come from co-mention in a passage, structural links
(part of, programme) and evolution links. Edge weights grow with the degree of the
nodes they touch, so shortest paths avoid hubs ("Metropolitan Police Service") and
prefer specific connections.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from itertools import combinations
from pathlib import Path

import networkx as nx

from kg.errors import KGError, NotFoundError
from kg.timeline.snapshot import Snapshot

RELATION_WEIGHT = {"predecessorOf": 0.3, "successorOf": 0.3, "sameAs": 0.2, "partOf": 0.4, "programme": 0.4, "relatedTo": 0.8}


def entity_graph(snap: Snapshot) -> nx.Graph:
    """Undirected weighted graph of entities."""
    g = nx.Graph()
    for e in snap.entities.values():
        g.add_node(e.iri, label=e.label, cls=e.cls, years=" ".join(str(y) for y in sorted({snap.passages[p].year for p in e.passages if p in snap.passages})))
    co: Counter[tuple[str, str]] = Counter()
    for p in snap.passages.values():
        ents = sorted(e for e in p.entities if e in snap.entities)
        for a, b in combinations(ents, 2):
            co[(a, b)] += 1
    for (a, b), n in co.items():
        g.add_edge(a, b, kind="co-mention", count=n, base=1.0 / (1 + math.log(n)))
    for a, rel, b in snap.structural:
        if a in g and b in g:
            g.add_edge(a, b, kind=rel, base=RELATION_WEIGHT.get(rel, 0.5))
    for lk in snap.links:
        if lk.source in g and lk.target in g:
            base = RELATION_WEIGHT.get(lk.relation, 0.8) * (1.5 - lk.confidence)
            g.add_edge(lk.source, lk.target, kind=lk.relation, status=lk.status, confidence=lk.confidence, base=base)
    for a, b, d in g.edges(data=True):
        d["weight"] = d["base"] * (1 + 0.5 * math.log(1 + g.degree(a)) + 0.5 * math.log(1 + g.degree(b)))
    return g


def neighbours(g: nx.Graph, iri: str, limit: int = 25) -> list[dict]:
    if iri not in g:
        raise NotFoundError(f"no entity {iri} in the graph")
    out = []
    for n in sorted(g.neighbors(iri), key=lambda n: g[iri][n]["weight"])[:limit]:
        d = g[iri][n]
        out.append({"iri": n, "label": g.nodes[n]["label"], "class": g.nodes[n]["cls"], "relation": d["kind"],
                    "weight": round(d["weight"], 3)})
    return out


def path(g: nx.Graph, source: str, target: str) -> list[dict]:
    """Cheapest path between two entities, with the relation of each step."""
    for x in (source, target):
        if x not in g:
            raise NotFoundError(f"no entity {x} in the graph")
    try:
        nodes = nx.shortest_path(g, source, target, weight="weight")
    except nx.NetworkXNoPath:
        raise NotFoundError("the two entities are not connected in the graph") from None
    steps = []
    for i, n in enumerate(nodes):
        step = {"iri": n, "label": g.nodes[n]["label"], "class": g.nodes[n]["cls"], "years": g.nodes[n]["years"]}
        if i:
            step["via"] = g[nodes[i - 1]][n]["kind"]
        steps.append(step)
    return steps


def ego(g: nx.Graph, iri: str, radius: int = 1, max_nodes: int = 60) -> nx.Graph:
    if iri not in g:
        raise NotFoundError(f"no entity {iri} in the graph")
    sub = nx.ego_graph(g, iri, radius=radius, distance=None)
    if sub.number_of_nodes() > max_nodes:
        keep = sorted(sub.nodes, key=lambda n: nx.shortest_path_length(g, iri, n, weight="weight") if n != iri else -1)[:max_nodes]
        sub = sub.subgraph(keep)
    return sub.copy()


def export(sub: nx.Graph, out: Path) -> None:
    """Write an ego network as GraphML (.graphml) or node-link JSON (.json)."""
    if out.suffix == ".graphml":
        nx.write_graphml(sub, out)
    elif out.suffix == ".json":
        out.write_text(json.dumps(nx.node_link_data(sub, edges="links"), indent=1))
    else:
        raise KGError(f"unknown export format {out.suffix!r}: use .graphml or .json")
