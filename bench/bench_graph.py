"""Graph build and SPARQL benchmark: build time, peak memory, and median query latency
of Oxigraph (the embedded on-disk store) against rdflib's in-memory engine on the same data.

Usage: python bench/bench_graph.py [--repeat 20] [--data-dir DIR]
Prints a table; run from the repository root after `kg build` or let it build.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {
    "graded areas": (ROOT / "examples/queries/graded-areas.rq").read_text(),
    "milestones": (ROOT / "examples/queries/milestones.rq").read_text(),
    "actions": (ROOT / "examples/queries/actions.rq").read_text(),
    "cross-year entities": (ROOT / "examples/queries/cross-year-entities.rq").read_text(),
    "entity passages": (ROOT / "examples/queries/entity-passages.rq").read_text(),
    "count by class": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
}

BUILD = """
import resource, sys, time
from kg.settings import load_settings
from kg.build.pipeline import run_build
t = time.perf_counter()
run_build(load_settings(data_dir=sys.argv[1]), force=True, with_index=False)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def timed(fn, repeat: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()
    data = args.data_dir or Path(tempfile.mkdtemp(prefix="kgbench-"))

    # build in a child process so its peak RSS is the build's alone
    out = subprocess.run([sys.executable, "-c", BUILD, str(data)], capture_output=True, text=True, check=True, cwd=ROOT)
    build_s, rss_kb = out.stdout.split()
    print(f"graph build (graph only, no search index): {float(build_s):.1f} s, peak RSS {int(rss_kb) / 1024:.0f} MiB")

    import pyoxigraph as ox
    import rdflib

    from kg.layout import current_build

    cur = current_build(data)
    store = ox.Store.read_only(str(cur.store))
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(str(cur.nquads), format="nquads")
    load_rdflib = time.perf_counter() - t
    print(f"rdflib in-memory load of the same N-Quads: {load_rdflib:.1f} s ({len(ds)} quads)")
    print()
    print(f"{'query':<22}{'oxigraph ms':>12}{'rdflib ms':>12}{'ratio':>8}")
    results = {}
    for name, q in QUERIES.items():
        ox_ms = timed(lambda: list(store.query(q, use_default_graph_as_union=True)), args.repeat)
        rd_ms = timed(lambda: list(ds.query(q)), max(3, args.repeat // 5))
        results[name] = {"oxigraph_ms": round(ox_ms, 2), "rdflib_ms": round(rd_ms, 2)}
        print(f"{name:<22}{ox_ms:>12.2f}{rd_ms:>12.1f}{rd_ms / ox_ms:>7.0f}x")
    med_ox = statistics.median(r["oxigraph_ms"] for r in results.values())
    med_rd = statistics.median(r["rdflib_ms"] for r in results.values())
    print(f"{'median of the mix':<22}{med_ox:>12.2f}{med_rd:>12.1f}{med_rd / med_ox:>7.0f}x")
    print(json.dumps({"build_s": float(build_s), "peak_rss_mib": int(rss_kb) / 1024, "queries": results}))


if __name__ == "__main__":
    main()
