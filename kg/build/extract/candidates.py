"""Entity candidates: what a rule finds and the passage the rules add it to.

Rules may find overlapping candidates; ``resolve_overlaps`` keeps the longest.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.build.extract.names import canonical


@dataclass(frozen=True)
class Candidate:
    """An entity named in a passage: surface text, class, span in the passage, canonical name."""

    surface: str
    cls: str
    start: int
    end: int
    name: str
    role: str | None = None
    acronym: str | None = None
    # what the candidate rests on: "shape" (its own words), "marked" (the text marks it as a
    # name: quotes, an acronym definition; used in lower case elsewhere it is still a name)
    # or "context" (its class is guessed from its surroundings; other mentions decide)
    basis: str = "shape"


class _Text:
    """A passage with what the rules share: corpus acronyms and words used mostly in lower case."""

    def __init__(self, text: str, acronyms: dict[str, str], common: set[str]):
        self.text = text
        self.acronyms = acronyms
        self.common = common
        self.out: list[Candidate] = []

    def add(self, start: int, end: int, cls: str, name: str | None = None, **kw) -> None:
        surface = self.text[start:end]
        self.out.append(Candidate(surface, cls, start, end, name or canonical(surface), **kw))

    def sentence_initial(self, pos: int) -> bool:
        before = self.text[:pos].rstrip()
        return not before or before[-1] in ".!?:•\n|\"“‘'"

    def imperative_start(self, pos: int) -> bool:
        before = self.text[:pos].rstrip()
        return not before or before[-1] in ":•\n|\"“‘'-"


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidate where spans overlap; acronyms never lose to a generic phrase."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            prev = out[-1]
            if (c.end - c.start) > (prev.end - prev.start):
                out[-1] = c
            continue
        out.append(c)
    return out
