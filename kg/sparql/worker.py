"""What a SPARQL worker process does: inspect, run and serialise one query at a time.

``run_query`` is plain code (tests call it in-process); ``main`` is the entry point of a
worker process started by ``kg.sparql.pool``. A worker opens the store read-only, and
reopens when a job names another store directory (a new build), so every answer comes
wholly from the one store the job names.
"""
from __future__ import annotations

import os
import re
import signal
import sys
import threading
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from kg import errors
from kg.errors import ForbiddenQueryError, KGError, NotAcceptableError, QueryError
from kg.sparql.inspection import READ_ONLY, inspect_query, is_update
from kg.sparql.limits import check_query
from kg.sparql.negotiate import GRAPH, RESULTS, Choice, MediaRange, available, choose
from kg.sparql.results import write_boolean, write_solutions
from kg.store import BooleanResult, GraphResult, SolutionsResult, Store, open_store

STACK_BYTES = 256 * 1024 * 1024  # deep (but capped) nesting needs more than the default 8 MiB
GRAPH_FORMS = {"construct", "describe"}
MAX_MESSAGE = 300
_CHAR_CLASS = re.compile(r"\[[^\[\]]*\.\.=[^\[\]]*\]")


@dataclass(frozen=True)
class WorkerConfig:
    store_kind: str = "oxigraph"
    base_iri: str = "https://metkg.example.org/"
    max_length: int = 20_000
    max_depth: int = 64
    memory_mb: int = 0


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker. Empty dataset tuples mean "not given by the protocol"."""

    store: str  # store directory
    query: str
    accept: tuple[MediaRange, ...]
    max_rows: int
    union_default_graph: bool = True
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatsJob:
    store: str


@dataclass(frozen=True)
class QueryOutput:
    body: bytes
    media_type: str
    kind: str  # RESULTS or GRAPH
    truncated: bool = False


@dataclass
class OpenStore:
    path: str
    store: Store
    graphs: frozenset[str] = field(default_factory=frozenset)


class StoreUnavailableError(KGError):
    """The store directory named by a job could not be opened (e.g. a pruned build)."""


def run_query(store: Store, graphs: frozenset[str], job: QueryJob, config: WorkerConfig) -> QueryOutput:
    """Inspect, run and serialise ``job.query`` against ``store``.

    Raises:
        QueryError and subclasses: syntax errors, forbidden parts, caps.
        NotAcceptableError: no accepted format for this kind of result.
    """
    text = check_query(job.query, max_length=config.max_length, max_depth=config.max_depth)
    info = inspect_query(text, base=config.base_iri)
    for g in info.from_graphs + info.from_named:
        if g not in graphs:
            raise ForbiddenQueryError(
                f"FROM <{g}> names no graph in this store; FROM selects among the store's own graphs "
                "and this endpoint never fetches remote data"
            )
    if info.form is not None:
        _negotiate(job.accept, GRAPH if info.form in GRAPH_FORMS else RESULTS)
    kwargs: dict[str, object] = {"max_rows": job.max_rows}
    if job.default_graphs or job.named_graphs:  # the protocol's dataset overrides FROM
        kwargs.update(default_graph=list(job.default_graphs), named_graphs=list(job.named_graphs))
    else:
        # Oxigraph's union flag would override a FROM clause, so only set it without one.
        kwargs["union_default_graph"] = job.union_default_graph and not info.has_dataset
    prefix = f"BASE <{config.base_iri}> "  # resolves relative IRIs; no newline, so lines keep their numbers
    try:
        result = store.query(prefix + text, **kwargs)  # type: ignore[arg-type]
    except QueryError as exc:
        if info.form is None and exc.line is not None and is_update(text):  # rdflib was skipped: ask it now
            raise ForbiddenQueryError(READ_ONLY) from None
        col = exc.column - len(prefix) if exc.line == 1 and exc.column and exc.column > len(prefix) else exc.column
        message = exc.message.replace(f"at 1:{exc.column}:", f"at 1:{col}:")
        message = _CHAR_CLASS.sub("<name character>", message)  # Oxigraph spells out Unicode ranges
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        raise type(exc)(message, exc.line, col) from None
    if isinstance(result, GraphResult):
        choice = _negotiate(job.accept, GRAPH)
        body = store.serialize(result, choice.format.name)
        return QueryOutput(body, choice.content_type, GRAPH, result.truncated)
    choice = _negotiate(job.accept, RESULTS)
    if isinstance(result, BooleanResult):
        return QueryOutput(write_boolean(choice.format.name, result.value), choice.content_type, RESULTS)
    assert isinstance(result, SolutionsResult)
    body = write_solutions(choice.format.name, result.variables, result.rows)
    return QueryOutput(body, choice.content_type, RESULTS, result.truncated)


def _negotiate(accept: tuple[MediaRange, ...], kind: str) -> Choice:
    choice = choose(accept, kind)
    if choice is None:
        what = "a graph (CONSTRUCT/DESCRIBE)" if kind == GRAPH else "query results (SELECT/ASK)"
        raise NotAcceptableError(
            f"cannot write {what} in any media type the Accept header allows; available: {', '.join(available(kind))}",
            available(kind),
        )
    return choice


def dataset_stats(store: Store) -> dict:
    """Counts for the VoID and service descriptions (default graph = union of all graphs)."""

    def one(q: str, union: bool = True) -> int:
        res = store.query(q, union_default_graph=union)
        assert isinstance(res, SolutionsResult)
        return int(res.rows[0]["n"].value) if res.rows and "n" in res.rows[0] else 0  # type: ignore[attr-defined]

    per_graph = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert isinstance(per_graph, SolutionsResult)
    return {
        "triples": store.count(),
        "default_graph_triples": one("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union=False),
        "graphs": {str(r["g"].value): int(r["n"].value) for r in per_graph.rows},  # type: ignore[attr-defined]
        "distinct_subjects": one("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        "distinct_objects": one("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        "properties": one("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"),
        "classes": one("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"),
    }


# --- the process ------------------------------------------------------------------------

def encode_error(exc: BaseException) -> tuple:
    """A picklable description of an error: (class name, message, line, column, available)."""
    if isinstance(exc, QueryError):
        return (type(exc).__name__, exc.message, exc.line, exc.column, None)
    if isinstance(exc, NotAcceptableError):
        return (type(exc).__name__, str(exc), None, None, exc.available)
    return (type(exc).__name__, str(exc), None, None, None)


def decode_error(data: tuple) -> KGError:
    name, message, line, column, avail = data
    if name == "StoreUnavailableError":
        return StoreUnavailableError(message)
    cls = getattr(errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, KGError)):
        return QueryError(message, line, column)
    if issubclass(cls, QueryError):
        return cls(message, line, column)
    if issubclass(cls, NotAcceptableError):
        return cls(message, avail or ())
    return cls(message)


def main(conn: Connection, config: WorkerConfig) -> None:
    """Worker process entry point: serve jobs from ``conn`` until EOF or ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server stops us
    _die_with_parent()
    _limit_memory(config.memory_mb)
    sys.setrecursionlimit(100_000)
    threading.stack_size(STACK_BYTES)
    t = threading.Thread(target=_serve, args=(conn, config), name="sparql-worker")
    t.start()
    t.join()


def _serve(conn: Connection, config: WorkerConfig) -> None:
    inspect_query("SELECT * FROM <x:warm-up> {}", base=config.base_iri)  # build the grammar now, not on a request
    current: OpenStore | None = None
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(("ack", None))
        except (OSError, ValueError):
            return
        try:
            current = _open(current, job.store, config)
            if isinstance(job, StatsJob):
                reply: object = dataset_stats(current.store)
            else:
                reply = run_query(current.store, current.graphs, job, config)
            message: tuple = ("ok", reply)
        except KGError as exc:
            message = ("error", encode_error(exc))
        except Exception as exc:  # noqa: BLE001 - an odd query must not kill the worker
            traceback.print_exc(file=sys.stderr)
            message = ("error", ("QueryError", f"query evaluation failed: {type(exc).__name__}: {exc}", None, None, None))
        try:
            conn.send(message)
        except (OSError, ValueError):
            return


def _open(current: OpenStore | None, path: str, config: WorkerConfig) -> OpenStore:
    if current is not None and current.path == path:
        return current
    if current is not None:
        current.store.close()
    try:
        store = open_store(config.store_kind, Path(path), read_only=True)
        graphs = frozenset(store.named_graphs())
    except (OSError, RuntimeError, ValueError) as exc:
        raise StoreUnavailableError(f"cannot open the store at {path}: {exc}") from None
    return OpenStore(path, store, graphs)


def _die_with_parent() -> None:
    """Linux: get SIGKILL when the thread that spawned us (the pool supervisor) dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:
        os._exit(1)


def _limit_memory(mb: int) -> None:
    if mb <= 0:
        return
    try:
        import resource

        limit = mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass
