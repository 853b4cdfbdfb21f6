"""A server whose store holds the W3C protocol suite's data as named graphs."""
from __future__ import annotations

from pathlib import Path

import pytest

from api.testing import LiveServer
from kg.store.oxigraph import OxigraphStore

SUITE = Path(__file__).parent / "sparql11-protocol"
DATA_GRAPH = "http://kasei.us/2009/09/sparql/data/{name}.rdf"


def make_suite_store(path: Path) -> Path:
    store = OxigraphStore(path, read_only=False)
    for nt in sorted(SUITE.glob("data*.nt")):
        store.load_file(nt, graph=DATA_GRAPH.format(name=nt.stem))
    store.close()
    return path


@pytest.fixture(scope="session")
def w3c_server(tmp_path_factory):
    store = make_suite_store(tmp_path_factory.mktemp("w3c") / "store")
    env = {"KG_STORE_PATH": str(store), "KG_QUERY_TIMEOUT": "5", "KG_SPARQL_WORKERS": "2"}
    with LiveServer(env) as srv:
        yield srv
    assert "Traceback" not in srv.log(), srv.log()[-5000:]
