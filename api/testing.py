"""A real server for tests and benchmarks: uvicorn in a subprocess on a free loopback port.

>>> with LiveServer({"KG_STORE_PATH": "/path/to/store"}) as server:   # doctest: +SKIP
...     httpx.get(server.url + "/sparql", params={"query": "ASK {}"})
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

import httpx

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class LiveServer:
    """``uvicorn --factory api.app:app_from_env`` with ``KG_*`` settings from ``env``."""

    def __init__(self, env: dict[str, str], *, host: str = "127.0.0.1", port: int | None = None,
                 startup_timeout: float = 90.0, log_level: str = "warning"):
        self.env = {k: str(v) for k, v in env.items()}
        self.host = host
        self.port = port or free_port(host)
        self.startup_timeout = startup_timeout
        self.log_level = log_level
        self.proc: subprocess.Popen[bytes] | None = None
        # kept open for the server process to write to; read back by ``log()``
        self._log = tempfile.NamedTemporaryFile(prefix="kg-serve-", suffix=".log", delete=False)  # noqa: SIM115

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def log(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def start(self) -> Self:
        env = {**os.environ, **self.env}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
        cmd = [
            sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_env",
            "--host", self.host, "--port", str(self.port), "--log-level", self.log_level,
        ]
        self.proc = subprocess.Popen(cmd, env=env, cwd=PROJECT_ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with code {self.proc.returncode}:\n{self.log()}")
            try:
                httpx.get(self.url + "/health", timeout=2.0)
                return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer within {self.startup_timeout:g} s:\n{self.log()}")

    def worker_pids(self) -> list[int]:
        """PIDs of the server's SPARQL worker processes (Linux /proc)."""
        pids: list[int] = []
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                try:
                    cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
                except OSError:
                    continue
                if b"multiprocessing.spawn" in cmdline and b"resource_tracker" not in cmdline:
                    pids.append(child)
        return sorted(set(pids))

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
