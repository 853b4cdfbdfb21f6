"""`kg serve`: registration, build-first, and a real start from the command line."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import typer
from api_support import make_build, switch_current
from typer.testing import CliRunner

import kg.build.pipeline
from api.testing import PROJECT_ROOT, free_port
from kg.cli_serve import ensure_built, register
from kg.settings import load_settings


def test_register_adds_serve():
    app = typer.Typer()

    @app.command()
    def other() -> None:  # a second command, so that typer keeps subcommands
        pass

    register(app)
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--store-path" in result.output and "--port" in result.output


def test_kg_cli_has_serve():
    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--host" in result.output


def test_builds_first_when_there_is_no_build(tmp_path, monkeypatch):
    calls = []

    def fake_run_build(settings, progress=None, **kwargs):
        calls.append(settings.data_dir)
        progress and progress("pretending to build")
        make_build(settings.data_dir, "fresh")
        switch_current(settings.data_dir, "fresh")
        return settings.data_dir / "builds" / "fresh"

    monkeypatch.setattr(kg.build.pipeline, "run_build", fake_run_build)
    settings = load_settings(data_dir=tmp_path / "data")
    ensure_built(settings)
    ensure_built(settings)  # already built: no second build
    assert calls == [settings.data_dir]


def test_serve_from_the_command_line(tmp_path):
    store = make_build(tmp_path / "data", "b1") / "store"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli_serve", "--store-path", str(store), "--port", str(port),
         "--sparql-workers", "1", "--log-level", "warning"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["boolean"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/health").json()["workers"]["size"] == 1
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)
