"""CLI adapter: `kg search`, `kg entities`, `kg eval`."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Optional

import typer

from kg.errors import KGError, SearchInputError

EXIT_BAD_INPUT = 2


def _fail(exc: KGError) -> None:
    from kg.cli import fail

    fail(exc, EXIT_BAD_INPUT if isinstance(exc, SearchInputError) else 1)


def register(app: typer.Typer) -> None:
    from kg.cli import DataDir, settings_from

    @app.command()
    def search(
        question: str = typer.Argument(..., help="A question in plain English."),
        k: int = typer.Option(10, "-k", "--top", min=1, max=1000, help="Number of passages to return."),
        year_from: Optional[int] = typer.Option(None, "--from", help="Only documents from this year on."),
        year_to: Optional[int] = typer.Option(None, "--to", help="Only documents up to this year."),
        doc: Optional[list[str]] = typer.Option(None, "--doc", help="Only this document (id or IRI); repeatable."),
        genre: Optional[str] = typer.Option(None, "--genre", help="Only this genre, e.g. business_plan_update."),
        entity: Optional[str] = typer.Option(None, "--entity", help="Only passages mentioning this entity (name or IRI)."),
        mode: str = typer.Option("hybrid", "--mode", help="hybrid, dense or lexical."),
        as_json: bool = typer.Option(False, "--json", help="Print the hits as a JSON list."),
        data_dir: Optional[Path] = DataDir,
    ) -> None:
        """Passages that answer a question, with their document, section, best sentence and entities."""
        from kg.search import open_searcher

        try:
            hits = open_searcher(settings_from(data_dir)).search(
                question, k=k, year_from=year_from, year_to=year_to, doc=doc or None, genre=genre, entity=entity, mode=mode
            )
        except KGError as exc:
            _fail(exc)
        if as_json:
            typer.echo(json.dumps([h.to_dict() for h in hits], indent=2, ensure_ascii=False))
            return
        if not hits:
            typer.echo("no passages match")
        for h in hits:
            d = h.document
            typer.secho(f"{h.rank:>2}. [{h.score:.3f}] {d.title} ({d.year})", bold=True)
            if h.section:
                typer.echo("    § " + " > ".join(h.section))
            typer.echo(textwrap.fill(h.sentence, width=100, initial_indent="    “", subsequent_indent="     ") + "”")
            if h.entities:
                names = ", ".join(f"{e.label} ({e.cls})" if e.cls else e.label for e in h.entities[:8])
                more = f" +{len(h.entities) - 8}" if len(h.entities) > 8 else ""
                typer.echo(f"    entities: {names}{more}")
            typer.secho(f"    {h.passage_iri}  chars {h.start}-{h.end}", dim=True)

    @app.command()
    def entities(
        name: str = typer.Argument(..., help="A name, alias or acronym, e.g. STAC."),
        limit: int = typer.Option(10, "--limit", "-n", min=1, max=100),
        as_json: bool = typer.Option(False, "--json"),
        data_dir: Optional[Path] = DataDir,
    ) -> None:
        """Find graph entities by name or alias; prints their IRIs."""
        from kg.search import open_searcher

        try:
            refs = open_searcher(settings_from(data_dir)).lookup_entities(name, limit=limit)
        except KGError as exc:
            _fail(exc)
        if as_json:
            typer.echo(json.dumps([r.to_dict() for r in refs], indent=2, ensure_ascii=False))
            return
        if not refs:
            typer.echo(f"no entity matches {name!r}")
        for r in refs:
            alias = f"  (matched {r.matched!r})" if r.matched and r.matched != r.label else ""
            typer.echo(f"{r.score or 0:.2f}  {r.label} [{r.cls}]  {r.iri}{alias}")

    @app.command("eval")
    def eval_(
        file: Path = typer.Argument(..., help="Questions, one JSON object a line: {id, q, gold: [...]}."),
        k: int = typer.Option(10, "-k", help="Hits retrieved per question (Recall and MRR look at these)."),
        as_json: bool = typer.Option(False, "--json", help="Print metrics and per-question ranks as JSON."),
        min_mrr: Optional[float] = typer.Option(None, "--min-mrr", help="Exit 1 when hybrid MRR is below this."),
        data_dir: Optional[Path] = DataDir,
    ) -> None:
        """Recall@1/5/10, MRR and nDCG@10 of hybrid, dense-only and lexical-only ranking."""
        from kg.search import open_searcher
        from kg.search.eval import evaluate, format_table, load_questions

        try:
            questions = load_questions(file)
            searcher = open_searcher(settings_from(data_dir))
            results, details = evaluate(
                questions,
                lambda q, m: [h.text for h in searcher.search(q, k=max(k, 10), mode=m)],
                [p.text for p in searcher.passages],
            )
        except KGError as exc:
            _fail(exc)
        if as_json:
            out = {"file": str(file), "metrics": {m: r.to_dict() for m, r in results.items()}, "questions": details}
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        else:
            typer.echo(f"{len(questions)} questions from {file}")
            typer.echo(format_table(results))
            missed = [d for d in details if d["hybrid"] is None or d["hybrid"] > 10]
            if missed:
                typer.echo(f"\nnot in the hybrid top 10 ({len(missed)}):")
                for d in missed:
                    typer.echo(f"  {d['id']}: {d['q']}")
        if min_mrr is not None and results["hybrid"].mrr < min_mrr:
            typer.secho(f"hybrid MRR {results['hybrid'].mrr:.3f} is below {min_mrr}", err=True, fg=typer.colors.RED)
            raise typer.Exit(1)
