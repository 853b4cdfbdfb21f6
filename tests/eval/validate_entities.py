"""Check that every gold entity name/alias occurs in its document's scoped text.

Matching is case-insensitive, whitespace-collapsed, with markdown '*' removed.
Usage: python tests/eval/validate_entities.py   (exit status 1 on any miss)
"""
import collections
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "eval"
TYPES = {"Unit", "Programme", "Initiative", "Strategy", "Organisation", "Person", "Place"}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("*", "")).strip().lower()


def main() -> int:
    catalog = tomllib.loads((ROOT / "seeds" / "catalog.toml").read_text(encoding="utf-8"))
    files = {d["id"]: d["file"] for d in catalog["document"]}
    scope = json.loads((EVAL / "entities_scope.json").read_text(encoding="utf-8"))
    texts = {}
    for doc, rng in scope.items():
        lines = (ROOT / "seeds" / files[doc]).read_text(encoding="utf-8").splitlines()
        if rng:
            lines = lines[rng[0] - 1 : rng[1]]
        texts[doc] = norm("\n".join(lines))

    bad = 0
    seen = set()
    counts = collections.Counter()
    for n, line in enumerate((EVAL / "entities.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        e = json.loads(line)
        if e["doc"] not in texts or e["type"] not in TYPES:
            print(f"line {n}: bad doc/type {e['doc']!r} {e['type']!r}")
            bad += 1
            continue
        key = (e["doc"], norm(e["name"]))
        if key in seen:
            print(f"line {n}: duplicate {key}")
            bad += 1
        seen.add(key)
        counts[(e["doc"], e["type"])] += 1
        for s in [e["name"], *e["aliases"]]:
            if norm(s) not in texts[e["doc"]]:
                print(f"line {n}: {e['doc']}: not found: {s!r}")
                bad += 1
    for doc in scope:
        per = {t: counts[(doc, t)] for t in sorted(TYPES)}
        print(doc, sum(per.values()), per)
    print("failures:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
