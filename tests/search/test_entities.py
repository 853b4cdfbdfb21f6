"""Entity lookup tolerant of case, punctuation, plurals and acronyms."""
import pytest

from kg.search.entities import EntityIndex, norm_name
from kg.search.records import EntityRow

ROWS = [
    EntityRow("https://x/id/unit/stac", "unit/stac", "Stalking Threat Assessment Centre", "Unit"),
    EntityRow("https://x/id/org/mps", "org/mps", "Metropolitan Police Service", "Organisation", ("MPS", "Metropolitan Police")),
    EntityRow("https://x/id/unit/caits", "unit/caits", "Child Abuse Investigation Teams", "Unit", ("CAITs",)),
    EntityRow("https://x/id/org/mopac", "org/mopac", "MOPAC", "Organisation", ("Mayor's Office for Policing and Crime",)),
    EntityRow("https://x/id/init/op-trident", "init/op-trident", "Operation Trident", "Initiative", ("Trident",)),
]


@pytest.fixture(scope="module")
def index():
    return EntityIndex(ROWS)


@pytest.mark.parametrize(
    "name, iri",
    [
        ("STAC", "https://x/id/unit/stac"),
        ("stac", "https://x/id/unit/stac"),
        ("S.T.A.C.", "https://x/id/unit/stac"),
        ("Stalking Threat Assessment Centre", "https://x/id/unit/stac"),
        ("the stalking threat-assessment centre", "https://x/id/unit/stac"),
        ("MPS", "https://x/id/org/mps"),
        ("metropolitan police", "https://x/id/org/mps"),
        ("CAIT", "https://x/id/unit/caits"),
        ("child abuse investigation team", "https://x/id/unit/caits"),
        ("mayors office for policing & crime", "https://x/id/org/mopac"),
        ("Op Trident", "https://x/id/init/op-trident"),
    ],
)
def test_lookup(index, name, iri):
    hits = index.lookup(name)
    assert hits and hits[0].iri == iri, (name, hits[:2])


def test_scores_rank_exact_above_loose(index):
    exact = index.lookup("Stalking Threat Assessment Centre")[0]
    assert exact.score == 1.0 and exact.matched == "Stalking Threat Assessment Centre"
    assert index.lookup("STAC")[0].score == pytest.approx(0.9)
    assert index.lookup("nothing like it") == []


def test_resolve_and_in_text(index):
    assert index.resolve("https://x/id/org/mps") == 1
    assert index.resolve("org/mps") == 1
    assert index.resolve("MPS") == 1
    assert index.resolve("police") is None  # too loose for a filter
    found = index.in_text("How did the Metropolitan Police Service and MOPAC fund the STAC?")
    assert [ROWS[i].key for i in found] == ["org/mps", "org/mopac"]


def test_norm_name():
    assert norm_name("The Mayor’s Office") == "mayors office"
    assert norm_name("Policing & Crime") == "policing and crime"


def test_searcher_lookup(searcher):
    refs = searcher.lookup_entities("the met")
    assert refs[0].label == "Metropolitan Police Service" and refs[0].cls == "Organisation"
    assert searcher.lookup_entities("STAC")[0].iri.endswith("/unit/stalking-threat-assessment-centre")
