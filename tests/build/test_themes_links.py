"""Theme assignment and evolution-link suggestion on small hand-made inputs."""
from __future__ import annotations

import numpy as np
import pytest

from kg.build.evolve import apply_reviewed, read_reviewed, suggest_links
from kg.build.themes import Theme, ThemeTagger, entity_themes, load_themes
from kg.errors import CatalogError
from kg.records import Extraction, Item

THEMES = [
    Theme("t:stop", "Stop and search", ("stop and search", "PACE stop"), "Use of stop and search powers."),
    Theme("t:knife", "Knife crime", ("knife crime", "weapon sweeps"), "Knife and weapon crime."),
]


def test_shipped_scheme_loads_with_labels_and_definitions():
    themes = load_themes()
    assert 20 <= len(themes) <= 40
    assert all(t.label and t.definition and t.alt_labels for t in themes)
    assert any(t.label.lower() == "stop and search" for t in themes)


def test_lexical_assignment_records_method_and_evidence():
    tagger = ThemeTagger(THEMES)
    out = tagger.assign(["p1", "p2"], ["Officers used stop and search and PACE stops.", "Nothing relevant here."])
    assert [(a.target, a.theme, a.method) for a in out] == [("p1", "t:stop", "lexical")]
    assert out[0].score > 0.6 and out[0].evidence == ["pace stop", "stop and search"]


def test_a_plural_is_the_same_phrase_not_more_evidence():
    # "PACE stop" and "PACE stops" are one alias: one phrase, the base score
    tagger = ThemeTagger(THEMES)
    [(i, score, evidence)] = tagger.lexical("One PACE stop, then two more PACE stops.")
    assert THEMES[i].iri == "t:stop" and score == 0.6 and evidence == ["pace stop"]


def test_embedding_and_both():
    # a fake encoder: texts about knives point one way, everything else the other
    def encode(texts):
        return np.array([[1.0, 0.0] if "knife" in t.lower() or "blade" in t.lower() else [0.0, 1.0] for t in texts], dtype=np.float32)

    tagger = ThemeTagger(THEMES, encode)
    out = {(a.target, a.theme): a.method for a in tagger.assign(["a", "b"], ["Blades seized in sweeps.", "Knife crime fell."])}
    assert out[("a", "t:knife")] == "embedding"
    assert out[("b", "t:knife")] == "both"


def test_entity_themes_from_name_and_passages():
    tagger = ThemeTagger(THEMES)
    passages = {p: tagger.assign([p], ["knife crime again"]) for p in ("p1", "p2")}
    out = entity_themes(tagger, {"unit/x": ("Knife Crime Unit", ["p1", "p2"]), "unit/y": ("Other", ["p1", "p9"])}, passages)
    got = {(a.target, a.method) for a in out}
    assert ("unit/x", "both") in got and ("unit/y", "lexical") in got


def _item(key, cls, label, passages):
    it = Item(key, cls, label)
    it.passages = list(passages)
    return it


def test_suggested_links_part_of_successor_related():
    ext = Extraction()
    ext.add(_item("programme/safer-neighbourhoods", "Programme", "Safer Neighbourhoods", ["a1", "a2"]))
    ext.add(_item("unit/safer-neighbourhoods-teams", "Unit", "Safer Neighbourhoods teams", ["a2"]))
    ext.add(_item("programme/ward-officers", "Programme", "Neighbourhood Ward Officers", ["b1"]))
    ext.add(_item("unit/other", "Unit", "Other Unit", ["a1", "a2"]))
    years = {"a1": 2006, "a2": 2006, "b1": 2017}
    vecs = {"a1": np.array([1.0, 0.0]), "a2": np.array([0.9, 0.1]), "b1": np.array([0.95, 0.05])}
    themes = {k: {"t:nhp"} for k in ext.items}
    links = {(lk.source, lk.relation, lk.target) for lk in suggest_links(ext, years, vecs, themes)}
    assert ("unit/safer-neighbourhoods-teams", "partOf", "programme/safer-neighbourhoods") in links
    assert ("programme/safer-neighbourhoods", "predecessorOf", "programme/ward-officers") in links
    assert any(rel == "relatedTo" for _, rel, _ in links)
    assert all(lk.status == "suggested" and 0 <= lk.confidence <= 1 for lk in suggest_links(ext, years, vecs, themes))


def test_reviewed_file_confirms_and_rejects(tmp_path):
    (tmp_path / "reviewed-links.toml").write_text(
        '[[link]]\nsource = "a"\nrelation = "predecessorOf"\ntarget = "b"\nnote = "checked"\n'
        '[[link]]\nsource = "a"\nrelation = "relatedTo"\ntarget = "c"\ndecision = "rejected"\n'
        '[[link]]\nsource = "zz"\nrelation = "relatedTo"\ntarget = "c"\n'
    )
    from kg.build.evolve import Link

    warnings = []
    links = apply_reviewed([Link("a", "relatedTo", "c", 0.5, "suggested")], read_reviewed(tmp_path), {"a", "b", "c"}, warnings.append)
    assert [(lk.id, lk.status, lk.confidence) for lk in links] == [("a|predecessorOf|b", "reviewed", 1.0)]
    assert warnings and "zz" in warnings[0]


@pytest.mark.parametrize("body,message", [
    ('[[link]]\nsource = "a"\nrelation = "causes"\ntarget = "b"\n', "relation must be one of"),
    ('[[link]]\nsource = "a"\nrelation = "partOf"\ntarget = "b"\nweight = 2\n', "unknown field"),
    ("[[link]\n", "not valid TOML"),
])
def test_bad_reviewed_file(tmp_path, body, message):
    (tmp_path / "reviewed-links.toml").write_text(body)
    with pytest.raises(CatalogError, match=message):
        read_reviewed(tmp_path)
