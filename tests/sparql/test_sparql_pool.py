"""Worker processes: timeouts kill and replace, dead workers are replaced (kg.sparql.pool)."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from sparql_support import fill

from kg.errors import QueryAbortedError, QueryError, QueryTimeoutError
from kg.sparql.negotiate import parse_accept
from kg.sparql.pool import WorkerPool
from kg.sparql.worker import QueryJob, StatsJob, WorkerConfig
from kg.store.oxigraph import OxigraphStore

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("poolstore") / "store"
    store = OxigraphStore(path, read_only=False)
    fill(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(2, WorkerConfig(max_length=5000, max_depth=32)) as p:
        yield p


def job(store_dir, query):
    return QueryJob(str(store_dir), query, parse_accept(None), 100)


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_answers(pool, store_dir):
    out = pool.submit(job(store_dir, "ASK { ?s ?p ?o }"), timeout=10)
    assert out.body == b'{"head": {}, "boolean": true}'
    with pytest.raises(QueryError):
        pool.submit(job(store_dir, "ASK {"), timeout=10)


def test_runaway_query_is_killed_and_its_worker_replaced(pool, store_dir):
    before = set(pool.pids())
    answers = []

    def others():  # the other worker keeps answering meanwhile
        while len(answers) < 5:
            pool.submit(job(store_dir, "ASK {}"), timeout=10)
            answers.append(time.monotonic())

    t0 = time.monotonic()
    t = threading.Thread(target=others)
    t.start()
    with pytest.raises(QueryTimeoutError):
        pool.submit(job(store_dir, RUNAWAY), timeout=1.0)
    elapsed = time.monotonic() - t0
    t.join(10)
    assert 1.0 <= elapsed < 5.0
    assert len(answers) == 5
    killed = before - set(pool.pids())
    assert len(killed) == 1
    (pid,) = killed
    assert not os.path.exists(f"/proc/{pid}") or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    assert wait_for(lambda: len(pool.pids()) == 2)


def test_a_killed_idle_worker_is_replaced(pool, store_dir):
    assert wait_for(lambda: len(pool.pids()) == 2)
    victim = pool.pids()[0]
    os.kill(victim, signal.SIGKILL)
    for _ in range(4):  # every request is still answered
        assert pool.submit(job(store_dir, "ASK {}"), timeout=10).body.startswith(b"{")
    assert wait_for(lambda: len(pool.pids()) == 2 and victim not in pool.pids())


def test_a_worker_dying_mid_query_reports_aborted(pool, store_dir):
    assert wait_for(lambda: len(pool.pids()) == 2)
    result = {}

    def run():
        try:
            pool.submit(job(store_dir, RUNAWAY), timeout=20)
        except Exception as exc:  # noqa: BLE001
            result["exc"] = exc

    before = set(pool.pids())
    t = threading.Thread(target=run)
    t.start()
    time.sleep(1.0)
    # the busy worker is the one not sitting idle: kill both candidates' busy one by CPU time
    busy = max(before, key=lambda p: int(Path(f"/proc/{p}/stat").read_text().split()[13]))
    os.kill(busy, signal.SIGKILL)
    t.join(10)
    assert isinstance(result.get("exc"), QueryAbortedError)
    assert wait_for(lambda: len(pool.pids()) == 2)


def test_a_job_naming_another_store_is_answered_from_that_store(pool, store_dir, tmp_path):
    other = tmp_path / "other"
    store = OxigraphStore(other, read_only=False)
    store.raw.update("INSERT DATA { GRAPH <http://example.org/only> { <http://a> <http://b> <http://c> } }")
    store.close()
    for _ in range(3):  # whichever worker takes it
        assert pool.submit(StatsJob(str(other)), timeout=10)["triples"] == 1
        assert pool.submit(StatsJob(str(store_dir)), timeout=10)["triples"] == 62
