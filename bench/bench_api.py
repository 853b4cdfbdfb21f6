"""Throughput and latency of the HTTP service: /sparql (and /search when it exists).

Runs closed-loop clients (each sends its next request when the last is answered) at 1,
8 and 32 concurrent clients for ``--duration`` seconds each, on loopback, and prints
requests/s, p50 and p99 latency and the error count (which must be zero).

    python bench/bench_api.py                       # starts a server on ./data (builds it first)
    python bench/bench_api.py --data-dir /tmp/d --duration 10
    python bench/bench_api.py --url http://127.0.0.1:8000   # an already running server

Exit status 1 if any request failed.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    (ROOT / "examples" / "queries" / "entity-passages.rq").read_text(encoding="utf-8"),
    (ROOT / "examples" / "queries" / "graded-areas.rq").read_text(encoding="utf-8"),
    "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)",
    (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        'SELECT ?s ?label WHERE { ?s rdfs:label ?label FILTER(CONTAINS(LCASE(STR(?label)), "stalking")) } LIMIT 20'
    ),
]
SEARCH_TERMS = ["stalking threat assessment", "knife crime", "custody", "domestic abuse", "stop and search"]


@dataclass
class Run:
    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000


class Connection:
    """A minimal keep-alive HTTP/1.1 client on asyncio streams.

    httpx's async client costs more CPU per request than the server under test; on a
    2-core machine it, not the server, set the figures at 32 clients. This one costs ~10x less.
    """

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.split(b":", 1) for line in lines[1:] if b":" in line)
        headers = {k.strip().lower(): v.strip() for k, v in headers.items()}
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
        if headers.get(b"connection", b"").lower() == b"close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


def http_request(method: str, target: str, host: str, body: bytes = b"", content_type: str = "",
                 accept: str = "*/*") -> bytes:
    head = [f"{method} {target} HTTP/1.1", f"Host: {host}", f"Accept: {accept}"]
    if body or method == "POST":
        head += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def closed_loop(url: str, requests: list[bytes], clients: int, duration: float, warmup: float = 1.0) -> Run:
    """``clients`` connections, each sending the next request as soon as the last is answered."""
    parts = urlsplit(url)
    run = Run(clients)
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + duration

    async def client(i: int) -> None:
        conn = Connection(parts.hostname or "127.0.0.1", parts.port or 80)
        n = i
        try:
            while True:
                t0 = time.perf_counter()
                if t0 >= stop_at:
                    return
                try:
                    status, body = await conn.request(requests[n % len(requests)])
                    ok, err = status == 200, f"{status}: {body[:200]!r}"
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    ok, err = False, f"{type(exc).__name__}: {exc}"
                    await conn.close()
                t1 = time.perf_counter()
                if t0 >= measure_from:
                    (run.latencies.append(t1 - t0) if ok else run.errors.append(err))
                n += clients
        finally:
            await conn.close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    run.seconds = time.perf_counter() - measure_from
    return run


def sparql_requests(url: str) -> list[bytes]:
    host = urlsplit(url).netloc
    return [
        http_request("POST", "/sparql", host, urlencode({"query": q}).encode(), "application/x-www-form-urlencoded",
                     accept="application/sparql-results+json")
        for q in QUERIES
    ]


def search_requests(url: str) -> tuple[list[bytes] | None, str]:
    """Requests for /search if the service has it and it answers; else (None, reason)."""
    try:
        spec = httpx.get(url + "/openapi.json", timeout=10).json()
    except (httpx.HTTPError, ValueError) as exc:
        return None, f"no OpenAPI spec ({exc})"
    op = spec.get("paths", {}).get("/search", {}).get("get")
    if op is None:
        return None, "the service has no GET /search route yet"
    names = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
    param = next((n for n in ("q", "query", "text") if n in names), None)
    if param is None:
        return None, f"cannot tell the query parameter of /search (parameters: {names})"
    probe = httpx.get(url + "/search", params={param: SEARCH_TERMS[0]}, timeout=60)
    if probe.status_code != 200:
        return None, f"/search answered {probe.status_code} ({probe.text[:120]})"
    host = urlsplit(url).netloc
    return [http_request("GET", "/search?" + urlencode({param: t}), host) for t in SEARCH_TERMS], ""


def table(title: str, runs: list[Run]) -> str:
    lines = [f"### {title}", "", "| clients | requests | req/s | p50 ms | p99 ms | errors |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        lines.append(f"| {r.clients} | {len(r.latencies)} | {r.throughput:.0f} | {r.pct(0.50):.1f} | "
                     f"{r.pct(0.99):.1f} | {len(r.errors)} |")
    return "\n".join(lines)


def start_server(args: argparse.Namespace):
    from api.testing import LiveServer
    from kg.errors import NotBuiltError
    from kg.layout import current_build
    from kg.settings import load_settings

    env = {"KG_SPARQL_WORKERS": str(args.workers)}
    if args.store_path:
        env["KG_STORE_PATH"] = str(args.store_path)
    else:
        settings = load_settings(data_dir=args.data_dir)
        try:
            current_build(settings.data_dir)
        except NotBuiltError:
            from kg.build.pipeline import run_build

            print(f"no build in {settings.data_dir}: building the graph first (no search index)", file=sys.stderr)
            run_build(settings, lambda m: print(f"  {m}", file=sys.stderr), with_index=False)
        env["KG_DATA_DIR"] = str(settings.data_dir)
    return LiveServer(env).start()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="benchmark this running server instead of starting one")
    ap.add_argument("--data-dir", type=Path, default=None, help="data directory to serve (default: KG_DATA_DIR or ./data)")
    ap.add_argument("--store-path", type=Path, default=None, help="serve this Oxigraph directory instead")
    ap.add_argument("--workers", type=int, default=2, help="SPARQL worker processes of a started server")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds per concurrency level (default 30)")
    ap.add_argument("--clients", default="1,8,32", help="comma-separated concurrency levels")
    args = ap.parse_args()
    levels = [int(c) for c in args.clients.split(",")]

    server = None if args.url else start_server(args)
    url: str = args.url or server.url  # type: ignore[union-attr]
    failed = False
    try:
        print(f"# metkg HTTP benchmark: {url}, {args.duration:g} s per level, "
              f"{os.cpu_count()} CPUs, Python {platform.python_version()}\n")
        targets = [("POST /sparql (4 queries in rotation)", sparql_requests(url))]
        search, why = search_requests(url)
        if search is None:
            print(f"/search skipped: {why}\n")
        else:
            targets.append(("GET /search (5 queries in rotation)", search))
        for title, requests in targets:
            runs = []
            for clients in levels:
                run = asyncio.run(closed_loop(url, requests, clients, args.duration))
                runs.append(run)
                if run.errors:
                    failed = True
                    print(f"  {len(run.errors)} errors at {clients} clients, e.g. {run.errors[0]}", file=sys.stderr)
            print(table(title, runs) + "\n")
    finally:
        if server is not None:
            server.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
