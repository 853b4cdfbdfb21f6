"""Retrieval metrics over a question file: Recall@k, MRR and nDCG@10 per ranking mode.

A question file has one JSON object per line: ``{"id", "q", "gold": [..], "year"?, "doc"?}``.
A passage is relevant when its text contains one of the ``gold`` strings, both
whitespace-normalised.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kg.errors import SearchInputError
from kg.search.records import Metrics, Question
from kg.search.text import normalise_ws

MODES = ("hybrid", "dense", "lexical")
KS = (1, 5, 10)


def load_questions(path: Path) -> list[Question]:
    """Read a question file.

    Raises:
        SearchInputError: missing file, bad JSON or a question without ``q``/``gold``.
    """
    if not path.is_file():
        raise SearchInputError(f"question file {path} does not exist")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SearchInputError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        gold = r.get("gold")
        if not isinstance(r.get("q"), str) or not r["q"].strip() or isinstance(gold, str) or not gold:
            raise SearchInputError(f"{path}:{n}: each line needs a non-empty \"q\" and a non-empty \"gold\" list")
        out.append(Question(str(r.get("id", n)), r["q"], tuple(gold), r.get("year"), r.get("doc")))
    if not out:
        raise SearchInputError(f"{path} holds no questions")
    return out


def is_relevant(text: str, gold: Sequence[str]) -> bool:
    t = normalise_ws(text)
    return any(normalise_ws(g) in t for g in gold)


def question_scores(ranked: Sequence[str], gold: Sequence[str], n_relevant: int) -> tuple[int | None, float]:
    """(rank of the first relevant text or None, nDCG@10) for one ranked list of texts."""
    first = None
    dcg = 0.0
    for i, text in enumerate(ranked[:10], start=1):
        if is_relevant(text, gold):
            dcg += 1.0 / math.log2(i + 1)
            first = first or i
    if first is None:
        for i, text in enumerate(ranked[10:], start=11):
            if is_relevant(text, gold):
                first = i
                break
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(max(n_relevant, 1), 10) + 1))
    return first, dcg / ideal


def metrics(mode: str, ranks: Sequence[int | None], ndcgs: Sequence[float], ks: Iterable[int] = KS) -> Metrics:
    n = len(ranks)
    recall = {k: sum(1 for r in ranks if r is not None and r <= k) / n for k in ks}
    mrr = sum(1.0 / r for r in ranks if r is not None) / n
    return Metrics(mode, n, recall, mrr, sum(ndcgs) / n)


def evaluate(
    questions: Sequence[Question],
    search: Callable[[str, str], list[str]],
    corpus_texts: Sequence[str],
    modes: Sequence[str] = MODES,
) -> tuple[dict[str, Metrics], list[dict]]:
    """Run every question in every mode.

    Args:
        search: ``(question, mode) -> ranked passage texts`` (top 10 or more).
        corpus_texts: all passage texts, to count the relevant passages for nDCG.
    Returns:
        metrics per mode, and per-question details (rank of the first relevant hit per mode).
    """
    normed = [normalise_ws(t) for t in corpus_texts]
    per_mode: dict[str, tuple[list[int | None], list[float]]] = {m: ([], []) for m in modes}
    details = []
    for q in questions:
        gold = [normalise_ws(g) for g in q.gold]
        n_rel = sum(1 for t in normed if any(g in t for g in gold))
        row: dict = {"id": q.id, "q": q.q, "relevant_passages": n_rel}
        for m in modes:
            first, nd = question_scores(search(q.q, m), gold, n_rel)
            per_mode[m][0].append(first)
            per_mode[m][1].append(nd)
            row[m] = first
        details.append(row)
    return {m: metrics(m, r, d) for m, (r, d) in per_mode.items()}, details


def format_table(results: dict[str, Metrics]) -> str:
    """A plain-text table: one row per mode."""
    head = f"{'mode':<8} {'n':>4} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6} {'nDCG@10':>8}"
    lines = [head, "-" * len(head)]
    for m in results.values():
        lines.append(
            f"{m.mode:<8} {m.n:>4} {m.recall.get(1, 0):>6.3f} {m.recall.get(5, 0):>6.3f} "
            f"{m.recall.get(10, 0):>6.3f} {m.mrr:>6.3f} {m.ndcg10:>8.3f}"
        )
    return "\n".join(lines)
