"""Minting of stable IRIs: the same thing gets the same IRI on every build."""
from __future__ import annotations

import re
import unicodedata

VOCAB = "https://w3id.org/metkg/ns#"  # the ontology's own terms
THEMES = "https://w3id.org/metkg/theme/"


def slug(text: str, max_len: int = 80) -> str:
    """ASCII kebab-case slug: 'Stalking Threat Assessment Centre' -> 'stalking-threat-assessment-centre'."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    t = t.replace("&", " and ").replace("'", "").replace("’", "")
    t = re.sub(r"[^A-Za-z0-9]+", "-", t).strip("-").lower()
    return t[:max_len].rstrip("-") or "x"


class Minter:
    """IRIs under the configured base IRI."""

    def __init__(self, base_iri: str):
        self.base = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"

    def document(self, doc_id: str) -> str:
        return f"{self.base}id/document/{doc_id}"

    def passage(self, passage_id: str) -> str:
        return f"{self.base}id/passage/{passage_id}"

    def section(self, doc_id: str, path: tuple[str, ...]) -> str:
        return f"{self.base}id/section/{doc_id}/" + "/".join(slug(p, 40) for p in path)

    def item(self, key: str) -> str:
        """``key`` is 'class/slug...' (see ``kg.records.Item``)."""
        return f"{self.base}id/{key}"

    def graph(self, doc_id: str) -> str:
        return f"{self.base}graph/{doc_id}"

    @property
    def ontology_graph(self) -> str:
        return f"{self.base}graph/ontology"

    @property
    def entities_graph(self) -> str:
        """Entities named across documents: type, labels, aliases."""
        return f"{self.base}graph/entities"

    @property
    def analysis_graph(self) -> str:
        """Derived cross-document data: entity themes and evolution links."""
        return f"{self.base}graph/analysis"

    def link(self, source: str, relation: str, target: str) -> str:
        return f"{self.base}id/link/{source}/{relation}/{target}"

    def mention(self, passage_id: str, start: int, end: int) -> str:
        return f"{self.base}id/mention/{passage_id}/{start}-{end}"

    def key_of(self, iri: str) -> str | None:
        """Inverse of ``item``/``passage``/``document``: the path after ``id/``."""
        prefix = f"{self.base}id/"
        return iri[len(prefix):] if iri.startswith(prefix) else None
