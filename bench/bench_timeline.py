"""Timeline speed and coverage.

Usage: python bench/bench_timeline.py [--data-dir DIR] [--entities 50]
Needs a build with the search index (`kg build`). Prints the median and p95 latency of
entity timelines and of free-text topic timelines (the threads in tests/eval/threads.jsonl),
and the thread coverage figures: for that set, which the weights were tuned on, and for two
sets written later by judges who read only the documents (threads_heldout.jsonl,
threads_blind2.jsonl), which measure how the tuning carries over to new topics.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from kg.settings import load_settings
from kg.timeline import open_timelines
from kg.timeline.evaluate import evaluate_threads, load_threads

ROOT = Path(__file__).resolve().parent.parent


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--entities", type=int, default=50)
    args = ap.parse_args()
    settings = load_settings(data_dir=args.data_dir)
    t0 = time.perf_counter()
    svc = open_timelines(settings)
    print(f"open (snapshot + search index): {time.perf_counter() - t0:.2f} s; search index: {'yes' if svc.builder.searcher else 'no'}")
    svc.timeline("warm up the model")  # first query loads the embedding model
    ents = sorted(svc.snap.entities.values(), key=lambda e: -len(e.passages))[: args.entities]
    ent_ms = []
    for e in ents:
        t = time.perf_counter()
        svc.builder.for_entity(e.iri)
        ent_ms.append((time.perf_counter() - t) * 1000)
    results, summary = evaluate_threads(svc, load_threads(ROOT / "tests" / "eval" / "threads.jsonl"))
    topic_ms = [r.ms for r in results]
    print(f"entity timelines ({len(ent_ms)}): median {statistics.median(ent_ms):.1f} ms, p95 {pct(ent_ms, 0.95):.1f} ms")
    print(f"topic timelines ({len(topic_ms)}): median {statistics.median(topic_ms):.1f} ms, p95 {pct(topic_ms, 0.95):.1f} ms")
    report("thread coverage", results, summary)
    for name in ("threads_heldout.jsonl", "threads_blind2.jsonl"):
        results, summary = evaluate_threads(svc, load_threads(ROOT / "tests" / "eval" / name))
        report(f"{name} (not tuned on)", results, summary)


def report(title: str, results: list, summary: dict) -> None:
    print(f"{title}:", json.dumps(summary))
    for r in results:
        missing = [y for y in r.expected if y not in r.covered]
        not_first = [y for y in r.covered if y not in r.first_relevant]
        if missing or not_first:
            print(f"  {r.id} {r.topic!r}: missing years {missing}, relevant passage not first in {not_first}")


if __name__ == "__main__":
    main()
