"""Find named entities in every passage and link them across documents.

One IRI per real-world entity: candidates are keyed by a normalised name (acronyms
resolved to their long forms first; the bare name of an operation joins the operation,
"Trident" -> "Operation Trident"), each key takes the class most of its mentions carry
(mentions classed only by their context vote last), and kinds of things are dropped
(used in the plural, or in lower case at least as often as capitalised, unless the
text marks them as names). Programme items of the structure pass take the mentions of
their names. A second pass records every further mention of a known label or alias
(e.g. "Trident" in 2018 for the "Operation Trident" of 2006).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from kg.build.corpus import CorpusDocument
from kg.build.extract.acronyms import glossary_acronyms, inline_acronyms, lowercase_definitions
from kg.build.extract.entities import _GENERIC, Candidate, canonical, defined_class, find_candidates, resolve_overlaps
from kg.iris import slug
from kg.records import Extraction, Item, Mention


def link_key(name: str, cls: str | None = None) -> str:
    """The linking key of a name: case, punctuation and a trailing 'programme' ignored."""
    n = canonical(name)
    n = re.sub(r"\s+(?:programme|programmes)$", "", n, flags=re.IGNORECASE)
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


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def is_generic(label: str, cls: str, corpus: CorpusText, defined: set[str], acr: dict[str, str]) -> bool:
    """A kind of thing rather than a named one.

    The corpus uses it in the plural ("BCUs", "Independent Advisory Groups"), or in
    lower case at least as often as capitalised ("deputy commissioner", "domestic
    violence"), unless the text introduces it with an acronym ("homicide prevention
    unit (HPU)"). A name used now and then as ordinary words stays a name ("bring
    communities together" against five "Communities Together").
    """
    if cls in ("Person", "Place"):
        return False
    words = label.split()
    if label.isupper():
        return corpus.has(f"{label}s")
    plural = " ".join(words[:-1] + [_plural(words[-1])])
    # a one-word name may share its plural with a common noun ("Choice", "investment choices")
    if corpus.has(plural.lower(), ignore_case=True) if len(words) > 1 else corpus.has(plural):
        return True
    abbr = next((a for a, lf in acr.items() if lf.lower() == label.lower()), None)
    if abbr and corpus.has(f"{abbr}s"):
        return True
    if label.lower() in defined or len(words) < 2:
        return False
    lower = corpus.count(label.lower())
    return lower > 0 and lower >= corpus.count(label)


class CorpusText:
    """The text of all passages, for fast whole-word look-ups (exact and lower-cased)."""

    def __init__(self, text: str):
        self.text = text
        self.low = text.lower()

    def count(self, phrase: str) -> int:
        return len(self._find(phrase, self.text))

    def has(self, phrase: str, ignore_case: bool = False) -> bool:
        return bool(self._find(phrase, self.low if ignore_case else self.text, first=True))

    @staticmethod
    def _find(phrase: str, text: str, first: bool = False) -> list[int]:
        hits, i = [], text.find(phrase)
        while i != -1:
            j = i + len(phrase)
            if (i == 0 or not text[i - 1].isalpha()) and (j == len(text) or not text[j].isalnum()):
                hits.append(i)
                if first:
                    break
            i = text.find(phrase, i + 1)
        return hits


def extract_entities(corpus: list[CorpusDocument], out: Extraction) -> None:
    """Add linked named entities and their mentions to ``out``.

    Programmes that the structure pass already made (the numbered programmes of a
    business plan) take the mentions of their names instead of getting a twin.
    """
    acr = corpus_acronyms(corpus)
    common = common_words(corpus)
    found: list[tuple[str, Candidate]] = []  # (passage id, candidate)
    for doc in corpus:
        for p in doc.passages:
            for c in resolve_overlaps(find_candidates(p.text, acr, common)):
                found.append((p.id, c))

    text = CorpusText("\n".join(p.text for d in corpus for p in d.passages))
    defined = {lf.lower() for lf, _, _, _ in _definitions(corpus)}
    found = _name_with_head_when_generic(found, text, defined, acr)
    key_of = _key_map([c for _, c in found])
    classes, labels = _votes(found, key_of)
    structural = _structural_programmes(out)
    generic = _generic_keys(found, key_of, classes, labels, text, defined, acr) - set(structural)
    found = [(pid, c) for pid, c in found if key_of[c.name] not in generic]
    items: dict[str, Item] = {}
    for k, cls_counts in classes.items():
        if k in structural:
            items[k] = structural[k]
        elif k not in generic:
            cls = cls_counts.most_common(1)[0][0]
            label = _best_label(labels[k])
            items[k] = Item(key=f"{cls.lower()}/{k}", cls=cls, label=label)
            items[k].alt_labels |= {lbl for lbl in labels[k] if lbl != label}

    covered, closed = _record_mentions(found, key_of, items, out)
    # acronyms whose long form is an entity become its alt labels
    for abbr, long_form in acr.items():
        k = link_key(long_form)
        if k in items and sum(ch.isupper() for ch in abbr) >= 2:
            items[k].alt_labels.add(abbr)
            items[k].add_prop("acronym", abbr)
    for k, it in structural.items():
        items.setdefault(k, it)  # their names are looked for in the alias pass
    _add_short_aliases(items.values(), common)
    _alias_pass(corpus, items, out, covered, closed)
    for it in items.values():
        if it.passages:
            out.add(it)


def _generic_keys(found, key_of, classes, labels, text: CorpusText, defined: set[str], acr: dict[str, str]) -> set[str]:
    """Keys whose best label names a kind; a name the text marks as one (quotes, an
    acronym definition) is never a kind for being used in lower case elsewhere."""
    marked = {key_of[c.name] for _, c in found if c.basis == "marked"}
    generic = set()
    for k in classes:
        label = _best_label(labels[k])
        if is_generic(label, classes[k].most_common(1)[0][0], text, defined | ({label.lower()} if k in marked else set()), acr):
            generic.add(k)
    return generic


def _record_mentions(found, key_of, items: dict[str, Item], out: Extraction):
    """Add every candidate as a mention of its item; returns the spans covered per passage
    and the spans of names defined whole with an acronym (no other name is read inside)."""
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    closed: set[tuple[str, int, int]] = set()
    for pid, c in found:
        it = items[key_of[c.name]]
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
        if c.basis == "marked" and c.acronym:
            closed.add((pid, c.start, c.end))
    return covered, closed


def _best_label(labels: Counter[str]) -> str:
    return max(labels.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def _votes(found: list[tuple[str, Candidate]], key_of: dict[str, str]) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Class and label votes per key. A mention whose class was guessed from its context
    ("to Trident" as a place) or whose name only shortens another ("Trident" for
    "Operation Trident") votes only where nothing better does."""
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    weak_classes: dict[str, Counter[str]] = defaultdict(Counter)
    weak_labels: dict[str, Counter[str]] = defaultdict(Counter)
    for _, c in found:
        k = key_of[c.name]
        shortened = link_key(c.name) != k
        (weak_classes if c.basis == "context" or shortened else classes)[k][c.cls] += 1
        (weak_labels if shortened else labels)[k][c.name] += 1
    # sorted: set order varies with the hash seed, and key order flows into the build's output
    for k in sorted(set(weak_classes) | set(weak_labels)):
        classes[k] = classes[k] or weak_classes[k]
        labels[k] = labels[k] or weak_labels[k]
    return classes, labels


def _name_with_head_when_generic(found, text: CorpusText, defined: set[str], acr: dict[str, str]):
    """'the Command and Control project': where the bare name is used in lower case as
    ordinary words ("command and control"), the name keeps its lower-case head."""
    out = []
    for pid, c in found:
        surface = canonical(c.surface)
        longer = surface != c.name and surface.lower().startswith(c.name.lower() + " ") and not c.acronym
        if longer and is_generic(c.name, c.cls, text, defined, acr) and not is_generic(surface, c.cls, text, defined, acr):
            c = replace(c, name=surface)
        out.append((pid, c))
    return out


def _definitions(corpus: list[CorpusDocument]):
    """Every name the text introduces with an acronym, capitalised or not."""
    for doc in corpus:
        for b in doc.blocks:
            yield from inline_acronyms(b.text)
            yield from (d for d in lowercase_definitions(b.text) if defined_class(d[0]))


def _key_map(cands: list[Candidate]) -> dict[str, str]:
    """Linking key of every candidate name, with two kinds of names merged into the
    name they shorten: the bare name of an operation ("Trident" for "Operation
    Trident", whatever class its own mentions suggest) and a police force without
    'Service' ("Metropolitan Police" for "Metropolitan Police Service")."""
    names = {c.name for c in cands}
    keys = {n: link_key(n) for n in names}
    short: dict[str, str] = {}
    for n in names:
        m = re.match(r"^(?:Operation|Project)\s+([A-Z][a-z]+)$", n)
        if m:
            short.setdefault(link_key(m.group(1)), keys[n])
        if n.endswith(" Police Service"):
            short.setdefault(link_key(n[: -len(" Service")]), keys[n])
    return {n: short.get(k, k) for n, k in keys.items()}


def _structural_programmes(out: Extraction) -> dict[str, Item]:
    """Programme items of the structure pass by the linking keys of their names."""
    found: dict[str, Item] = {}
    for it in out.items.values():
        if it.cls == "Programme":
            for name in (it.label, *it.alt_labels):
                if ":" not in name:
                    found.setdefault(link_key(name), it)
    return found


def _add_short_aliases(items, common: set[str]) -> None:
    """'Operation Trident' is also called 'Trident'; 'Project Servator' 'Servator'."""
    for it in items:
        m = re.match(r"^(?:Operation|Project)\s+([A-Z][a-z]+)$", it.label)
        if it.cls == "Initiative" and m and m.group(1).lower() not in common:
            it.alt_labels.add(m.group(1))


def _alias_pass(
    corpus: list[CorpusDocument],
    items: dict[str, Item],
    out: Extraction,
    covered: dict[str, list[tuple[int, int]]],
    closed: set[tuple[str, int, int]],
) -> None:
    """Record mentions of known labels and aliases that the first pass did not see."""
    names: dict[str, Item] = {}
    for it in items.values():
        for name in {it.label, *it.alt_labels}:
            if len(name) >= 3 and (len(name) >= 5 or name.isupper()):
                names.setdefault(name, it)
    if not names:
        return
    compiled = {n: re.compile(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", re.IGNORECASE) for n in names}
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
                    if any(a < s < b < e or s < a < e < b for a, b in spans):
                        continue  # crosses another mention
                    it = names[name]
                    outer = [(a, b) for a, b in spans if a <= s and e <= b]
                    if any((p.id, a, b) in closed for a, b in outer):
                        continue  # "Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services (HMICFRS)"
                    # inside a longer name, only one of the names it joins counts ("Trident" in "Trident
                    # and Area Crime Command"), not a modifier ("Ministry of Defence" in "... Defence
                    # Police"); a place is still named there ("Hackney" in "Hackney Police")
                    if outer and it.cls != "Place" and not all(_conjunct(p.text, s, e, a, b) for a, b in outer):
                        continue
                    if outer and not _distinct_inside(it, s, e, out, p.id):
                        continue
                    it.add_passage(p.id)
                    out.mentions.append(Mention(it.key, p.id, s, e, surface))
                    spans.append((s, e))


def _conjunct(text: str, s: int, e: int, a: int, b: int) -> bool:
    """Is text[s:e] one of the names joined in the longer mention text[a:b]?
    ('Trident' in 'Trident and Area Crime Command', 'CAIT' in 'MASH/CAIT')"""
    joint = r"\s*(?:and|&|/|,)\s*"
    return bool((s == a and re.match(joint, text[e:b])) or (e == b and re.search(joint + "$", text[a:s])))


def _distinct_inside(it: Item, s: int, e: int, out: Extraction, pid: str) -> bool:
    """A name nested in a longer mention counts only if it names a different entity
    (e.g. 'Trident' inside 'Trident and Area Crime Command')."""
    for m in out.mentions:
        if m.passage == pid and m.start <= s and e <= m.end and m.entity == it.key:
            return False
    return True
