"""Faults on a real server: runaway queries, killed workers, rebuilds under load."""
from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from api_support import DOCS, PASSAGES_PER_DOC, make_build, server_env, switch_current, tiny_data_dir

from api.testing import LiveServer

TIMEOUT = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"
TAGS = "SELECT ?tag (COUNT(*) AS ?n) WHERE { ?p <https://w3id.org/metkg/ns#build> ?tag } GROUP BY ?tag"


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    data = tiny_data_dir(tmp_path_factory.mktemp("faults"))
    with LiveServer(server_env(data, KG_QUERY_TIMEOUT=TIMEOUT)) as srv:
        srv.data_dir = data  # type: ignore[attr-defined]
        yield srv
    assert "Traceback" not in srv.log(), srv.log()[-5000:]


def wait_for(predicate, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_runaway_query_times_out_while_others_are_answered(faulty):
    before = set(faulty.worker_pids())
    assert len(before) == 2
    latencies: list[float] = []
    stop = threading.Event()

    def other_clients():
        with httpx.Client(base_url=faulty.url, timeout=30) as c:
            while not stop.is_set():
                t0 = time.monotonic()
                r = c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
                assert r.status_code == 200
                latencies.append(time.monotonic() - t0)
                time.sleep(0.05)

    t = threading.Thread(target=other_clients)
    t.start()
    try:
        t0 = time.monotonic()
        r = httpx.post(faulty.url + "/sparql", data={"query": RUNAWAY}, timeout=30)
        elapsed = time.monotonic() - t0
    finally:
        stop.set()
        t.join(10)
    assert r.status_code == 503, r.text
    assert r.json()["type"].endswith("query-timeout")
    assert TIMEOUT <= elapsed < TIMEOUT + 3
    assert len(latencies) >= 5 and max(latencies) < 1.0  # the other worker kept answering
    gone = before - set(faulty.worker_pids())
    assert len(gone) == 1  # the runaway's worker was killed: it burns no more CPU
    (pid,) = gone
    assert not os.path.exists(f"/proc/{pid}")
    assert wait_for(lambda: len(faulty.worker_pids()) == 2)  # and replaced


def test_a_killed_worker_is_replaced(faulty):
    assert wait_for(lambda: len(faulty.worker_pids()) == 2)
    victim = faulty.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    with httpx.Client(base_url=faulty.url, timeout=30) as c:
        for _ in range(10):
            assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        assert wait_for(lambda: c.get("/health").json()["workers"]["alive"] == 2)
        assert victim not in faulty.worker_pids() and len(faulty.worker_pids()) == 2
        assert c.get("/health").json()["workers"]["replaced"] >= 1


def test_a_worker_killed_while_idle_is_replaced_without_traffic(faulty):
    assert wait_for(lambda: len(faulty.worker_pids()) == 2)
    victim = faulty.worker_pids()[-1]
    os.kill(victim, signal.SIGKILL)
    health = lambda: httpx.get(faulty.url + "/health").json()["workers"]
    assert wait_for(lambda: health()["alive"] == 2 and victim not in faulty.worker_pids())


def test_idle_workers_burn_no_cpu(faulty):
    assert wait_for(lambda: len(faulty.worker_pids()) == 2)
    pids = faulty.worker_pids()
    before = {p: cpu_ticks(p) for p in pids}
    time.sleep(1.0)
    assert all(cpu_ticks(p) - before[p] <= 5 for p in pids)  # at most 50 ms of CPU in a second


def test_rebuild_under_load_never_mixes_builds(faulty):
    data = faulty.data_dir
    expected = len(DOCS) * PASSAGES_PER_DOC
    seen: dict[str, int] = {}
    failures: list[str] = []
    stop = threading.Event()

    def client():
        with httpx.Client(base_url=faulty.url, timeout=30) as c:
            while not stop.is_set():
                r = c.get("/sparql", params={"query": TAGS})
                if r.status_code != 200:
                    failures.append(f"{r.status_code}: {r.text}")
                    continue
                rows = r.json()["results"]["bindings"]
                tags = {row["tag"]["value"]: int(row["n"]["value"]) for row in rows}
                build = r.headers["x-build-id"]
                if tags != {build: expected}:  # one build, whole, and the one the header names
                    failures.append(f"mixed answer {tags} under build {build}")
                seen[build] = seen.get(build, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        builds = ["b1"]
        for i in range(2, 8):
            time.sleep(0.3)
            make_build(data, f"b{i}")
            switch_current(data, f"b{i}")
            builds.append(f"b{i}")
            for old in builds[:-3]:  # prune like `kg build` does, keeping the last few
                shutil.rmtree(data / "builds" / old, ignore_errors=True)
        time.sleep(0.5)
    finally:
        stop.set()
        for t in threads:
            t.join(10)
    assert not failures, failures[:5]
    assert len(seen) >= 3 and "b7" in seen
    r = httpx.get(faulty.url + "/sparql", params={"query": TAGS})
    assert r.headers["x-build-id"] == "b7"
