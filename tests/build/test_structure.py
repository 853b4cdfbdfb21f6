"""Genre extraction, on the tiny hand-made corpus (new documents of each kind) and on the seeds."""
from __future__ import annotations

from collections import Counter

import pytest

from kg.build.corpus import load_corpus
from kg.build.extract.structure import infer_status
from kg.build.pipeline import extract


@pytest.fixture()
def tiny(tiny_seeds):
    return extract(load_corpus(tiny_seeds))


def items(ext, cls, doc=None):
    return [i for i in ext.items.values() if i.cls == cls and (doc is None or i.doc_id == doc)]


def test_inspection_areas_grades_distribution_and_findings(tiny):
    areas = {a.props["number"][0]: a for a in items(tiny, "Assessment")}
    assert set(areas) == {"1A", "2A"}
    a = areas["1A"]
    assert a.props["grade"] == ["Good"]
    assert a.props["directionOfTravel"] == ["Improved"]  # missing in the grade box, filled from the summary table
    assert (a.props["nationalPoor"], a.props["nationalExcellent"]) == ([1], [1])
    assert areas["2A"].props["directionOfTravel"] == ["Stable"]
    kinds = Counter((f.links["partOf"][0], f.props["findingType"][0]) for f in items(tiny, "Finding"))
    assert kinds[("assessment/insp-2009/1a", "strength")] == 2
    assert kinds[("assessment/insp-2009/1a", "area for improvement")] == 1
    assert kinds[("assessment/insp-2009/2a", "good practice")] == 1
    assert all(f.passages for f in items(tiny, "Finding"))


def test_business_plan_milestones(tiny):
    ms = {m.props["text"][0]: m for m in items(tiny, "Milestone")}
    assert ms["Launch the Knife Crime Reduction Taskforce"].props["status"] == ["delivered"]
    assert ms["Complete the roll out of tablets to 5,000 officers"].props["status"] == ["some delay"]
    assert ms["Open the new custody centre in the north of the city"].props["status"] == ["not achieved"]
    fwd = ms["Publish the new Neighbourhood Policing Strategy"]
    assert fwd.props["status"] == ["on track"] and fwd.props["milestoneKind"] == ["forthcoming"]
    assert fwd.props["quarter"] == ["Q4 2019-20"]
    assert ms["Recruitment of 300 detectives complete"].props["status"] == ["delivered"]
    launch = ms["Launch the Knife Crime Reduction Taskforce"]
    assert launch.links["programme"] == ["programme/one-met-model-programme-3"]
    assert launch.links["statusEvidence"][0].startswith("passage:plan-2019-q3/")
    prog = tiny.items["programme/one-met-model-programme-3"]
    assert prog.props["number"] == [3] and prog.links["partOf"] == ["programme/one-met-model"]


def test_oversight_actions_strands_paragraphs(tiny):
    actions = {a.props["number"][0]: a for a in items(tiny, "Action")}
    assert sorted(actions) == [1, 2, 3]
    assert actions[2].props["ragStatus"] == ["LG"] and actions[2].props["status"] == ["in progress"]
    assert "will finish in spring 2021" in actions[2].props["progress"][0]  # continued after a page break
    assert actions[1].props["commitment"] == ["Review the use of handcuffs in custody"]
    assert [s.props["number"][0] for s in items(tiny, "Strand")] == [1, 2]
    assert {p.props["number"][0] for p in items(tiny, "NumberedParagraph")} == {"4.1", "4.2"}
    assert len(items(tiny, "Recommendation")) == 1


@pytest.mark.parametrize(
    "text,status",
    [
        ("The review is on track: the group has met twice.", "on track"),
        ("This was delivered early.", "delivered"),
        ("The roll out began with a slight delay. It will complete in April.", "some delay"),
        ("Unfortunately the funding bid was not successful.", "not achieved"),
        ("We are supporting MOPAC in the review, to be published in Quarter 3.", "on track"),
        ("All officers will have completed the training by January.", "on track"),
    ],
)
def test_status_inference(text, status):
    assert infer_status(text)[0] == status


# ---- the shipped seeds: every structural item the documents contain

def test_seed_inspection_has_all_23_graded_areas(seed_extraction):
    areas = items(seed_extraction, "Assessment", "hmic-2006-baseline")
    assert len(areas) == 23
    assert all(a.props.get("grade") and a.props.get("directionOfTravel") for a in areas)
    assert all(len(a.props) >= 8 for a in areas)  # grade, direction and the national distribution
    grades = Counter(a.props["grade"][0] for a in areas)
    assert grades == Counter({"Good": 12, "Fair": 8, "Excellent": 3})
    assert len(items(seed_extraction, "Domain", "hmic-2006-baseline")) == 7


def test_seed_business_plan_milestones(seed_extraction):
    m17 = items(seed_extraction, "Milestone", "mps-bp-2017-18-q2")
    m18 = items(seed_extraction, "Milestone", "mps-bp-2018-19-q1")
    assert len(m17) == 34 and len(m18) == 4
    assert {m.props["quarter"][0] for m in m17} == {"Q2 2017-18", "Q3 2017-18"}
    assert all(m.links.get("statusEvidence") for m in m17 + m18)
    dwo = next(m for m in m17 if "Dedicated Ward Officers" in m.props["text"][0])
    assert dwo.links["programme"] == ["programme/one-met-model-programme-3"]
    assert seed_extraction.items["programme/one-met-model-programme-3"].label.endswith("Strengthening local policing")


def test_seed_oversight_actions_match_the_papers_own_count(seed_extraction):
    actions = items(seed_extraction, "Action", "mopac-2022-04-map")
    assert sorted(a.props["number"][0] for a in actions) == list(range(1, 24))
    # the paper: "17 are complete (dark green) ... 6 are in progress and on track (pale green)"
    assert Counter(a.props["ragStatus"][0] for a in actions) == Counter({"G": 17, "LG": 6})
