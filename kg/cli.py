"""The `kg` command line: a thin adapter over the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from kg.errors import CatalogError, KGError, ParseError, QueryError
from kg.settings import Settings, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="metkg: knowledge graph and search over MPS oversight documents.")

DataDir = typer.Option(None, "--data-dir", help="Build output directory (env KG_DATA_DIR, default ./data).")
SeedsDir = typer.Option(None, "--seeds", help="Seed folder with catalog.toml (env KG_SEEDS_DIR).")
FORMATS = ("table", "json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml")


def settings_from(data_dir: Optional[Path] = None, seeds: Optional[Path] = None, **extra: object) -> Settings:
    return load_settings(data_dir=data_dir, seeds_dir=seeds, **extra)


def fail(exc: Exception, code: int = 1) -> None:
    typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def progress(msg: str) -> None:
    typer.secho(f"• {msg}", err=True, fg=typer.colors.CYAN)


@app.command()
def build(
    data_dir: Optional[Path] = DataDir,
    seeds: Optional[Path] = SeedsDir,
    force: bool = typer.Option(False, "--force", help="Rebuild even if the current build is up to date."),
    no_index: bool = typer.Option(False, "--no-index", help="Skip the search index (graph only)."),
) -> None:
    """Parse, extract, link, validate and load the graph (and the search index)."""
    from kg.build.pipeline import run_build

    try:
        path = run_build(settings_from(data_dir, seeds), progress, force=force, with_index=not no_index)
    except (CatalogError, ParseError) as exc:
        fail(exc, 2)
    except KGError as exc:
        fail(exc)
    typer.echo(str(path))


@app.command()
def sparql(
    query: str = typer.Argument(..., help="SPARQL query text, or @FILE to read it from a file, or - for stdin."),
    fmt: str = typer.Option("table", "--format", "-f", help=f"One of {', '.join(FORMATS)}."),
    data_dir: Optional[Path] = DataDir,
    limit_rows: int = typer.Option(0, "--max-rows", help="Stop after this many rows (0: no limit)."),
) -> None:
    """Run a read-only SPARQL query on the current build (default graph = union of all graphs)."""
    from kg.query import open_current_store, render

    if fmt not in FORMATS:
        fail(ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}"), 2)
    text = sys.stdin.read() if query == "-" else Path(query[1:]).read_text() if query.startswith("@") else query
    try:
        with open_current_store(settings_from(data_dir)) as store:
            result = store.query(text, max_rows=limit_rows or None)
            out = render(store, result, fmt)
    except QueryError as exc:
        fail(exc, 2)
    except (KGError, ValueError) as exc:
        fail(exc, 2 if isinstance(exc, ValueError) else 1)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")


@app.command()
def validate(data_dir: Optional[Path] = DataDir) -> None:
    """Validate the current build against the SHACL shapes."""
    from kg.build.validate import validate_store_file
    from kg.layout import current_build

    try:
        cur = current_build(settings_from(data_dir).data_dir)
    except KGError as exc:
        fail(exc)
    conforms, report = validate_store_file(str(cur.nquads))
    if conforms:
        typer.echo(f"conforms: {cur.root.name} passes all SHACL shapes")
        return
    typer.echo(report)
    raise typer.Exit(1)


@app.command()
def stats(data_dir: Optional[Path] = DataDir, as_json: bool = typer.Option(False, "--json")) -> None:
    """Counts per class and per document."""
    from kg.query import open_current_store, stats as compute

    try:
        with open_current_store(settings_from(data_dir)) as store:
            data = compute(store)
    except KGError as exc:
        fail(exc)
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"{'class':<22}{'count':>8}")
    for cls, n in data["classes"].items():
        typer.echo(f"{cls:<22}{n:>8}")
    typer.echo("")
    typer.echo(f"{'document':<28}{'year':>6}{'passages':>10}{'triples':>10}")
    for d in data["documents"]:
        typer.echo(f"{d['id']:<28}{d['year']:>6}{d['passages']:>10}{d['triples']:>10}")


def _register_optional() -> None:
    """Commands from the search and service adapters, when present."""
    for mod in ("kg.cli_search", "kg.cli_serve", "kg.cli_timeline"):
        try:
            module = __import__(mod, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name == mod:
                continue
            raise
        module.register(app)


_register_optional()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
