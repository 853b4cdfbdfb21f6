"""Stand-in for the graph build's search inputs: passages.jsonl and entities.jsonl.

Used by the tests (tiny hand-written corpus) and, when no ``kg build`` output
exists, by the slow tests on the seed corpus (passages from ``load_corpus``,
entities from the tiny list given).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from kg.iris import Minter


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def seed_passages(seeds_dir: Path, base_iri: str) -> list[dict]:
    from kg.build.corpus import load_corpus

    mint = Minter(base_iri)
    rows = []
    for doc in load_corpus(seeds_dir):
        for p in doc.passages:
            rows.append(
                {
                    "id": p.id,
                    "iri": mint.passage(p.id),
                    "doc_id": doc.meta.id,
                    "doc_iri": mint.document(doc.meta.id),
                    "doc_title": doc.meta.title,
                    "year": doc.meta.year,
                    "genre": doc.meta.genre,
                    "section": list(p.section),
                    "section_iri": mint.section(doc.meta.id, p.section) if p.section else None,
                    "text": p.text,
                    "start": p.start,
                    "end": p.end,
                    "ordinal": p.ordinal,
                    "entities": [],
                }
            )
    return rows


def write_seed_build(build_dir: Path, seeds_dir: Path, base_iri: str, entities: list[dict] | None = None) -> Path:
    write_jsonl(build_dir / "passages.jsonl", seed_passages(seeds_dir, base_iri))
    write_jsonl(build_dir / "entities.jsonl", entities or [])
    (build_dir / "manifest.json").write_text(json.dumps({"id": build_dir.name, "source": "tests/search/buildfiles.py"}))
    return build_dir


# A tiny hand-written corpus: three documents, eight passages, five entities.
TINY_DOCS = {
    "hmic-2006": ("Baseline Assessment 2006", 2006, "inspection_report"),
    "bp-2017": ("Business Plan update 2017-18 Q2", 2017, "business_plan_update"),
    "trust-2023": ("More Trust Update 2023", 2023, "oversight_board_paper"),
}
TINY_PASSAGES = [
    ("hmic-2006", ["Protecting Vulnerable People", "Missing Persons"],
     "There are approximately 26,000 missing persons reported each year, of whom 15,600 are children. "
     "Missing persons units are now in place in 31 out of 32 boroughs."),
    ("hmic-2006", ["Protecting Vulnerable People", "Child Abuse"],
     "The child abuse investigation command (CAIC) is led by a commander. "
     "The CAIC comprises 19 CAITs providing support to 32 London boroughs."),
    ("hmic-2006", ["Specialist Support", "Firearms"],
     "CO19 provides firearms training for armed officers. "
     "Gravesend cannot provide the training places necessary to maintain proficiency."),
    ("bp-2017", ["Keeping people safe", "Stalking"],
     "The Stalking Threat Assessment Centre opened this quarter. "
     "STAC brings police and health services together to assess the risk posed by stalkers."),
    ("bp-2017", ["Acquisitive crime", "Moped crime"],
     "Moped thefts fell by a third this quarter. "
     "Officers used forensic tagging and tactical contact to stop thieves fleeing on mopeds."),
    ("bp-2017", ["A safer city", "Knife crime"],
     "Operations before the carnival recovered 27 guns and more than 300 knives. "
     "Weapon sweeps were carried out in every borough."),
    ("trust-2023", ["Raising standards"],
     "51 officers have been dismissed for gross misconduct. "
     "The Met has suspended 144 officers and concluded 431 gross misconduct hearings."),
    ("trust-2023", ["Neighbourhood policing"],
     "The Met will recruit an additional 500 PCSOs using MOPAC funding. "
     "Engagement events are planned in all 12 BCUs."),
]
TINY_ENTITIES = [
    ("unit/stalking-threat-assessment-centre", "Stalking Threat Assessment Centre", "Unit", [], [3]),
    ("organisation/metropolitan-police-service", "Metropolitan Police Service", "Organisation", ["MPS", "the Met"], [6, 7]),
    ("unit/co19", "CO19", "Unit", ["Specialist Firearms Command"], [2]),
    ("unit/child-abuse-investigation-command", "Child Abuse Investigation Command", "Unit", ["CAIC"], [1]),
    ("organisation/mopac", "Mayor's Office for Policing and Crime", "Organisation", ["MOPAC"], [7]),
]


def tiny_rows(base_iri: str, texts: list[str] | None = None) -> tuple[list[dict], list[dict]]:
    """passages.jsonl and entities.jsonl rows of the tiny corpus (optionally with other texts)."""
    from kg.build.chunk import passage_id

    mint = Minter(base_iri)
    passages: list[dict] = []
    offsets: dict[str, int] = {}
    for n, (doc, section, text) in enumerate(TINY_PASSAGES):
        text = texts[n] if texts else text
        title, year, genre = TINY_DOCS[doc]
        pid = passage_id(doc, tuple(section), text)
        start = offsets.get(doc, 0)
        offsets[doc] = start + len(text) + 2
        passages.append({
            "id": pid, "iri": mint.passage(pid), "doc_id": doc, "doc_iri": mint.document(doc), "doc_title": title,
            "year": year, "genre": genre, "section": section, "section_iri": mint.section(doc, tuple(section)),
            "text": text, "start": start, "end": start + len(text), "ordinal": n, "entities": [],
        })
    entities = []
    for key, label, cls, alts, rows in TINY_ENTITIES:
        iri = mint.item(key)
        for r in rows:
            passages[r]["entities"].append(iri)
        entities.append({
            "iri": iri, "key": key, "label": label, "class": cls, "alt_labels": alts,
            "passages": [passages[r]["id"] for r in rows],
            "docs": sorted({passages[r]["doc_id"] for r in rows}),
            "years": sorted({passages[r]["year"] for r in rows}),
        })
    return passages, entities


def make_build(data_dir: Path, passages: list[dict], entities: list[dict], build_id: str = "b1") -> Path:
    """Write a build directory with the two files and point ``current`` at it."""
    root = data_dir / "builds" / build_id
    write_jsonl(root / "passages.jsonl", passages)
    write_jsonl(root / "entities.jsonl", entities)
    (root / "manifest.json").write_text(json.dumps({"build_id": build_id}), encoding="utf-8")
    link = data_dir / "current"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path("builds") / build_id)
    return root
