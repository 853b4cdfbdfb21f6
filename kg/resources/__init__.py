"""Documents, passages, entities and linked-data descriptions of a build, read from its store.

``ResourceService`` is what a long-running server holds. On each call of ``current()`` it
resolves the build ``current`` points to and returns that build's ``Resources``: an open
read-only store plus, opened on first use and kept for the build's lifetime, its
``Searcher`` and ``TimelineService`` (the embedding model takes seconds to load). When a
rebuild switches ``current``, the next call opens the new build; requests already holding
the old ``Resources`` finish on it, and its store closes when the last one lets go.

>>> res = ResourceService(load_settings()).current()       # doctest: +SKIP
>>> res.entity("unit/hate-crime-unit").label                 # doctest: +SKIP
'Hate Crime Unit'
>>> res.describe(res.minter.item("unit/hate-crime-unit"), "turtle").media_type  # doctest: +SKIP
'text/turtle; charset=utf-8'

The package splits by responsibility: ``records`` (what is returned), ``queries``
(``Resources``), ``service`` (``ResourceService``), ``negotiation`` and ``html_view``
(linked-data formats), ``terms`` (SPARQL values). Import from ``kg.resources``.
"""
from __future__ import annotations

from kg.resources.html_view import CURIES, HTML_MAX_ROWS, LABELS, STYLE, render_html
from kg.resources.negotiation import LD_FORMATS, LD_MEDIA_TYPES, negotiate
from kg.resources.queries import DOC_PROPS, MENTION_LIMIT, PREFIXES, RELATED_LIMIT, Resources
from kg.resources import records
from kg.resources.records import *  # noqa: F403 - the records are part of the package's interface
from kg.resources.service import ResourceService
from kg.resources.terms import DCT, KGO, iri_ref

__all__ = [
    "CURIES", "DCT", "DOC_PROPS", "HTML_MAX_ROWS", "KGO", "LABELS", "LD_FORMATS", "LD_MEDIA_TYPES", "MENTION_LIMIT",
    "PREFIXES", "RELATED_LIMIT", "STYLE", "ResourceService", "Resources", "iri_ref", "negotiate", "render_html",
    *records.__all__,
]
