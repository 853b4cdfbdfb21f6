from __future__ import annotations

from pathlib import Path

import pytest

from kg.catalog import load_catalog
from kg.errors import CatalogError


def _edit(seeds: Path, old: str, new: str) -> None:
    p = seeds / "catalog.toml"
    p.write_text(p.read_text().replace(old, new, 1))


def test_catalog_reads_all_entries(tiny_seeds):
    docs = load_catalog(tiny_seeds)
    assert [d.id for d in docs] == ["insp-2009", "plan-2019-q3", "board-2021"]
    assert docs[1].year == 2020 and docs[1].genre == "business_plan_update"


def test_unknown_field_is_named(tiny_seeds):
    _edit(tiny_seeds, 'genre = "inspection_report"', 'genre = "inspection_report"\nauthor = "me"')
    with pytest.raises(CatalogError, match=r"unknown catalog field\(s\) \['author'\]"):
        load_catalog(tiny_seeds)


@pytest.mark.parametrize(
    "old,new,message",
    [
        ('issued = "2009-10-01"', 'issued = "October 2009"', "ISO date"),
        ('genre = "inspection_report"', 'genre = "novel"', "must be one of"),
        ('file = "inspection.txt"', 'file = "missing.txt"', "does not exist"),
        ('id = "plan-2019-q3"', 'id = "insp-2009"', "duplicate document id"),
        ('publisher = "HMIC"\n', "", "missing catalog field"),
    ],
)
def test_bad_entries(tiny_seeds, old, new, message):
    _edit(tiny_seeds, old, new)
    with pytest.raises(CatalogError, match=message):
        load_catalog(tiny_seeds)


def test_missing_catalog(tmp_path):
    with pytest.raises(CatalogError, match="no catalog.toml"):
        load_catalog(tmp_path)


def test_shipped_catalog_is_complete():
    docs = load_catalog(Path(__file__).resolve().parents[2] / "seeds")
    assert {d.genre for d in docs} == {"inspection_report", "business_plan_update", "oversight_board_paper"}
    assert sorted(d.year for d in docs) == [2006, 2017, 2018, 2022, 2023]
