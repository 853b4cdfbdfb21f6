"""A pool of SPARQL worker processes that are killed and replaced on timeout.

Neither pyoxigraph nor rdflib can interrupt a running query, and a thread cannot be
killed, so queries run in separate processes (``spawn`` context: no inherited locks or
open stores). A caller borrows an idle worker, sends one job and waits at most the query
timeout; a worker that overruns is SIGKILLed and a replacement is started by the
supervisor thread, so a runaway query costs neither a core nor a slot for long. A worker
that dies (a crash, the memory cap, an outside kill) is replaced the same way.

All processes are started from the one long-lived supervisor thread: on Linux each worker
asks for SIGKILL when the thread that started it exits, so none outlives the server.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Self

from kg.errors import OverloadedError, QueryAbortedError, QueryTimeoutError
from kg.sparql import worker as worker_mod
from kg.sparql.worker import WorkerConfig

log = logging.getLogger("kg.sparql.pool")
ACK = ("ack", None)
ACK_TIMEOUT = 5.0
REAP_INTERVAL = 1.0  # how often the supervisor looks for workers that died while idle


@dataclass(eq=False)
class _Worker:
    proc: Any  # multiprocessing.Process (spawn context)
    conn: Connection
    pid: int

    def alive(self) -> bool:
        return self.proc.is_alive()


class WorkerPool:
    """``size`` worker processes answering ``submit`` calls from any number of threads.

    >>> pool = WorkerPool(1, WorkerConfig())          # doctest: +SKIP
    >>> pool.start(); pool.submit(job, timeout=10.0)   # doctest: +SKIP
    """

    def __init__(self, size: int, config: WorkerConfig, *, start_timeout: float = 60.0):
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self.config = config
        self.start_timeout = start_timeout
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._requests: queue.Queue[int | None] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._supervisor: threading.Thread | None = None
        self.started = 0  # processes started so far (replacements included)
        self.replaced = 0

    # --- life cycle -----------------------------------------------------------------

    def start(self, wait: bool = True) -> None:
        """Start the supervisor and the workers; with ``wait``, return once all are ready."""
        if self._supervisor is not None:
            return
        self._supervisor = threading.Thread(target=self._supervise, name="sparql-pool-supervisor", daemon=True)
        self._supervisor.start()
        for _ in range(self.size):
            self._requests.put(1)
        if wait:
            deadline = time.monotonic() + self.start_timeout
            while self._idle.qsize() < self.size:
                if time.monotonic() > deadline:
                    raise OverloadedError(f"the SPARQL workers did not start within {self.start_timeout:g} s")
                time.sleep(0.02)

    def close(self) -> None:
        """Stop every worker (politely, then SIGKILL) and the supervisor."""
        self._closed = True
        self._requests.put(None)
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2.0
        for w in workers:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(2.0)
            w.conn.close()
        if self._supervisor is not None:
            self._supervisor.join(5.0)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- work -----------------------------------------------------------------------

    def submit(self, job: object, *, timeout: float, wait: float | None = None) -> object:
        """Run ``job`` on an idle worker and return its reply payload.

        Args:
            job: a picklable job for ``kg.sparql.worker``.
            timeout: seconds the job may run before its worker is killed.
            wait: seconds to wait for an idle worker (default: ``timeout``).

        Raises:
            QueryTimeoutError: the job overran; its worker was killed and is being replaced.
            QueryAbortedError: the worker died while running the job.
            OverloadedError: no worker became idle in time (or the pool is closed).
            KGError: whatever the worker reported (decoded from its reply).
        """
        deadline = time.monotonic() + (timeout if wait is None else wait)
        while True:
            if self._closed:
                raise OverloadedError("the SPARQL service is shutting down")
            try:
                w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise OverloadedError(
                    f"all {self.size} SPARQL workers stayed busy for {timeout if wait is None else wait:g} s; retry later"
                ) from None
            if not w.alive():  # died while idle (outside kill): replace it, try another
                self._retire(w)
                continue
            try:
                w.conn.send(job)
                # The worker acknowledges before working: EOF here means it was already
                # dead (killed while idle), so the job never started and can go elsewhere.
                acked = w.conn.poll(ACK_TIMEOUT) and w.conn.recv() == ACK
            except (EOFError, OSError, ValueError):
                acked = False
            if not acked:
                self._retire(w)
                continue
            break
        try:
            ready = w.conn.poll(timeout)
        except (OSError, ValueError):
            ready = True  # broken pipe: recv below reports it
        if not ready:
            self._retire(w, kill=True)
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")
        try:
            status, payload = w.conn.recv()
        except (EOFError, OSError, ValueError):
            code = self._retire(w)
            raise QueryAbortedError(
                f"the worker evaluating the query exited unexpectedly (exit code {code}); it has been replaced"
            ) from None
        self._idle.put(w)
        if status == "ok":
            return payload
        raise worker_mod.decode_error(payload)

    # --- introspection ----------------------------------------------------------------

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.pid for w in self._workers if w.alive())

    def status(self) -> dict:
        return {"size": self.size, "alive": len(self.pids()), "started": self.started, "replaced": self.replaced}

    # --- internals --------------------------------------------------------------------

    def _retire(self, w: _Worker, kill: bool = True) -> int | None:
        """Remove a worker (killing it) and ask the supervisor for a replacement."""
        with self._lock:
            known = w in self._workers
            self._workers.discard(w)
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(5.0)
        try:
            w.conn.close()
        except OSError:
            pass
        if known and not self._closed:
            self.replaced += 1
            self._requests.put(1)
        return w.proc.exitcode

    def _reap(self) -> None:
        """Replace workers that died while idle (they stay queued; ``submit`` drops them)."""
        with self._lock:
            dead = [w for w in self._workers if not w.alive()]
            self._workers.difference_update(dead)
        for w in dead:
            w.proc.join(0.1)
            self.replaced += 1
            self._requests.put(1)

    def _supervise(self) -> None:
        backoff = 0.5
        while True:
            try:
                req = self._requests.get(timeout=REAP_INTERVAL)
            except queue.Empty:
                if not self._closed:
                    self._reap()
                continue
            if req is None or self._closed:
                if req is None:
                    return
                continue
            try:
                w = self._spawn()
            except Exception as exc:  # noqa: BLE001 - keep supervising; retry with backoff
                log.error("could not start a SPARQL worker: %s; retrying in %.1f s", exc, backoff)
                time.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
                self._requests.put(1)
                continue
            backoff = 0.5
            if self._closed:
                w.proc.kill()
                w.proc.join(2.0)
                continue
            with self._lock:
                self._workers.add(w)
            self._idle.put(w)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=worker_mod.main, args=(child, self.config), name="kg-sparql-worker", daemon=True
        )
        proc.start()
        child.close()  # so that the parent sees EOF when the worker dies
        self.started += 1
        try:
            if not parent.poll(self.start_timeout):
                raise RuntimeError(f"worker {proc.pid} did not report ready within {self.start_timeout:g} s")
            tag, pid = parent.recv()
            if tag != "ready":
                raise RuntimeError(f"unexpected first message from worker {proc.pid}: {tag!r}")
        except BaseException:
            proc.kill()
            proc.join(2.0)
            parent.close()
            raise
        return _Worker(proc, parent, pid)
