"""Evolution links between entities across years: successor/predecessor, part-of,
same-as (differing names) and related.

Links found automatically carry a confidence, the signals behind it and evidence
passages, and are marked "suggested". Links a person confirmed (or rejected) live in
``seeds/reviewed-links.toml``, which the build reads: confirmed links are added as
"reviewed" with confidence 1.0, rejected ones suppress the matching suggestion.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

from kg.errors import CatalogError
from kg.records import Extraction, Item

RELATIONS = ("predecessorOf", "successorOf", "partOf", "sameAs", "relatedTo")
SUCCESSION = {"Unit", "Programme", "Initiative", "Strategy"}  # things that get replaced over time
HUB_PASSAGES = 25  # entities named this often ("London", "the MPS") are context, not a thread
LINKABLE = {"Unit", "Programme", "Initiative", "Strategy", "Organisation"}
REVIEWED_FILE = "reviewed-links.toml"
_STOP = {
    "the", "of", "and", "for", "met", "mps", "london", "metropolitan", "police", "service", "a", "to", "in", "on",
    # head nouns say what kind of thing a name is, not which one: sharing them is no evidence
    "group", "team", "unit", "board", "strategy", "plan", "programme", "directorate", "command", "project",
    "operation", "policing", "action", "delivery", "steering", "office", "centre", "national", "framework",
    "management", "development", "performance", "working", "partnership",
}


@dataclass
class Link:
    source: str  # entity key
    relation: str
    target: str
    confidence: float
    status: str  # suggested | reviewed
    signals: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)  # passage ids
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.source}|{self.relation}|{self.target}"


def _tokens(item: Item) -> set[str]:
    words: set[str] = set()
    for name in {item.label, *item.alt_labels}:
        # crude stemming so "Neighbourhoods" and "Neighbourhood" share a token
        words |= {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _STOP and len(w) > 2}
    return words


def _name_sim(a: Item, b: Item) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


_UNIT_TAIL = re.compile(
    r"\b(?:team|teams|unit|units|board|group|panel|command|centre|directorate|forum|office|ocu|desk|cell|squad|branch|hub|network|committee)$",
    re.I,
)


def _contains(whole: Item, part: Item) -> bool:
    """'Safer Neighbourhoods delivery team' is part of 'Safer Neighbourhoods': a longer
    name that is the other's full label followed by words ending in a unit noun."""
    for name in {whole.label, *whole.alt_labels}:
        pname = part.label
        if len(pname) >= 4 and name != pname and name.lower().startswith(pname.lower() + " ") and _UNIT_TAIL.search(name):
            return True
    return False


def _abbreviates(a: Item, b: Item) -> bool:
    """One entity is named by an alias of the other (an acronym the other carries,
    e.g. 'NPCC' and 'National Police Chiefs Council' with alias NPCC)."""
    return a.label in b.alt_labels or b.label in a.alt_labels


def suggest_links(
    ext: Extraction,
    passage_year: dict[str, int],
    passage_vecs: dict[str, np.ndarray] | None,
    entity_themes: dict[str, set[str]],
    *,
    max_per_entity: int = 4,
) -> list[Link]:
    """Suggest links between named entities from name, embedding, co-mention and theme signals."""
    ents = [it for it in ext.items.values() if it.cls in LINKABLE and it.doc_id is None and it.passages]
    years = {it.key: {passage_year[p] for p in it.passages} for it in ents}
    cent: dict[str, np.ndarray] = {}
    if passage_vecs:
        for it in ents:
            vs = [passage_vecs[p] for p in it.passages if p in passage_vecs]
            if vs:
                v = np.mean(vs, axis=0)
                cent[it.key] = v / (np.linalg.norm(v) or 1.0)
    mentions: dict[str, set[str]] = {it.key: set(it.passages) for it in ents}
    out: list[Link] = []
    for a, b in combinations(ents, 2):
        ya, yb = years[a.key], years[b.key]
        co = len(mentions[a.key] & mentions[b.key])
        name = _name_sim(a, b)
        emb = float(cent[a.key] @ cent[b.key]) if a.key in cent and b.key in cent else 0.0
        ta, tb = entity_themes.get(a.key, set()), entity_themes.get(b.key, set())
        themes = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
        signals = {"name": round(name, 3), "embedding": round(emb, 3), "co_mention": co, "themes": round(themes, 3)}
        evidence = _evidence(a, b, passage_vecs)
        if _abbreviates(a, b):
            out.append(Link(a.key, "sameAs", b.key, round(0.7 + 0.3 * max(emb, 0), 3), "suggested", signals, evidence))
            continue
        if _contains(a, b) or _contains(b, a):
            whole, part = (a, b) if _contains(a, b) else (b, a)
            out.append(Link(whole.key, "partOf", part.key, round(0.6 + 0.4 * name, 3), "suggested", signals, evidence))
            continue
        if (
            ya.isdisjoint(yb)
            and (max(ya) < min(yb) or max(yb) < min(ya))
            and a.cls in SUCCESSION
            and b.cls in SUCCESSION
            and max(len(a.passages), len(b.passages)) <= HUB_PASSAGES
        ):
            # successor: same kind of thing, later years, same subject
            # a successor shares a distinctive word of the name ("Neighbourhood", "Trident",
            # "Violent Crime") and the subject of its passages
            conf = 0.35 * emb + 0.25 * themes + 0.4 * min(1.0, 2 * name)
            if name >= 0.15 and emb >= 0.55 and themes >= 0.3 and conf >= 0.5:
                first, later = (a, b) if max(ya) < min(yb) else (b, a)
                rel = "sameAs" if name >= 0.6 else "predecessorOf"
                out.append(Link(first.key, rel, later.key, round(conf, 3), "suggested", signals, evidence))
            continue
        if co >= 2 or (co >= 1 and themes >= 0.5):
            conf = min(1.0, 0.3 + 0.15 * co + 0.3 * themes + 0.2 * max(emb, 0))
            out.append(Link(a.key, "relatedTo", b.key, round(conf, 3), "suggested", signals, evidence))
    return _cap(out, max_per_entity)


def _evidence(a: Item, b: Item, passage_vecs: dict[str, np.ndarray] | None, n: int = 2) -> list[str]:
    shared = [p for p in a.passages if p in set(b.passages)]
    if shared:
        return shared[:n]
    if not passage_vecs:
        return [a.passages[0], b.passages[0]]
    best = max(
        ((pa, pb) for pa in a.passages[:20] for pb in b.passages[:20] if pa in passage_vecs and pb in passage_vecs),
        key=lambda t: float(passage_vecs[t[0]] @ passage_vecs[t[1]]),
        default=(a.passages[0], b.passages[0]),
    )
    return list(best)


def _cap(links: list[Link], k: int) -> list[Link]:
    """Keep each entity's strongest few links of each relation."""
    # ties broken by the link's ends, so the same links survive the cap on every build
    links = sorted(links, key=lambda lk: (-lk.confidence, lk.source, lk.relation, lk.target))
    count: dict[tuple[str, str], int] = {}
    out = []
    for lk in links:
        ka, kb = (lk.source, lk.relation), (lk.target, lk.relation)
        if count.get(ka, 0) >= k or count.get(kb, 0) >= k:
            continue
        count[ka] = count.get(ka, 0) + 1
        count[kb] = count.get(kb, 0) + 1
        out.append(lk)
    return out


def read_reviewed(seeds_dir: Path) -> list[dict]:
    """Entries of ``reviewed-links.toml`` (absent file: none).

    Raises:
        CatalogError: bad TOML, an unknown field, relation or decision.
    """
    path = seeds_dir / REVIEWED_FILE
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"not valid TOML: {exc}", str(path)) from exc
    entries = data.get("link", [])
    allowed = {"source", "relation", "target", "decision", "note", "evidence"}
    for n, e in enumerate(entries, 1):
        where = f"{path} (link #{n})"
        if set(e) - allowed:
            raise CatalogError(f"unknown field(s) {sorted(set(e) - allowed)}; allowed: {sorted(allowed)}", where)
        if e.get("relation") not in RELATIONS:
            raise CatalogError(f"relation must be one of {list(RELATIONS)}, got {e.get('relation')!r}", where)
        if e.get("decision", "confirmed") not in ("confirmed", "rejected"):
            raise CatalogError("decision must be 'confirmed' or 'rejected'", where)
        if not e.get("source") or not e.get("target"):
            raise CatalogError("source and target (entity keys such as 'programme/safer-neighbourhoods') are required", where)
    return entries


def apply_reviewed(links: list[Link], reviewed: list[dict], known: set[str], warn) -> list[Link]:
    """Merge reviewed decisions into the suggestions."""
    by_id = {lk.id: lk for lk in links}
    for e in reviewed:
        lid = f"{e['source']}|{e['relation']}|{e['target']}"
        if e["source"] not in known or e["target"] not in known:
            warn(f"reviewed link {lid}: unknown entity key; skipped (check {REVIEWED_FILE})")
            continue
        if e.get("decision", "confirmed") == "rejected":
            by_id.pop(lid, None)
            continue
        old = by_id.get(lid)
        by_id[lid] = Link(
            e["source"], e["relation"], e["target"], 1.0, "reviewed",
            old.signals if old else {}, list(e.get("evidence", [])) or (old.evidence if old else []), e.get("note", ""),
        )
    return list(by_id.values())
