"""CLI adapter: timeline, path, neighbours and ego-network commands."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from kg.errors import KGError


def register(app: typer.Typer) -> None:
    from kg.cli import DataDir, fail, settings_from

    @app.command()
    def timeline(
        topic: str = typer.Argument(..., help="Free-text topic, entity name or IRI, or theme IRI."),
        as_json: bool = typer.Option(False, "--json", help="Print the timeline as JSON."),
        plot_to: Optional[Path] = typer.Option(None, "--plot", help="Draw it to a .png, .svg or .html file."),
        data_dir: Optional[Path] = DataDir,
    ) -> None:
        """Follow a topic or entity through the documents, year by year."""
        from kg.timeline import open_timelines
        from kg.timeline.plot import plot

        try:
            tl = open_timelines(settings_from(data_dir)).timeline(topic)
            if plot_to is not None:
                plot(tl, plot_to)
                typer.secho(f"wrote {plot_to}", err=True)
        except KGError as exc:
            fail(exc)
        if as_json:
            typer.echo(json.dumps(tl.to_dict(), indent=2, ensure_ascii=False))
            return
        resolved = ", ".join([e.label for e in tl.entities] + [t["label"] for t in tl.themes]) or "search only"
        typer.echo(f"Timeline for {tl.query!r} ({resolved})")
        for e in tl.entries:
            typer.secho(f"\n{e.year}  {e.document['title']}", bold=True)
            for s in e.statuses:
                st = ", ".join(f"{k}={v}" for k, v in s.status.items())
                typer.echo(f"  [{s.cls}] {s.label[:80]} — {st}")
            for p in e.passages:
                # the sentence that matched the topic says more than the passage's opening
                shown = (p.sentence or p.text).replace("\n", " ")
                typer.echo(f"  • {shown[:220]}{'…' if len(shown) > 220 else ''}")
            if e.entities:
                typer.echo("  entities: " + ", ".join(x.label for x in e.entities))
            for lk in e.links:
                typer.echo(f"  {lk.relation} {lk.label} ({lk.status}, {lk.confidence:.2f})")

    @app.command()
    def path(
        source: str = typer.Argument(..., help="Entity name, alias or IRI."),
        target: str = typer.Argument(..., help="Entity name, alias or IRI."),
        as_json: bool = typer.Option(False, "--json"),
        data_dir: Optional[Path] = DataDir,
    ) -> None:
        """The cheapest path between two entities in the entity graph."""
        from kg.timeline import open_timelines

        try:
            steps = open_timelines(settings_from(data_dir), with_search=False).path(source, target)
        except KGError as exc:
            fail(exc)
        if as_json:
            typer.echo(json.dumps(steps, indent=2))
            return
        for s in steps:
            via = f"  --{s['via']}--> " if "via" in s else ""
            typer.echo(f"{via}{s['label']} [{s['class']}] {s['years']}")

    @app.command()
    def neighbours(
        name: str = typer.Argument(..., help="Entity name, alias or IRI."),
        limit: int = typer.Option(25, "-k"),
        data_dir: Optional[Path] = DataDir,
    ) -> None:
        """Entities directly connected to an entity."""
        from kg.timeline import open_timelines

        try:
            rows = open_timelines(settings_from(data_dir), with_search=False).neighbours(name, limit)
        except KGError as exc:
            fail(exc)
        for r in rows:
            typer.echo(f"{r['weight']:>6}  {r['relation']:<14} {r['label']} [{r['class']}]")

    @app.command()
    def ego(
        name: str = typer.Argument(..., help="Entity name, alias or IRI."),
        out: Path = typer.Option(..., "--out", "-o", help="Output file: .graphml or .json."),
        radius: int = typer.Option(1, "--radius"),
        data_dir: Optional[Path] = DataDir,
    ) -> None:
        """Export an entity's ego network as GraphML or JSON."""
        from kg.timeline import open_timelines
        from kg.timeline.graph import export

        try:
            sub = open_timelines(settings_from(data_dir), with_search=False).ego(name, radius)
            export(sub, out)
        except KGError as exc:
            fail(exc)
        typer.echo(f"wrote {out} ({sub.number_of_nodes()} nodes, {sub.number_of_edges()} edges)")
