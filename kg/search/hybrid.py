"""Score fusion: how dense, lexical and entity evidence combine into one ranking.

The weights were tuned on tests/eval/questions.jsonl (78 paraphrased
questions; see bench/README-search.md for the table of what was tried):

* dense score of a passage = 0.3 · cos(question, passage) + 0.7 · max cos(question, sentence
  or 0.95 · two adjacent sentences): MiniLM was trained on sentence pairs and truncates at
  256 word pieces, so the best single sentence is the stronger signal, the whole passage the
  tie-breaker; a pair catches an answer spread over two bullets or sentences, discounted
  because a longer text matches more questions loosely. Discount grid on the own set (R@10 /
  MRR): none 0.949 / 0.789, 0.85-0.93 0.949 / 0.787-0.794, 0.94-0.97 0.962 / 0.775-0.781,
  0.98-1.0 0.962 / 0.768-0.769 (another question lost); the dev set is unchanged throughout;
* lexical score = 0.7 · BM25(passage) + 0.3 · max BM25(sentence), each normalised;
* hybrid = 0.6 · dense + 0.4 · lexical, each min-max normalised over the top 100
  of its own ranking (scores below the 100th clip to 0), plus a small boost for
  passages that mention an entity the question names, weighted by its rarity;
* theme expansion: the labels of the theme (kg/ontology/themes.ttl) nearest to the
  question's embedding are a second BM25 query over the passages; the lexical score is
  0.9 · lexical(question) + 0.1 · BM25(theme labels), normalised like the rest.
  Weight grid on the own set (R@10): 0 -> 0.923, 0.05/0.07 -> 0.936, 0.1 -> 0.949 (kept,
  the smallest weight on the plateau), 0.15 -> 0.949, 0.3 -> 0.936; MRR moved within
  one question (0.789-0.797); dev set unchanged up to 0.3. Passage BM25 alone did as well
  as passage + sentence BM25, so the expansion costs one more passage BM25 query.

Min-max over a pool beat reciprocal-rank fusion (MRR 0.80 vs 0.77) and z-scores (0.79).
The entity boost is neutral on that set (its questions paraphrase names away); 0.1
already cost 0.006 MRR, so it stays small.
"""
from __future__ import annotations

import numpy as np

PASSAGE_WEIGHT = 0.3  # vs 0.7 for the best sentence, in the dense score
SENTENCE_LEXICAL_WEIGHT = 0.3  # vs 0.7 for the whole passage, in the lexical score
DENSE_WEIGHT = 0.6  # vs 0.4 for lexical, in the hybrid score
ENTITY_BOOST = 0.03  # per named entity, times its rarity (0..1)
THEME_EXPANSION = 0.1  # weight of the nearest theme's labels in the lexical score (grid above)
PAIR_DISCOUNT = 0.95  # a sentence pair's cosine counts at this weight against single sentences
POOL = 100  # normalisation pool and candidates taken from each index
SENTENCE_POOL = 200  # sentence candidates from the dense sentence index


def pool_minmax(scores: np.ndarray, pool: int = POOL, valid: np.ndarray | None = None) -> np.ndarray:
    """Scale to [0, 1] between the ``pool``-th best and the best score; lower scores clip to 0.

    >>> pool_minmax(np.array([1.0, 3.0, 2.0, 0.0]), pool=3).round(2).tolist()
    [0.0, 1.0, 0.5, 0.0]
    """
    s = np.asarray(scores, dtype=np.float32)
    vals = s if valid is None else s[valid]
    if vals.size == 0:
        return np.zeros_like(s)
    hi = float(vals.max())
    lo = float(np.partition(vals, vals.size - pool)[vals.size - pool]) if vals.size > pool else float(vals.min())
    if hi <= lo:
        out = (s >= hi).astype(np.float32) if hi > 0 else np.zeros_like(s)
    else:
        out = np.clip((s - lo) / (hi - lo), 0.0, 1.0)
    if valid is not None:
        out = np.where(valid, out, 0.0).astype(np.float32)
    return out


def dense_score(passage_cos: np.ndarray, best_sentence_cos: np.ndarray) -> np.ndarray:
    return PASSAGE_WEIGHT * passage_cos + (1.0 - PASSAGE_WEIGHT) * best_sentence_cos


def lexical_score(passage_bm25: np.ndarray, best_sentence_bm25: np.ndarray, valid: np.ndarray | None = None) -> np.ndarray:
    return (1.0 - SENTENCE_LEXICAL_WEIGHT) * pool_minmax(passage_bm25, valid=valid) + SENTENCE_LEXICAL_WEIGHT * pool_minmax(
        best_sentence_bm25, valid=valid
    )


def with_expansion(lexical_norm: np.ndarray, expansion_bm25: np.ndarray | None, valid: np.ndarray | None = None) -> np.ndarray:
    """Mix the question's lexical score with the BM25 of its expansion terms (weight THEME_EXPANSION).

    >>> [round(float(x), 2) for x in with_expansion(np.array([1.0, 0.0]), np.array([0.0, 2.0]))]
    [0.9, 0.1]
    """
    if expansion_bm25 is None or THEME_EXPANSION == 0 or not np.any(expansion_bm25 > 0):
        return lexical_norm
    return ((1.0 - THEME_EXPANSION) * lexical_norm + THEME_EXPANSION * pool_minmax(expansion_bm25, valid=valid)).astype(np.float32)


def hybrid_score(dense_norm: np.ndarray, lexical_norm: np.ndarray, boost: np.ndarray | None = None) -> np.ndarray:
    s = DENSE_WEIGHT * dense_norm + (1.0 - DENSE_WEIGHT) * lexical_norm
    return s if boost is None else s + boost
