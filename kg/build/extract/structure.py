"""Structural items by genre, reusable for any document of that genre.

- inspection reports: graded areas (Assessment) with grade, direction of travel and
  national grade distribution; strengths / areas for improvement / work in progress /
  good practice as Findings of the area; domains.
- business plan updates: milestones with quarter, programme and a status inferred
  from the progress text (with the sentence that decided it as evidence).
- oversight board papers: numbered actions with commitment, progress and RAG status;
  strands; numbered paragraphs; recommendations.
"""
from __future__ import annotations

import difflib
import re

from kg.build.corpus import CorpusDocument
from kg.build.chunk import split_sentences
from kg.iris import slug
from kg.records import Block, Extraction, Item

GRADES = ("Excellent", "Good", "Fair", "Poor")
DIRECTIONS = {"improved": "Improved", "stable": "Stable", "declined": "Declined", "not graded": "Not Graded"}
FINDING_HEADINGS = {
    "strengths": "strength",
    "areas for improvement": "area for improvement",
    "work in progress": "work in progress",
    "good practice": "good practice",
}
RESET_HEADINGS = ("national grade distribution", "contextual factors", "national position", "national context")
RAG = {"G": "complete", "LG": "in progress", "A": "some delay", "AG": "in progress", "R": "not achieved", "RA": "some delay"}


class _Ctx:
    """Block -> passage lookup for provenance."""

    def __init__(self, doc: CorpusDocument):
        self.doc = doc
        self.by_block: dict[int, str] = {}
        for p in doc.passages:
            for b in p.blocks:
                self.by_block.setdefault(b, p.id)

    def passage_of(self, index: int) -> str | None:
        """The passage holding block ``index``, or the next passage after it (for headings)."""
        if index in self.by_block:
            return self.by_block[index]
        for j in range(index + 1, len(self.doc.blocks)):
            if j in self.by_block:
                return self.by_block[j]
        return None

    def item(self, key: str, cls: str, label: str, block: int) -> Item:
        it = Item(key=key, cls=cls, label=label, doc_id=self.doc.meta.id)
        pid = self.passage_of(block)
        if pid:
            it.add_passage(pid)
        it.add_prop("year", self.doc.meta.year)
        return it


def extract_structure(doc: CorpusDocument, out: Extraction) -> None:
    """Dispatch on the document's genre."""
    {
        "inspection_report": _inspection,
        "business_plan_update": _business_plan,
        "oversight_board_paper": _oversight,
    }[doc.meta.genre](doc, out)


# ---------------------------------------------------------------- inspection reports

def _norm_title(t: str) -> str:
    return re.sub(r"[^a-z ]+", "", t.lower()).strip()


def _summary_table(blocks: tuple[Block, ...]) -> dict[str, tuple[str, str | None]]:
    """'Area | Grade | Direction' rows of a summary-of-judgements table."""
    out = {}
    for b in blocks:
        cells = [c for c in b.cells if c.strip()]
        if b.kind == "table_row" and len(cells) >= 2 and cells[1] in GRADES:
            direction = DIRECTIONS.get(cells[2].lower()) if len(cells) > 2 else None
            out[_norm_title(cells[0])] = (cells[1], direction)
    return out


def _inspection(doc: CorpusDocument, out: Extraction) -> None:
    ctx = _Ctx(doc)
    did = doc.meta.id
    summary = _summary_table(doc.blocks)
    area: Item | None = None
    domain: Item | None = None
    finding_type: str | None = None
    counters: dict[str, int] = {}
    pending: str | None = None  # "grade" / "distribution": the next table row holds values
    good_practice_next = False
    for i, b in enumerate(doc.blocks):
        if b.kind == "heading":
            if b.number and re.fullmatch(r"\d{1,2}", b.number) and b.rank == 1:
                title = re.sub(r"^\d{1,2}\s*", "", b.text)
                domain = ctx.item(f"domain/{did}/{b.number}", "Domain", title, i)
                domain.add_prop("number", b.number)
                domain.links.setdefault("inDocument", []).append(f"document/{did}")
                out.add(domain)
                area, finding_type = None, None
                continue
            if b.number and re.fullmatch(r"\d{1,2}[A-Z]", b.number):
                title = b.text[len(b.number):].strip()
                area = ctx.item(f"assessment/{did}/{b.number.lower()}", "Assessment", f"{b.number} {title}", i)
                area.add_prop("number", b.number)
                area.add_prop("areaName", title)
                if domain is not None:
                    area.add_link("partOf", domain.key)
                out.add(area)
                finding_type, counters = None, {}
                continue
            low = b.text.lower().strip(" :")
            if low in FINDING_HEADINGS:
                finding_type = FINDING_HEADINGS[low]
                good_practice_next = finding_type == "good practice"
                continue
            if low.startswith(RESET_HEADINGS):
                finding_type = None
                continue
            if good_practice_next and area is not None:
                # the heading after GOOD PRACTICE names the example
                n = counters.get("good practice", 0) + 1
                counters["good practice"] = n
                f = ctx.item(f"finding/{did}/{area.props['number'][0]}/good-practice-{n}".lower(), "Finding", b.text, i)
                f.add_prop("findingType", "good practice")
                f.add_prop("text", b.text)
                f.add_link("partOf", area.key)
                out.add(f)
                good_practice_next = False
            continue
        if area is None:
            continue
        if b.kind == "table_row":
            cells = [c.strip() for c in b.cells]
            if cells and cells[0].lower() == "grade":
                pending = "grade"
                continue
            if cells and cells[0] == "Poor" and "Excellent" in cells:
                pending = "distribution"
                continue
            if pending == "grade" and cells and cells[0] in GRADES:
                area.add_prop("grade", cells[0])
                if len(cells) > 1 and cells[1].lower() in DIRECTIONS:
                    area.add_prop("directionOfTravel", DIRECTIONS[cells[1].lower()])
                _add_passage(area, ctx, i)
                pending = None
                continue
            if pending == "distribution" and all(re.fullmatch(r"\d+", c) for c in cells if c):
                nums = [int(c) for c in cells if c]
                for name, n in zip(("nationalPoor", "nationalFair", "nationalGood", "nationalExcellent"), nums):
                    area.add_prop(name, n)
                pending = None
                continue
        if finding_type and finding_type != "good practice" and b.kind in ("bullet", "paragraph") and len(b.text.split()) >= 6:
            n = counters.get(finding_type, 0) + 1
            counters[finding_type] = n
            code = area.props["number"][0].lower()
            f = ctx.item(f"finding/{did}/{code}/{slug(finding_type)}-{n}", "Finding", _short(b.text), i)
            f.add_prop("findingType", finding_type)
            f.add_prop("text", b.text)
            f.add_link("partOf", area.key)
            out.add(f)
    # fill gaps from the summary table (e.g. a grade box that lost its direction)
    for item in out.items.values():
        if item.cls != "Assessment" or item.doc_id != did:
            continue
        name = _norm_title(item.props["areaName"][0])
        match = summary.get(name) or next(
            (summary[k] for k in difflib.get_close_matches(name, list(summary), n=1, cutoff=0.85)), None
        )
        if match:
            if "grade" not in item.props:
                item.add_prop("grade", match[0])
            if "directionOfTravel" not in item.props and match[1]:
                item.add_prop("directionOfTravel", match[1])


def _add_passage(item: Item, ctx: _Ctx, block: int) -> None:
    pid = ctx.passage_of(block)
    if pid:
        item.add_passage(pid)


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------- business plan updates

_MILESTONE = re.compile(
    r"^(?:Q(?P<q>\d)|Quarter\s+(?P<q2>\d))\b,?\s*(?P<fy>\d{4}[-–]\d{2})?\s*(?P<fwd>forthcoming\s+)?(?:milestone)?\s*:\s*(?P<text>.+)$",
    re.I | re.S,
)
_PROGRAMME = re.compile(
    r"\(\s*(?P<portfolio>[^()]*?)\s+programme\s+(?P<n>\d{1,2})\s*:?\s*(?P<name>[^()]*)\)", re.I
)
_STATUS_CUES = [
    ("not achieved", r"\bnot (?:been )?successful\b|\bunsuccessful\b|\bnot (?:been )?achieved\b|\bwill not be delivered\b|\bcancelled\b|\bwithdrawn\b"),
    ("some delay", r"\bdelay(?:s|ed)?\b|\bdeferred\b|\blater than (?:planned|expected)\b|\bpostponed\b|\bbehind schedule\b|\bslipp(?:ed|age)\b|\bnot be completed until\b|\bextended into\b"),
    ("delivered", r"\bdelivered\b|\bcomplet(?:ed|e)\b|\blaunched\b|\bnow in place\b|\bis (?:now )?in place\b|\bpublished\b|\bapproved\b|\bachieved\b|\bwent live\b|\bhas been rolled out\b|\bfully established\b|\bnow running\b|\bwas successful\b|\bwas formed\b|\bacquired\b"),
    ("on track", r"\bon track\b|\bon target\b|\bprogressing\b|\bunderway\b|\bunder way\b|\bin progress\b|\bwill be completed\b|\bplanned\b|\bbeing (?:finalised|developed|tested|reviewed)\b"),
]
_STATUS_RES = [(s, re.compile(p, re.I)) for s, p in _STATUS_CUES]


_FUTURE = re.compile(r"\b(?:will|to be|expected to|due to|planned to|will have|would)\b", re.I)


def infer_status(progress: str) -> tuple[str, str]:
    """Status of a milestone from its progress text, and the sentence that decided it.

    The first sentence carrying a cue decides; inside a sentence, not achieved > some
    delay > delivered > on track ("delivered ... with a slight delay" is a delay).
    """
    for sent in split_sentences(progress):
        for status, rx in _STATUS_RES:
            hits = [m for m in rx.finditer(sent) if not (status == "delivered" and _FUTURE.search(sent[max(0, m.start() - 30): m.start()]))]
            if hits:
                return status, sent
    first = split_sentences(progress)[:1]
    return "on track", first[0] if first else ""


def fiscal_year(meta_period_start: str) -> str:
    y, m = int(meta_period_start[:4]), int(meta_period_start[5:7])
    start = y if m >= 4 else y - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _business_plan(doc: CorpusDocument, out: Extraction) -> None:
    ctx = _Ctx(doc)
    did = doc.meta.id
    fy_default = fiscal_year(doc.meta.period_start)
    report_q = _reporting_quarter(doc)
    blocks = doc.blocks
    n = 0
    i = 0
    while i < len(blocks):
        b = blocks[i]
        m = _MILESTONE.match(b.text) if b.kind in ("paragraph", "heading") else None
        if not m:
            i += 1
            continue
        statement = m.group("text").strip()
        j = i + 1
        # statements broken across a page ("... (One Met Model transformation programme 4:" / "Transforming ...)")
        while statement.count("(") > statement.count(")") and j < len(blocks) and blocks[j].kind == "paragraph":
            statement += " " + blocks[j].text
            j += 1
        progress_parts: list[str] = []
        k = j
        while k < len(blocks) and blocks[k].kind != "heading" and not _MILESTONE.match(blocks[k].text):
            progress_parts.append(blocks[k].text)
            k += 1
        # a statement sharing its paragraph with the progress text ("Q2 milestone: '...' The review ...")
        qm = re.match(r"^\s*[\"“](.+?)[\"”]\s*(\(.*?\))?\s*(.*)$", statement, re.S)
        if qm:
            text = qm.group(1).strip()
            tail = (qm.group(2) or "")
            rest = qm.group(3).strip()
            if rest:
                progress_parts.insert(0, rest)
        else:
            text, tail = statement, ""
        prog = _PROGRAMME.search(tail or statement)
        if prog and not qm:
            text = statement[: prog.start()].strip()
        progress = " ".join(progress_parts).strip()
        if not progress and k < len(blocks) and _MILESTONE.match(blocks[k].text):
            # two milestones reported together: the progress text follows the second
            nxt = k + 1
            shared: list[str] = []
            while nxt < len(blocks) and blocks[nxt].kind != "heading" and not _MILESTONE.match(blocks[nxt].text):
                shared.append(blocks[nxt].text)
                nxt += 1
            progress = " ".join(shared).strip()
        q = int(m.group("q") or m.group("q2"))
        fy = (m.group("fy") or fy_default).replace("–", "-")
        n += 1
        key = f"milestone/{did}/{n}-{slug(text, 50)}"
        ms = ctx.item(key, "Milestone", _short(text.strip('"“” ')), i)
        ms.add_prop("text", text.strip('"“” '))
        ms.add_prop("quarter", f"Q{q} {fy}")
        forthcoming = bool(m.group("fwd")) or (report_q is not None and q > report_q)
        ms.add_prop("milestoneKind", "forthcoming" if forthcoming else "due")
        status, evidence = infer_status(progress) if progress else ("on track", "")
        if re.search(r"\b(?:is\s+|are\s+)?(?:now\s+)?(?:complete|completed)\s*$", text, re.I):
            status, evidence = "delivered", text  # the statement itself reports completion
        ms.add_prop("status", status)
        if progress:
            ms.add_prop("progress", progress)
        if evidence:
            ms.add_prop("statusEvidenceText", evidence)
        evidence_block = next((x for x in range(j, k) if evidence and evidence[:40] in blocks[x].text), i)
        pid = ctx.passage_of(evidence_block)
        if pid:
            ms.add_link("statusEvidence", f"passage:{pid}")
            ms.add_passage(pid)
        if prog:
            portfolio = prog.group("portfolio").strip()
            portfolio = re.sub(r"\s+transformation$", "", portfolio, flags=re.I)
            num = prog.group("n")
            name = prog.group("name").strip().rstrip(")")
            pkey = f"programme/{slug(portfolio)}-programme-{num}"
            p_item = ctx.item(pkey, "Programme", f"{portfolio} programme {num}: {name[:1].upper() + name[1:]}", i)
            p_item.add_prop("number", int(num))
            p_item.props.pop("year", None)
            p_item.add_prop("year", doc.meta.year)
            if name:
                p_item.alt_labels.add(name[:1].upper() + name[1:])
            parent = ctx.item(f"programme/{slug(portfolio)}", "Programme", portfolio, i)
            parent.props.pop("year", None)
            p_item.add_link("partOf", parent.key)
            out.add(parent)
            out.add(p_item)
            ms.add_link("programme", pkey)
        out.add(ms)
        i = k


def _reporting_quarter(doc: CorpusDocument) -> int | None:
    m = re.search(r"Quarter\s+(\d)", doc.meta.title)
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------- oversight board papers

def _oversight(doc: CorpusDocument, out: Extraction) -> None:
    ctx = _Ctx(doc)
    did = doc.meta.id
    rec_n = 0
    for i, b in enumerate(doc.blocks):
        if b.kind == "table_row" and b.number and len(b.cells) >= 3:
            cells = [c.strip() for c in b.cells]
            rag = cells[-1] if re.fullmatch(r"[A-Z]{1,2}", cells[-1]) else None
            body = [c for c in cells[1:] if c and c != rag]
            if rag is None or not body:
                continue
            num = int(b.number)
            commitment = body[0]
            a = ctx.item(f"action/{did}/{num}", "Action", f"Action {num}: {_short(commitment, 80)}", i)
            a.add_prop("number", num)
            a.add_prop("commitment", commitment)
            if len(body) > 1:
                a.add_prop("progress", " ".join(body[1:]))
            a.add_prop("ragStatus", rag)
            a.add_prop("status", RAG.get(rag, "unknown"))
            out.add(a)
            continue
        if b.kind == "heading":
            m = re.match(r"^Strand\s+(\d+)\s*[-–:]\s*(.+)$", b.text)
            if m:
                s = ctx.item(f"strand/{did}/{m.group(1)}", "Strand", b.text, i)
                s.add_prop("number", int(m.group(1)))
                s.add_prop("text", m.group(2).strip())
                out.add(s)
            continue
        if b.kind == "paragraph" and b.number and "." in b.number:
            p = ctx.item(f"paragraph/{did}/{b.number}", "NumberedParagraph", f"{b.number} {_short(b.text, 70)}", i)
            p.add_prop("number", b.number)
            p.add_prop("text", b.text)
            out.add(p)
        if b.kind in ("paragraph", "bullet") and any("recommendation" in s.lower() for s in b.section[-1:]):
            rec_n += 1
            r = ctx.item(f"recommendation/{did}/{rec_n}", "Recommendation", _short(b.text), i)
            r.add_prop("text", b.text)
            out.add(r)
