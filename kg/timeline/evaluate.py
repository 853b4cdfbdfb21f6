"""Timeline coverage on hand-made threads (``tests/eval/threads.jsonl``).

A thread names a topic, the years whose documents discuss it, and evidence spans per
year. A timeline covers a year when it has an entry for it; it ranks a relevant passage
first when that entry's first passage contains one of the year's evidence spans
(whitespace-normalised, case-insensitive).
"""
from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.timeline.service import TimelineService


def _norm(s: str) -> str:
    return " ".join(s.split()).lower()


@dataclass
class ThreadResult:
    id: str
    topic: str
    expected: list[int]
    got: list[int]
    covered: list[int]
    first_relevant: list[int]
    extra: list[int]
    ms: float


def load_threads(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            t = json.loads(line)
            t["years"] = [int(y) for y in t["years"]]
        except (ValueError, KeyError) as exc:
            raise KGError(f"{path}:{n}: not a thread line ({exc}); expected {{\"topic\", \"years\", \"evidence\"}}") from exc
        out.append(t)
    return out


def evaluate_threads(svc: TimelineService, threads: list[dict]) -> tuple[list[ThreadResult], dict]:
    results = []
    for t in threads:
        t0 = time.perf_counter()
        tl = svc.timeline(t["topic"])
        ms = (time.perf_counter() - t0) * 1000
        got = sorted({e.year for e in tl.entries})
        covered, first = [], []
        for y in t["years"]:
            entries = [e for e in tl.entries if e.year == y]
            if not entries:
                continue
            covered.append(y)
            gold = [_norm(s) for s in t.get("evidence", {}).get(str(y), [])]
            top = _norm(entries[0].passages[0].text) if entries[0].passages else ""
            if any(g in top for g in gold):
                first.append(y)
        results.append(ThreadResult(t.get("id", t["topic"]), t["topic"], t["years"], got, covered, first,
                                    [y for y in got if y not in t["years"]], round(ms, 1)))
    n_years = sum(len(r.expected) for r in results)
    summary = {
        "threads": len(results),
        "year_coverage": round(sum(len(r.covered) for r in results) / n_years, 3) if n_years else 0.0,
        "threads_fully_covered": sum(1 for r in results if len(r.covered) == len(r.expected)),
        "relevant_first": round(sum(len(r.first_relevant) for r in results) / n_years, 3) if n_years else 0.0,
        "extra_years": sum(len(r.extra) for r in results),
        "median_ms": round(statistics.median(r.ms for r in results), 1) if results else 0.0,
    }
    return results, summary
