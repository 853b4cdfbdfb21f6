"""Cross-year linking: one IRI per real-world entity across documents."""
from __future__ import annotations

import pytest


def years_of(extraction, corpus, key):
    year = {p.id: d.meta.year for d in corpus for p in d.passages}
    return sorted({year[p] for p in extraction.items[key].passages})


def find(extraction, label):
    hits = [i for i in extraction.items.values() if i.label == label or label in i.alt_labels]
    assert hits, f"no entity labelled {label!r}"
    return hits[0]


@pytest.mark.parametrize(
    "label,years",
    [
        ("Stalking Threat Assessment Centre", [2017, 2018]),
        ("Trident", [2006, 2018]),
        ("Jigsaw", [2006, 2017]),
        ("Empress State Building", [2006, 2018]),
        ("Crown Prosecution Service", [2006, 2017, 2018]),
    ],
)
def test_entities_linked_across_years(seed_extraction, seed_corpus, label, years):
    item = find(seed_extraction, label)
    assert set(years) <= set(years_of(seed_extraction, seed_corpus, item.key))


def test_acronyms_become_alt_labels(seed_extraction):
    assert "VCTF" in find(seed_extraction, "Violent Crime Task Force").alt_labels
    assert "SENP" in find(seed_extraction, "Strongest Ever Neighbourhood Policing").alt_labels
    assert "CPS" in find(seed_extraction, "Crown Prosecution Service").alt_labels


def test_every_mention_points_at_its_text(seed_extraction, seed_corpus):
    text = {p.id: p.text for d in seed_corpus for p in d.passages}
    for m in seed_extraction.mentions:
        assert text[m.passage][m.start:m.end] == m.surface
        assert m.entity in seed_extraction.items
        assert m.passage in seed_extraction.items[m.entity].passages


def test_keys_are_stable_between_runs(seed_corpus, seed_extraction):
    from kg.build.pipeline import extract

    again = extract(seed_corpus)
    assert set(again.items) == set(seed_extraction.items)
