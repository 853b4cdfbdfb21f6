"""Find named entities in every passage and link them across documents.

One IRI per real-world entity: candidates are keyed by a normalised name (acronyms
resolved to their long forms first), each key takes the class most of its mentions
carry, and a second pass records every further mention of a known label or alias
(e.g. "Trident" in 2018 for the "Operation Trident" of 2006).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.build.corpus import CorpusDocument
from kg.build.extract.acronyms import glossary_acronyms, inline_acronyms
from kg.build.extract.entities import _GENERIC, Candidate, canonical, find_candidates, resolve_overlaps
from kg.iris import slug
from kg.records import Extraction, Item, Mention


def link_key(name: str, cls: str | None = None) -> str:
    """The linking key of a name: case, punctuation and a trailing 'programme' ignored."""
    n = canonical(name)
    n = re.sub(r"\s+(?:programme|programmes)$", "", n, flags=re.I)
    rest = re.sub(r"^(?:MPS|Met)\s+", "", n)
    if rest != n and len(rest.split()) >= 2 and rest.lower() not in _GENERIC:
        n = rest  # "MPS Safer Neighbourhoods programme" is the Safer Neighbourhoods programme
    return slug(n)


def corpus_acronyms(corpus: list[CorpusDocument]) -> dict[str, str]:
    """Glossary entries first, then every "Long Form (ABBR)" in any block."""
    acr: dict[str, str] = {}
    for doc in corpus:
        acr.update({k: v for k, v in glossary_acronyms(doc.blocks).items() if k not in acr})
    for doc in corpus:
        for b in doc.blocks:
            for long_form, abbr, _, _ in inline_acronyms(b.text):
                acr[abbr] = long_form  # an explicit definition beats a glossary line
                if abbr.endswith("s") and abbr[:-1].isupper():
                    acr.setdefault(abbr[:-1], long_form.rstrip("s"))
    return acr


def common_words(corpus: list[CorpusDocument]) -> set[str]:
    """Words used mostly in lower case: a capitalised one is a sentence start, not a name."""
    text = "\n".join(d.parsed.text for d in corpus)
    low = Counter(re.findall(r"\b[a-z]+\b", text))
    cap = Counter(w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", text))
    return {w for w, n in low.items() if n > cap[w]}


def _inline_all(corpus: list[CorpusDocument]):
    for doc in corpus:
        for b in doc.blocks:
            yield from inline_acronyms(b.text)


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def is_generic(label: str, cls: str, text: str, defined: set[str], acr: dict[str, str]) -> bool:
    """A kind of thing rather than a named one: the corpus uses it in the plural
    ("BCUs", "Independent Advisory Groups") or in lower case ("deputy commissioner"),
    unless it is somewhere introduced as a capitalised long form with an acronym."""
    if cls in ("Person", "Place"):
        return False
    words = label.split()
    if label.isupper():
        return bool(re.search(rf"\b{re.escape(label)}s\b", text))
    plural = " ".join(words[:-1] + [_plural(words[-1])])
    if re.search(rf"\b{re.escape(plural)}\b", text, re.I):
        return True
    abbr = next((a for a, lf in acr.items() if lf.lower() == label.lower()), None)
    if abbr and re.search(rf"\b{re.escape(abbr)}s\b", text):
        return True
    if label.lower() in defined:
        return False
    return len(words) > 1 and re.search(rf"(?<![A-Za-z]){re.escape(label.lower())}\b", text) is not None


def extract_entities(corpus: list[CorpusDocument], out: Extraction) -> None:
    """Add linked named entities and their mentions to ``out``."""
    acr = corpus_acronyms(corpus)
    common = common_words(corpus)
    found: list[tuple[str, Candidate]] = []  # (passage id, candidate)
    for doc in corpus:
        for p in doc.passages:
            for c in resolve_overlaps(find_candidates(p.text, acr, common)):
                found.append((p.id, c))

    classes: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for _, c in found:
        k = link_key(c.name)
        classes[k][c.cls] += 1
        labels[k][c.name] += 1
    text = "\n".join(p.text for d in corpus for p in d.passages)
    defined = {long_form.lower() for long_form, _, _, _ in _inline_all(corpus) if long_form[:1].isupper()}
    generic = {k for k in classes if is_generic(max(labels[k], key=labels[k].get), classes[k].most_common(1)[0][0], text, defined, acr)}
    found = [(pid, c) for pid, c in found if link_key(c.name) not in generic]
    classes = {k: v for k, v in classes.items() if k not in generic}
    items: dict[str, Item] = {}
    for k, cls_counts in classes.items():
        cls = cls_counts.most_common(1)[0][0]
        label = max(labels[k].items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        items[k] = Item(key=f"{cls.lower()}/{k}", cls=cls, label=label)
        items[k].alt_labels |= {lbl for lbl in labels[k] if lbl != label}

    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for pid, c in found:
        it = items[link_key(c.name)]
        surface = c.surface.strip()
        if surface != it.label and surface.lower() != it.label.lower():
            it.alt_labels.add(surface)
        if c.acronym:
            it.alt_labels.add(c.acronym)
            it.add_prop("acronym", c.acronym)
        if c.role:
            it.add_prop("role", c.role)
        it.add_passage(pid)
        out.mentions.append(Mention(it.key, pid, c.start, c.end, c.surface))
        covered[pid].append((c.start, c.end))

    # acronyms whose long form is an entity become its alt labels
    for abbr, long_form in acr.items():
        k = link_key(long_form)
        if k in items and sum(ch.isupper() for ch in abbr) >= 2:
            items[k].alt_labels.add(abbr)
            items[k].add_prop("acronym", abbr)
    _add_short_aliases(items.values(), common)
    _alias_pass(corpus, items, out, covered)
    for it in items.values():
        if it.passages:
            out.add(it)


def _add_short_aliases(items, common: set[str]) -> None:
    """'Operation Trident' is also called 'Trident'; 'Project Servator' 'Servator'."""
    for it in items:
        m = re.match(r"^(?:Operation|Project)\s+([A-Z][a-z]+)$", it.label)
        if it.cls == "Initiative" and m and m.group(1).lower() not in common:
            it.alt_labels.add(m.group(1))


def _alias_pass(corpus: list[CorpusDocument], items: dict[str, Item], out: Extraction, covered: dict[str, list[tuple[int, int]]]) -> None:
    """Record mentions of known labels and aliases that the first pass did not see."""
    names: dict[str, Item] = {}
    for it in items.values():
        for name in {it.label, *it.alt_labels}:
            if len(name) >= 3 and (len(name) >= 5 or name.isupper()):
                names.setdefault(name, it)
    if not names:
        return
    compiled = {n: re.compile(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", re.I) for n in names}
    for doc in corpus:
        for p in doc.passages:
            spans = covered[p.id]
            low = p.text.lower()
            for name, rx in compiled.items():
                if name.lower() not in low:
                    continue
                for m in rx.finditer(p.text):
                    surface = m.group(0)
                    if not surface[:1].isupper() or (name.isupper() and surface != name):
                        continue  # names are capitalised; acronyms match case-sensitively
                    s, e = m.start(), m.end()
                    if any(s == a and e == b for a, b in spans):
                        continue
                    if any(a < e and s < b and not (a <= s and e <= b) for a, b in spans):
                        continue  # crosses another mention
                    it = names[name]
                    if any(a <= s and e <= b for a, b in spans) and not _distinct_inside(it, s, e, out, p.id):
                        continue
                    it.add_passage(p.id)
                    out.mentions.append(Mention(it.key, p.id, s, e, surface))
                    spans.append((s, e))


def _distinct_inside(it: Item, s: int, e: int, out: Extraction, pid: str) -> bool:
    """A name nested in a longer mention counts only if it names a different entity
    (e.g. 'Trident' inside 'Trident and Area Crime Command')."""
    for m in out.mentions:
        if m.passage == pid and m.start <= s and e <= m.end and m.entity == it.key:
            return False
    return True
