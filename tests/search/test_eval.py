"""Metrics on hand-made rankings, and question files."""
import json

import pytest

from kg.errors import SearchInputError
from kg.search.eval import (
    evaluate,
    format_table,
    is_relevant,
    load_questions,
    question_scores,
)
from kg.search.records import Question


def test_relevance_is_whitespace_normalised():
    assert is_relevant("the Met has\nconcluded   431 hearings", ["has concluded 431"])
    assert not is_relevant("the Met has concluded 431 hearings", ["432"])


def test_question_scores():
    first, ndcg = question_scores(["a", "b gold", "c"], ["gold"], 1)
    assert first == 2 and ndcg == pytest.approx(1 / 1.584962500721156)
    assert question_scores(["gold"], ["gold"], 1) == (1, 1.0)
    assert question_scores(["x"] * 12 + ["gold"], ["gold"], 1) == (13, 0.0)
    assert question_scores(["x"], ["gold"], 1) == (None, 0.0)


def test_evaluate_per_mode():
    corpus = ["alpha gold one", "beta", "gamma gold two"]
    qs = [Question("1", "q1", ("gold one",)), Question("2", "q2", ("gold two",))]
    rankings = {"hybrid": corpus, "dense": list(reversed(corpus)), "lexical": ["beta"]}
    results, details = evaluate(qs, lambda q, m: rankings[m], corpus)
    h, d, lx = results["hybrid"], results["dense"], results["lexical"]
    assert h.recall[1] == 0.5 and h.recall[10] == 1.0 and h.mrr == pytest.approx((1 + 1 / 3) / 2)
    assert d.mrr == pytest.approx((1 / 3 + 1) / 2)
    assert lx.mrr == 0 and lx.recall[10] == 0
    assert details[0] == {"id": "1", "q": "q1", "relevant_passages": 1, "hybrid": 1, "dense": 3, "lexical": None}
    assert "hybrid" in format_table(results)


def test_load_questions(tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text(json.dumps({"id": "a", "q": "What?", "gold": ["x"], "year": 2006, "doc": "d"}) + "\n\n")
    assert load_questions(f) == [Question("a", "What?", ("x",), 2006, "d")]
    f.write_text('{"q": "no gold"}\n')
    with pytest.raises(SearchInputError, match="gold"):
        load_questions(f)
    f.write_text("{not json\n")
    with pytest.raises(SearchInputError, match=":1:"):
        load_questions(f)
    with pytest.raises(SearchInputError, match="does not exist"):
        load_questions(tmp_path / "missing.jsonl")
