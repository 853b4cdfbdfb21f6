"""`kg serve`: run the HTTP service (uvicorn) on the embedded store and index.

``kg.cli`` calls ``register(app)``. The web stack is imported inside the command, so
importing this module (and ``kg``) never pulls in FastAPI or uvicorn.
"""
from __future__ import annotations

from pathlib import Path

import typer

from kg.errors import KGError, NotBuiltError
from kg.settings import Settings, load_settings


def _progress(msg: str) -> None:
    typer.secho(f"• {msg}", err=True, fg=typer.colors.CYAN)


def ensure_built(settings: Settings) -> None:
    """Build first when the data directory has no build yet (with progress on stderr).

    Raises:
        typer.Exit: the build failed or the build pipeline is not available.
    """
    from kg.layout import current_build

    try:
        current_build(settings.data_dir)
        return
    except NotBuiltError:
        pass
    typer.secho(f"no build in {settings.data_dir}; building it first", err=True)
    try:
        from kg.build.pipeline import run_build
    except ImportError as exc:
        typer.secho(f"error: cannot build ({exc}); run `kg build` first", err=True, fg=typer.colors.RED)
        raise typer.Exit(1) from None
    try:
        run_build(settings, _progress)
    except KGError as exc:
        typer.secho(f"error: build failed: {exc}", err=True, fg=typer.colors.RED)
        raise typer.Exit(1) from None


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    data_dir: Path | None = typer.Option(None, "--data-dir", help="Build output directory (env KG_DATA_DIR)."),
    store_path: Path | None = typer.Option(
        None, "--store-path", help="Serve this Oxigraph directory instead of the current build (env KG_STORE_PATH)."
    ),
    workers: int | None = typer.Option(None, "--sparql-workers", min=1, help="SPARQL worker processes."),
    query_timeout: float | None = typer.Option(None, "--query-timeout", min=0.1, help="Seconds per query."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the SPARQL endpoint and the REST API over HTTP (builds first if needed)."""
    settings = load_settings(
        data_dir=data_dir, store_path=store_path, sparql_workers=workers, query_timeout=query_timeout
    )
    if settings.store_path is None:
        ensure_built(settings)
    elif not settings.store_path.is_dir():
        typer.secho(f"error: no store directory at {settings.store_path}", err=True, fg=typer.colors.RED)
        raise typer.Exit(2)
    try:
        import uvicorn

        from api.app import create_app
    except ImportError as exc:
        typer.secho(f"error: the web service needs fastapi and uvicorn ({exc})", err=True, fg=typer.colors.RED)
        raise typer.Exit(1) from None
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the ``kg`` CLI."""
    app.command("serve")(serve)


if __name__ == "__main__":  # python -m kg.cli_serve --port 8000
    typer.run(serve)
