"""The seed catalog: ``seeds/catalog.toml``, one ``[[document]]`` table per file."""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import fields
from pathlib import Path

from kg.errors import CatalogError
from kg.records import DocumentMeta

GENRES = {"inspection_report", "business_plan_update", "oversight_board_paper"}
FIELDS = {f.name for f in fields(DocumentMeta)}
CATALOG_FILE = "catalog.toml"


def load_catalog(seeds_dir: Path) -> list[DocumentMeta]:
    """Read and check the catalog; every entry must name an existing seed file.

    Raises:
        CatalogError: missing catalog, unknown or missing field, bad date or genre,
            duplicate id, or a missing seed file.
    """
    path = seeds_dir / CATALOG_FILE
    if not path.is_file():
        raise CatalogError(f"no {CATALOG_FILE} found; create one with a [[document]] entry per seed file", str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"not valid TOML: {exc}", str(path)) from exc
    extra = set(data) - {"document"}
    if extra:
        raise CatalogError(f"unknown top-level key(s) {sorted(extra)}; only [[document]] tables are allowed", str(path))
    docs: list[DocumentMeta] = []
    seen: set[str] = set()
    for n, entry in enumerate(data.get("document", []), start=1):
        where = f"{path} (document #{n})"
        unknown = set(entry) - FIELDS
        if unknown:
            raise CatalogError(
                f"unknown catalog field(s) {sorted(unknown)}; allowed: {sorted(FIELDS)}", where, sorted(unknown)[0]
            )
        missing = FIELDS - set(entry)
        if missing:
            raise CatalogError(f"missing catalog field(s) {sorted(missing)}", where, sorted(missing)[0])
        values = {k: str(v) for k, v in entry.items()}
        for key in ("issued", "period_start", "period_end"):
            try:
                dt.date.fromisoformat(values[key])
            except ValueError:
                raise CatalogError(f"field {key!r} must be an ISO date (YYYY-MM-DD), got {values[key]!r}", where, key)
        if values["genre"] not in GENRES:
            raise CatalogError(f"field 'genre' must be one of {sorted(GENRES)}, got {values['genre']!r}", where, "genre")
        if values["id"] in seen:
            raise CatalogError(f"duplicate document id {values['id']!r}", where, "id")
        seen.add(values["id"])
        if not (seeds_dir / values["file"]).is_file():
            raise CatalogError(f"seed file {values['file']!r} does not exist in {seeds_dir}", where, "file")
        docs.append(DocumentMeta(**values))
    if not docs:
        raise CatalogError("the catalog lists no documents", str(path))
    return docs
