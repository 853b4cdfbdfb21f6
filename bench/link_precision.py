"""Precision of suggested evolution links on the hand-checked sample.

Usage: python bench/link_precision.py [--data-dir DIR]
Reads tests/eval/link_judgements.jsonl (a random sample of suggestions per relation,
each judged correct or not by reading the evidence passages), prints precision per
relation, and how many judged links the current build still suggests (the sample goes
stale when extraction changes and should then be re-drawn and re-judged).
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from kg.settings import load_settings
from kg.timeline import open_timelines

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()
    judged = [json.loads(x) for x in (ROOT / "tests/eval/link_judgements.jsonl").read_text().splitlines() if x.strip()]
    by_rel: dict[str, list[bool]] = defaultdict(list)
    for j in judged:
        by_rel[j["relation"]].append(j["correct"])
    total = sum(j["correct"] for j in judged)
    print(f"hand-checked sample: {total}/{len(judged)} correct = {total / len(judged):.2f}")
    for rel, vs in sorted(by_rel.items()):
        print(f"  {rel:<14} {sum(vs)}/{len(vs)} = {sum(vs) / len(vs):.2f}")
    settings = load_settings(data_dir=args.data_dir)
    snap = open_timelines(settings, with_search=False).snap
    base = settings.base_iri + "id/"
    current = {(lk.source[len(base):], lk.relation, lk.target[len(base):]) for lk in snap.links if lk.status == "suggested"}
    still = sum((j["source"], j["relation"], j["target"]) in current for j in judged)
    counts: dict[str, int] = defaultdict(int)
    for lk in snap.links:
        counts[f"{lk.status} {lk.relation}"] += 1
    print(f"judged links still suggested by this build: {still}/{len(judged)}")
    print("links in this build:", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
