"""Pick the embedder named by the settings."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import ConfigError
from kg.search.embed.base import Embedder

if TYPE_CHECKING:
    from kg.settings import Settings

EMBEDDERS = ("sentence-transformers", "hash")
_LOADED: dict[tuple[str, int], Embedder] = {}


def embedder_name(settings: "Settings") -> str:
    """The ``name`` the configured embedder will report, without loading a model."""
    if settings.embedder == "hash":
        from kg.search.embed.hash import HashEmbedder

        return HashEmbedder().name
    from kg.search.embed.st import DEFAULT_MODEL, is_default

    return DEFAULT_MODEL if is_default(settings.model) else settings.model


def create_embedder(settings: "Settings") -> Embedder:
    """The embedder for ``settings.embedder`` with model ``settings.model``.

    Raises:
        ConfigError: unknown embedder name.
        ModelNotFoundError: the model cannot be found locally.
    """
    kind = settings.embedder
    if kind == "hash":
        from kg.search.embed.hash import HashEmbedder

        return HashEmbedder()
    if kind in ("sentence-transformers", "st"):
        from kg.search.embed.st import SentenceTransformerEmbedder

        threads = getattr(settings, "embed_threads", 2)
        key = (settings.model, threads)
        # one model per process: the build (index, themes) and the searcher share it
        if key not in _LOADED:
            _LOADED[key] = SentenceTransformerEmbedder(settings.model, threads=threads)
        return _LOADED[key]
    raise ConfigError(f"unknown embedder {kind!r} (setting KG_EMBEDDER); choose one of {', '.join(EMBEDDERS)}")
