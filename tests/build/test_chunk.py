from __future__ import annotations

import re

from kg.build.chunk import MAX_WORDS, chunk
from kg.build.corpus import item_boundary, load_corpus
from kg.build.parse import parse_text
from kg.records import DocumentMeta

META = DocumentMeta("d", "d.txt", "T", "MPS", "2017-10-01", "2017-07-01", "2017-09-30", "business_plan_update", "x")


def test_passages_never_cross_sections_and_respect_sizes(seed_corpus):
    for doc in seed_corpus:
        for p in doc.passages:
            sections = {doc.blocks[i].section for i in p.blocks}
            assert sections == {p.section}
            if p.kind != "table_row":
                assert p.words <= MAX_WORDS


def test_table_rows_are_whole(seed_corpus):
    board = next(d for d in seed_corpus if d.meta.genre == "oversight_board_paper" and d.meta.year == 2022)
    rows = [b for b in board.blocks if b.kind == "table_row" and b.number]
    for i, b in enumerate(board.blocks):
        if b in rows:
            holders = [p for p in board.passages if i in p.blocks]
            assert len(holders) == 1 and b.text in holders[0].text


def test_milestone_starts_a_passage_with_its_progress():
    text = "\n\n".join([
        "## Priorities", "Some context about knife crime in London this quarter and what we did about it.",
        'Q2 milestone: "Launch the new unit"', "The unit was launched in July.",
        'Q3 forthcoming milestone: "Train all officers"', "Training is on track.",
    ])
    doc = parse_text(text, META)
    passages = chunk(doc, boundary=item_boundary(META.genre), min_words=5)
    texts = [p.text for p in passages]
    assert any(t.startswith('Q2 milestone: "Launch the new unit"') and "launched in July" in t for t in texts)
    assert any(t.startswith('Q3 forthcoming milestone') and "on track" in t for t in texts)


def test_ids_are_stable_and_unique(tiny_seeds):
    a = [p.id for d in load_corpus(tiny_seeds) for p in d.passages]
    b = [p.id for d in load_corpus(tiny_seeds) for p in d.passages]
    assert a == b and len(set(a)) == len(a)
    assert all(re.fullmatch(r"[a-z0-9-]+/[0-9a-f]{12}", pid) for pid in a)


def test_offsets_cover_the_passage_text(seed_corpus):
    for doc in seed_corpus:
        for p in doc.passages[:50]:
            src = doc.parsed.text[p.start:p.end]
            first = p.text.lstrip("• ").split()[0].strip("\"“'|")
            assert first[:4] in src
