"""Precision and recall of named-entity extraction against a hand-annotated list.

The gold file (``tests/eval/entities.jsonl``) lists, per document, the named entities
a reader found in a scope of lines (``entities_scope.json``). An extracted entity
counts as correct when its label or one of its aliases equals (after normalising case,
punctuation and quotes) the gold name or one of its aliases.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from kg.build.corpus import CorpusDocument
from kg.records import Extraction

NAMED = {"Unit", "Programme", "Initiative", "Strategy", "Organisation", "Person", "Place"}


def norm(name: str) -> str:
    n = name.lower().replace("’", "'").replace("‘", "'")
    n = re.sub(r"^(the|operation|op)\s+", "", n)
    n = re.sub(r"['\"“”]", "", n)
    n = re.sub(r"\s+(programme|programmes)$", "", n)
    n = n.replace("taskforce", "task force").replace("&", "and")
    return re.sub(r"[^a-z0-9]+", " ", n).strip()


@dataclass
class Score:
    doc: str
    predicted: int
    gold: int
    true_pos_pred: int
    true_pos_gold: int
    false_positives: list[str]
    missed: list[str]

    @property
    def precision(self) -> float:
        return self.true_pos_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_pos_gold / self.gold if self.gold else 0.0


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def evaluate(corpus: list[CorpusDocument], ext: Extraction, gold_path: Path, scope_path: Path) -> list[Score]:
    """Score the extraction per document against the gold list."""
    gold: dict[str, list[dict]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold.setdefault(g["doc"], []).append(g)
    scope = json.loads(scope_path.read_text(encoding="utf-8"))
    by_pid = {p.id: (d, p) for d in corpus for p in d.passages}
    scores = []
    for doc in corpus:
        if doc.meta.id not in gold:
            continue
        rng = scope.get(doc.meta.id)
        predicted: dict[str, set[str]] = {}
        for m in ext.mentions:
            d, p = by_pid[m.passage]
            if d.meta.id != doc.meta.id:
                continue
            item = ext.items.get(m.entity)
            if item is None or item.cls not in NAMED:
                continue
            if rng:
                line = _line_of(doc.parsed.text, p.start)
                if not (rng[0] <= line <= rng[1]):
                    continue
            predicted[item.key] = {norm(item.label), *(norm(a) for a in item.alt_labels)}
        gold_names = [{norm(g["name"]), *(norm(a) for a in g.get("aliases", []))} for g in gold[doc.meta.id]]
        tp_pred = [k for k, names in predicted.items() if any(names & g for g in gold_names)]
        tp_gold = [g for g in gold_names if any(names & g for names in predicted.values())]
        fps = sorted(ext.items[k].label for k in predicted if k not in tp_pred)
        missed = sorted(g["name"] for g, names in zip(gold[doc.meta.id], gold_names) if names not in tp_gold)
        scores.append(Score(doc.meta.id, len(predicted), len(gold_names), len(tp_pred), len(tp_gold), fps, missed))
    return scores


def summarise(scores: list[Score]) -> dict:
    pred = sum(s.predicted for s in scores)
    gold = sum(s.gold for s in scores)
    return {
        "precision": round(sum(s.true_pos_pred for s in scores) / pred, 3) if pred else 0.0,
        "recall": round(sum(s.true_pos_gold for s in scores) / gold, 3) if gold else 0.0,
        "per_document": {s.doc: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "predicted": s.predicted, "gold": s.gold} for s in scores},
    }
