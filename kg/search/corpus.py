"""The search corpus: the build's passages and entities, and the texts each index sees.

What is embedded for a passage is its section path and text, with the acronyms
it uses spelled out; each sentence is also embedded on its own (prefixed with
the passage's innermost section title) so that a question matching one
sentence of a long passage still finds it. The lexical index sees the document
title, the section path, the text and the acronym expansions.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.errors import IndexNotBuiltError, SearchError
from kg.search.records import EntityRow, PassageRow
from kg.search.text import Acronyms, normalise_ws, split_sentences

PASSAGES_FILE = "passages.jsonl"
ENTITIES_FILE = "entities.jsonl"
# Bump when what is embedded or tokenised changes: old indexes are then rebuilt.
TEXT_VERSION = "v2"  # v2: sentence pairs


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SearchError(f"{path}:{n}: not valid JSON ({exc.msg}); run `kg build` again") from exc
    return rows


def read_passages(build_dir: Path) -> list[PassageRow]:
    """Passages of a build, in file order (the order of the index rows).

    Raises:
        IndexNotBuiltError: the build has no passages.jsonl.
    """
    path = build_dir / PASSAGES_FILE
    if not path.is_file():
        raise IndexNotBuiltError(f"{path} is missing; run `kg build`")
    out = []
    for r in _read_jsonl(path):
        try:
            out.append(
                PassageRow(
                    id=r["id"],
                    iri=r["iri"],
                    doc_id=r["doc_id"],
                    doc_iri=r.get("doc_iri", ""),
                    doc_title=r.get("doc_title", r["doc_id"]),
                    year=r.get("year"),
                    genre=r.get("genre", ""),
                    section=tuple(r.get("section") or ()),
                    section_iri=r.get("section_iri"),
                    text=r["text"],
                    start=int(r.get("start", 0)),
                    end=int(r.get("end", 0)),
                    ordinal=int(r.get("ordinal", 0)),
                    entities=tuple(r.get("entities") or ()),
                )
            )
        except KeyError as exc:
            raise SearchError(f"{path}: passage without field {exc.args[0]!r}; run `kg build` again") from exc
    return out


def read_entities(build_dir: Path) -> list[EntityRow]:
    """Entities of a build; an absent entities.jsonl means none."""
    path = build_dir / ENTITIES_FILE
    if not path.is_file():
        return []
    return [
        EntityRow(
            iri=r["iri"],
            key=r.get("key", ""),
            label=r.get("label", ""),
            cls=r.get("class", r.get("cls", "")),
            alt_labels=tuple(r.get("alt_labels") or ()),
            passages=tuple(r.get("passages") or ()),
            docs=tuple(r.get("docs") or ()),
            years=tuple(r.get("years") or ()),
        )
        for r in _read_jsonl(path)
    ]


@dataclass
class SearchCorpus:
    """Passages plus the derived texts for the dense and lexical indexes."""

    passages: list[PassageRow]
    entities: list[EntityRow]
    acronyms: Acronyms
    dense_texts: list[str]  # embedded, one per passage
    lexical_texts: list[str]  # BM25, one per passage
    sentences: list[str]  # all sentences, passage by passage (display form)
    sentence_texts: list[str]  # embedded and BM25-indexed, one per sentence
    sentence_offsets: np.ndarray  # passage i owns sentences[offsets[i]:offsets[i+1]]
    pair_texts: list[str]  # embedded: each two adjacent sentences of a passage
    pair_offsets: np.ndarray  # passage i owns pair_texts[pair_offsets[i]:pair_offsets[i+1]]


def section_label(section: tuple[str, ...]) -> str:
    return " > ".join(section)


def _with_expansions(text: str, pairs: list[tuple[str, str]]) -> str:
    return text + " (" + "; ".join(f"{a}: {f}" for a, f in pairs) + ")" if pairs else text


def prepare(passages: list[PassageRow], entities: list[EntityRow]) -> SearchCorpus:
    """Derive every indexed text from the passages and the graph's entities.

    Embedded passage: "<section path>. <text> (<acronym>: <expansion>; ...)".
    Embedded sentence: "<section path>: <sentence> (<expansions>)" — the section
    gives a short sentence its topic. Embedded pair: the same for two adjacent sentences,
    for answers that a list or a paragraph spreads over two of them. Tuned on tests/eval/questions.jsonl
    (see bench/README-search.md).
    """
    acronyms = Acronyms.collect(
        [p.text for p in passages] + sorted({s for p in passages for s in p.section}),
        [(e.label, e.alt_labels) for e in entities],
    )
    dense, lexical, sentences, sentence_texts, pair_texts = [], [], [], [], []
    offsets, pair_offsets = [0], [0]
    for p in passages:
        text = normalise_ws(p.text)
        head = section_label(p.section)
        expansions = acronyms.found(text + " " + head)
        dense.append(_with_expansions(f"{head}. {text}" if head else text, expansions))
        lexical.append(" ".join([p.doc_title, head, text, " ".join(f for _, f in expansions)]))
        own = [normalise_ws(sent) for sent in split_sentences(p.text)]
        for sent in own:
            sentences.append(sent)
            sentence_texts.append(_with_expansions(f"{head}: {sent}" if head else sent, acronyms.found(sent)))
        for a, b in zip(own, own[1:]):
            pair = f"{a} {b}"
            pair_texts.append(_with_expansions(f"{head}: {pair}" if head else pair, acronyms.found(pair)))
        offsets.append(len(sentences))
        pair_offsets.append(len(pair_texts))
    return SearchCorpus(
        passages=passages,
        entities=entities,
        acronyms=acronyms,
        dense_texts=dense,
        lexical_texts=lexical,
        sentences=sentences,
        sentence_texts=sentence_texts,
        sentence_offsets=np.asarray(offsets, dtype=np.int64),
        pair_texts=pair_texts,
        pair_offsets=np.asarray(pair_offsets, dtype=np.int64),
    )
