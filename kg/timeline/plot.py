"""Draw a timeline for people: years across, one row per document, statuses and passages.

PNG and SVG through matplotlib (Agg backend, no display needed); HTML as a single
self-contained page embedding the SVG and listing each entry's passages.
"""
from __future__ import annotations

import html
import io
import textwrap
from pathlib import Path

from kg.errors import KGError
from kg.timeline.timeline import Timeline

STATUS_COLOURS = {
    "delivered": "#1a9850", "complete": "#1a9850", "G": "#1a9850", "Excellent": "#1a9850", "Good": "#66bd63",
    "on track": "#a6d96a", "in progress": "#a6d96a", "LG": "#a6d96a", "Fair": "#fee08b",
    "some delay": "#fdae61", "A": "#fdae61", "Poor": "#d73027", "not achieved": "#d73027", "R": "#d73027",
}


def _status_words(entry) -> list[str]:
    out = []
    for s in entry.statuses:
        st = s.status
        if "grade" in st:
            out.append(f"{s.label.split(' ', 1)[0]} {st['grade']}" + (f" / {st['directionOfTravel']}" if "directionOfTravel" in st else ""))
        elif "ragStatus" in st:
            out.append(f"{s.label.split(':')[0]}: {st['ragStatus']}")
        elif "status" in st:
            out.append(f"{st.get('quarter', '')} {st['status']}".strip())
    return out


def _figure(tl: Timeline):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    docs = []
    for e in tl.entries:
        if e.document["id"] not in docs:
            docs.append(e.document["id"])
    fig, ax = plt.subplots(figsize=(12, 1.6 + 1.5 * max(1, len(docs))))
    years = [e.year for e in tl.entries] or [2006, 2023]
    for e in tl.entries:
        y = len(docs) - docs.index(e.document["id"])
        words = _status_words(e)
        colour = next((STATUS_COLOURS[w.split()[-1]] for w in words if w.split() and w.split()[-1] in STATUS_COLOURS), "#4575b4")
        ax.scatter([e.year], [y], s=220, color=colour, edgecolor="black", zorder=3)
        label = "\n".join(textwrap.shorten(w, 40) for w in words[:3]) or textwrap.shorten(e.passages[0].sentence or e.passages[0].text, 60)
        ax.annotate(label, (e.year, y), xytext=(10, -4), textcoords="offset points", fontsize=8, va="top")
    ax.set_yticks(range(len(docs), 0, -1), [textwrap.shorten(d, 30) for d in docs], fontsize=8)
    ax.set_xlim(min(years) - 1, max(years) + 4)
    ax.set_ylim(0.3, len(docs) + 0.7)
    ax.grid(axis="x", linestyle=":", alpha=0.6)
    ax.set_xlabel("year")
    ax.set_title(f"Timeline: {tl.query}")
    fig.tight_layout()
    return fig


def plot(tl: Timeline, out: Path) -> Path:
    """Write the timeline as .png, .svg or .html."""
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg", ".html"):
        raise KGError(f"cannot draw to {out.name!r}: use a .png, .svg or .html file name")
    if not tl.entries:
        raise KGError("the timeline has no entries to draw")
    fig = _figure(tl)
    if suffix in (".png", ".svg"):
        fig.savefig(out, dpi=120 if suffix == ".png" else None)
        return out
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    svg = svg[svg.find("<svg"):]
    items = []
    for e in tl.entries:
        status = ", ".join(html.escape(w) for w in _status_words(e))
        passages = "".join(
            f"<li><a href=\"{html.escape(p.iri)}\">passage</a> <small>{html.escape(p.section)}</small><br>"
            + (f"<mark>{html.escape(p.sentence)}</mark><br>" if p.sentence else "")
            + f"{html.escape(textwrap.shorten(p.text, 400))}</li>"
            for p in e.passages
        )
        ents = ", ".join(f"<a href=\"{html.escape(x.iri)}\">{html.escape(x.label)}</a>" for x in e.entities)
        items.append(
            f"<section><h2>{e.year} — <a href=\"{html.escape(e.document['iri'])}\">{html.escape(e.document['title'])}</a></h2>"
            f"<p class=status>{status}</p><ul>{passages}</ul><p class=ents>{ents}</p></section>"
        )
    page = (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        f"<title>Timeline: {html.escape(tl.query)}</title>"
        "<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}section{border-left:4px solid #4575b4;"
        "padding-left:1em;margin:1.5em 0}.status{font-weight:bold}.ents{color:#555}</style>"
        f"<h1>Timeline: {html.escape(tl.query)}</h1>{svg}{''.join(items)}</html>"
    )
    out.write_text(page, encoding="utf-8")
    return out
