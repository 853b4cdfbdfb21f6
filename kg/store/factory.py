from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError
from kg.store.base import Store


def open_store(kind: str, path: Path | None, *, read_only: bool = True) -> Store:
    """Open a store of ``kind`` at ``path`` (``None``: in memory)."""
    if kind == "oxigraph":
        from kg.store.oxigraph import OxigraphStore

        return OxigraphStore(path, read_only=read_only)
    raise ConfigError(f"unknown store {kind!r} (setting KG_STORE); available: 'oxigraph'")
