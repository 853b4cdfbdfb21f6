"""Named-entity extraction precision and recall against tests/eval/entities.jsonl.

Usage: python bench/eval_extraction.py [--details]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.build.corpus import load_corpus
from kg.build.evaluate import evaluate, summarise
from kg.build.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    corpus = load_corpus(ROOT / "seeds")
    scores = evaluate(corpus, extract(corpus), ROOT / "tests/eval/entities.jsonl", ROOT / "tests/eval/entities_scope.json")
    print(json.dumps(summarise(scores), indent=1))
    if "--details" in sys.argv:
        for s in scores:
            print(f"== {s.doc}\n   false positives: {s.false_positives}\n   missed: {s.missed}")


if __name__ == "__main__":
    main()
