"""Fixtures: a tiny data directory laid out like a real build, and a real server over it.

The server is uvicorn in a subprocess on a free loopback port (``api.testing.LiveServer``).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from api_support import server_env, tiny_data_dir

from api.testing import LiveServer


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    return tiny_data_dir(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="session")
def server(data_dir):
    """The shared server: tests using it must not change its data or kill its workers.

    At the end its log must hold no traceback: every odd input was answered on purpose.
    """
    with LiveServer(server_env(data_dir)) as srv:
        yield srv
    assert "Traceback" not in srv.log(), srv.log()[-5000:]


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.url
