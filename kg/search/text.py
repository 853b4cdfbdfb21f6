"""Text handling shared by the indexes: tokens, stems, sentences, acronyms.

Everything here is deterministic and cheap; the same functions prepare the
corpus at build time and the question at search time, so they must agree.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Mapping

# English function words plus question words: they carry no topic in a question.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
    no nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours yourself yourselves
    many much whether within via per us one two three year years""".split()
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_WS = re.compile(r"\s+")
# A sentence ends at . ! ? followed by space and a capital, digit, bullet or quote; line breaks always split.
_SENT_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9“\"‘'(•])|\n+")
_MIN_SENTENCE_WORDS = 5

# Suffix rules for a light, Porter-like stemmer; the first rule that fits applies.
_RULES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"),
    ("isation", "ise"),
    ("ization", "ise"),
    ("izing", "ise"),
    ("ising", "ise"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("nesses", ""),
    ("ness", ""),
    ("ments", ""),
    ("ment", ""),
    ("ities", "ity"),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("edly", ""),
    ("ally", "al"),
    ("ly", ""),
    ("ers", "er"),
    ("ed", ""),
    ("es", "e"),
)


def normalise_ws(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case ASCII form: accents, typographic quotes and dashes removed."""
    t = unicodedata.normalize("NFKD", text)
    t = t.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return t.encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Strip common English suffixes: 'dismissed', 'dismissing' -> 'dismiss'.

    >>> [stem(w) for w in ("officers", "officer", "investigations", "investigated")]
    ['officer', 'officer', 'investigat', 'investigat']
    """
    if len(word) <= 3 or word[0].isdigit():
        return word
    w = word
    for suffix, repl in _RULES:
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= 3:
            w = w[: -len(suffix)] + repl
            break
    else:
        if w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if w.endswith("iz"):
        w = w[:-1] + "s"
    return w


_TOKEN_CACHE: dict[str, str] = {}  # raw token -> indexed form ("" = dropped)


def _token(tok: str, keep_stopwords: bool) -> str:
    if tok[0].isdigit():
        return tok.replace(",", "").rstrip(".")
    if not keep_stopwords and (tok in STOPWORDS or len(tok) < 2):
        return ""
    return stem(tok)


def tokenize(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stemmed lower-case tokens without stop words; numbers lose their thousands commas.

    >>> tokenize("1,200 IVMAs have been installed")
    ['1200', 'ivma', 'install']
    """
    toks = _TOKEN.findall(fold(text))
    if keep_stopwords:
        return [t for t in (_token(x, True) for x in toks) if t]
    cache = _TOKEN_CACHE
    if len(cache) > 500_000:
        cache.clear()
    out = []
    for tok in toks:
        norm = cache.get(tok)
        if norm is None:
            norm = cache[tok] = _token(tok, False)
        if norm:
            out.append(norm)
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; fragments under five words join their neighbour.

    >>> split_sentences("We did X. Then we did a lot of other things today. Done.")
    ['We did X. Then we did a lot of other things today. Done.']
    """
    raw = [s.strip() for s in _SENT_END.split(text) if s and s.strip()]
    out: list[str] = []
    for s in raw:
        if out and (len(out[-1].split()) < _MIN_SENTENCE_WORDS or len(s.split()) < _MIN_SENTENCE_WORDS):
            out[-1] = out[-1] + " " + s
        else:
            out.append(s)
    return out or [text.strip()]


_SMALL = frozenset({"of", "and", "for", "the", "in", "on", "to", "a", "&"})
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*|&")


def initials(phrase: str, *, skip_small: bool = True, split_hyphens: bool = False) -> str:
    """Upper-case initials: 'Child Abuse Investigation Command' -> 'CAIC'."""
    words = _WORD.findall(phrase)
    if split_hyphens:
        words = [p for w in words for p in w.split("-") if p]
    if skip_small:
        words = [w for w in words if w.lower() not in _SMALL]
    return "".join(w[0] for w in words).upper()


def acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms defined in running text as 'Full Name (FN)', when the initials agree.

    >>> acronym_definitions("the Stalking Threat Assessment Centre (STAC) and child abuse teams (CATs)")
    {'STAC': 'Stalking Threat Assessment Centre', 'CAT': 'child abuse teams'}
    """
    out: dict[str, str] = {}
    for m in _PAREN_ACRONYM.finditer(text):
        acr = m.group(1)
        base = acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr
        if not base.isupper():
            continue
        words = _WORD.findall(text[max(0, m.start() - 160) : m.start()])[-12:]
        for i in range(len(words) - 1, -1, -1):
            if words[i].lower() in _SMALL:
                continue
            tail = words[i:]
            phrase = " ".join(tail)
            variants = {initials(phrase, skip_small=s, split_hyphens=h) for s in (True, False) for h in (False, True)}
            if base.upper() in variants:
                out.setdefault(base, phrase)
                break
            if len(tail) > len(base) + 3:
                break
    return out


def is_acronym(label: str) -> bool:
    """Short all-capitals token(s) such as 'STAC', 'CAITs', 'MOPAC'."""
    core = label[:-1] if label.endswith("s") else label
    return 2 <= len(core) <= 10 and core.isalpha() and core.isupper()


class Acronyms:
    """Acronym -> expansion table used to expand both passages and questions."""

    def __init__(self, table: Mapping[str, str]):
        self.table = {k: v for k, v in table.items() if is_acronym(k) and v and not is_acronym(v)}
        self._pattern = (
            re.compile(r"\b(" + "|".join(sorted(map(re.escape, self.table), key=len, reverse=True)) + r")(s?)\b")
            if self.table
            else None
        )

    @classmethod
    def collect(cls, texts: Iterable[str], labelled: Iterable[tuple[str, Iterable[str]]] = ()) -> "Acronyms":
        """From the graph's (label, alt labels) pairs, then definitions found in the texts."""
        table: dict[str, str] = {}
        for label, alts in labelled:
            for alt in alts:
                if is_acronym(alt) and not is_acronym(label):
                    table.setdefault(alt, label)
            if is_acronym(label):
                for alt in alts:
                    if not is_acronym(alt):
                        table.setdefault(label, alt)
                        break
        for text in texts:
            for acr, full in acronym_definitions(text).items():
                table.setdefault(acr, full)
        return cls(table)

    def found(self, text: str) -> list[tuple[str, str]]:
        """(acronym, expansion) pairs for acronyms in ``text`` whose expansion it lacks."""
        if self._pattern is None:
            return []
        seen: dict[str, str] = {}
        low = text.lower()
        for m in self._pattern.finditer(text):
            acr = m.group(1)
            full = self.table[acr]
            if acr not in seen and full.lower() not in low:
                seen[acr] = full
        return list(seen.items())

    def expand(self, text: str) -> str:
        """``text`` followed by the expansions of the acronyms it uses.

        >>> Acronyms({"STAC": "Stalking Threat Assessment Centre"}).expand("What does STAC do?")
        'What does STAC do? (STAC: Stalking Threat Assessment Centre)'
        """
        pairs = self.found(text)
        if not pairs:
            return text
        return text + " (" + "; ".join(f"{a}: {f}" for a, f in pairs) + ")"

    def spell_out(self, text: str) -> str:
        """``text`` with its acronyms replaced by their expansions (a plural stays plural).

        >>> Acronyms({"BCU": "basic command unit"}).spell_out("BCUs and boroughs")
        'basic command units and boroughs'
        """
        full = dict(self.found(text))
        if not full or self._pattern is None:
            return text
        return self._pattern.sub(lambda m: full[m.group(1)] + m.group(2) if m.group(1) in full else m.group(0), text)
