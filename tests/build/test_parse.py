from __future__ import annotations

import pytest

from kg.build.parse import clean_inline, parse_text
from kg.errors import ParseError
from kg.records import DocumentMeta

META = DocumentMeta("d", "d.txt", "T", "HMIC", "2006-10-01", "2005-04-01", "2006-03-31", "inspection_report", "x.txt")


def parse(text: str):
    return parse_text(text, META)


def test_heading_forms_give_section_paths():
    text = "\n".join([
        "# 1 Citizen Focus (Domain A)", "", "## 1A Fairness and Equality", "", "#### **Strengths**", "",
        "- A strength of the force that is long enough.", "", "**Bold Heading**", "", "Text under bold.", "",
        "2- Our priorities", "", "Body text here.", "", "3.1. Sub point heading", "", "Numbered body.", "",
        "Strand 2 – Community Engagement", "", "Strand text.",
    ])
    doc = parse(text)
    heads = [(b.text, b.number, b.rank) for b in doc.blocks if b.kind == "heading"]
    assert ("1 Citizen Focus (Domain A)", "1", 1) in heads
    assert ("1A Fairness and Equality", "1A", 2) in heads
    assert ("Strengths", None, 11) in heads and ("Bold Heading", None, 11) in heads
    assert ("2- Our priorities", "2", 1) in heads
    bullet = next(b for b in doc.blocks if b.kind == "bullet")
    assert bullet.section == ("1 Citizen Focus (Domain A)", "1A Fairness and Equality", "Strengths")
    strand = next(b for b in doc.blocks if b.text == "Strand text.")
    assert strand.section[-1] == "Strand 2 – Community Engagement"


def test_page_furniture_removed_and_text_rejoined():
    text = "\n".join([
        "# Example Force - Baseline Assessment October 2006", "",
        "The force has made progress in reducing", "", "October 2006", "", "Example Force - Baseline Assessment", "",
        "12", "", "burglary across the county.", "", "October 2006", "", "Example Force - Baseline Assessment", "",
        "More text.", "", "October 2006", "", "Example Force - Baseline Assessment", "", "AGENDA ITEM 3",
    ])
    paras = [b.text for b in parse(text).blocks if b.kind == "paragraph"]
    assert "The force has made progress in reducing burglary across the county." in paras
    assert not any("October 2006" == p or "AGENDA ITEM" in p or p == "12" for p in paras)


def test_hard_wrapped_bullets_and_lowercase_continuations():
    text = "\n".join([
        "- The hate crime policy provides a", "  framework for accountability and", "  performance management.",
        "- The Commissioner has confirmed his commitment. This is reflected in",
        "- the policing plan and in visible support.",
    ])
    bullets = [b.text for b in parse(text).blocks if b.kind == "bullet"]
    assert bullets == [
        "The hate crime policy provides a framework for accountability and performance management.",
        "The Commissioner has confirmed his commitment. This is reflected in the policing plan and in visible support.",
    ]


def test_words_split_by_line_breaks_are_mended_from_the_document_vocabulary():
    text = "The team provides front-\nline officers with advice.\n\nA pro-\nactive approach. The proactive team works well."
    paras = [b.text for b in parse(text).blocks]
    assert "The team provides front-line officers with advice." in paras
    assert paras[1].startswith("A proactive approach.")


def test_tables_html_and_continued_rows():
    text = "\n".join([
        "1\t<p>Review <b>handcuffing</b></p>\t<ul><li>Policy launched.</li><li>Training<br>done</li></ul>\tG",
        "---\t---\t---\t---", "", "AGENDA ITEM 3", "", "AGENDA ITEM 3", "", "AGENDA ITEM 3", "",
        "\t\t<p>More progress 3<sup>rd</sup> time.</p>\t",
        "2\tSecond action\t<a href=\"https://x.org\">Published</a> online.\tLG",
        "<p>Commitment continued.</p>\t\t",
    ])
    rows = [b for b in parse(text).blocks if b.kind == "table_row"]
    assert len(rows) == 2
    assert rows[0].cells == ("1", "Review handcuffing", "• Policy launched. • Training done More progress 3rd time.", "G")
    assert rows[1].cells[1] == "Second action Commitment continued."
    assert rows[1].cells[2] == "Published online." and rows[1].number == "2"


def test_offsets_point_into_the_source():
    text = "# Title Heading\n\nFirst paragraph text.\n\nSecond paragraph\ncontinues here."
    doc = parse(text)
    for b in doc.blocks:
        assert text[b.start:b.end].split()[0].strip("#") in ("", *b.text.split())
    second = doc.blocks[-1]
    assert text[second.start:second.end] == "Second paragraph\ncontinues here."


def test_clean_inline():
    assert clean_inline("<p>a &amp; b</p> <p>c</p>") == "a & b c"
    assert clean_inline("**bold** and *it*") == "bold and it"


def test_binary_and_empty_input_rejected():
    with pytest.raises(ParseError, match="NUL"):
        parse("abc\x00def\nx\ny\n")
    with pytest.raises(ParseError, match="fewer than 3"):
        parse("\n\nonly one line\n")
