"""Cheap lexical checks that run before any parser sees a query.

SPARQL allows ``\\uXXXX`` / ``\\UXXXXXXXX`` code point escapes anywhere in the query
text, processed before parsing. rdflib expands them everywhere; Oxigraph only inside
string literals. So that both parsers (rdflib to inspect, Oxigraph to evaluate) read
exactly the same text, the escapes are expanded here once, and the expanded text is
what gets inspected and executed. An escape that produces another escape (``\\u005Cu0041``)
is rejected: it is never valid SPARQL and would be read differently by the two parsers.

The nesting depth is measured by a scan that skips comments, strings, IRIs and
prefixed-name escapes, because deep nesting crashes parsers (pyparsing recursion,
Oxigraph's stack at ~3000 braces) and must be refused before either runs.
"""
from __future__ import annotations

import re

from kg.errors import QueryError, QueryTooComplexError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# One alternative per lexical element whose content must not be counted; the
# brackets are the last two groups. Order matters: the leftmost match wins.
_SCAN = re.compile(
    r"""
      (?P<comment>\#[^\r\n]*)
    | (?P<long2>\"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\")
    | (?P<long1>'''(?:[^'\\]|\\[\s\S]|'(?!''))*''')
    | (?P<str2>"(?:[^"\\\r\n]|\\.)*")
    | (?P<str1>'(?:[^'\\\r\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<esc>\\[\s\S])
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    """,
    re.VERBOSE,
)


def expand_escapes(text: str) -> str:
    """Expand SPARQL code point escapes, as the grammar says, before parsing.

    Surrogate pairs written as two ``\\u`` escapes are joined; lone surrogates and
    code points above U+10FFFF are errors.

    >>> expand_escapes(r"SERV\\u0049CE")
    'SERVICE'

    Raises:
        QueryError: an invalid code point, or an escape that produces another escape.
    """
    if "\\u" not in text and "\\U" not in text:
        return text
    out: list[str] = []
    pos = 0
    pending_high: tuple[int, int] | None = None  # (code, offset) of an unpaired high surrogate
    for m in _ESCAPE.finditer(text):
        code = int(m.group(1) or m.group(2), 16)
        if pending_high is not None:
            high, where = pending_high
            pending_high = None
            if m.start() == pos and 0xDC00 <= code <= 0xDFFF:
                out.append(chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)))
                pos = m.end()
                continue
            raise _bad_escape(text, where, "an unpaired surrogate code point")
        out.append(text[pos : m.start()])
        pos = m.end()
        if 0xD800 <= code <= 0xDBFF:
            pending_high = (code, m.start())
            continue
        if 0xDC00 <= code <= 0xDFFF:
            raise _bad_escape(text, m.start(), "an unpaired surrogate code point")
        if code > 0x10FFFF:
            raise _bad_escape(text, m.start(), "a code point above U+10FFFF")
        out.append(chr(code))
    if pending_high is not None:
        raise _bad_escape(text, pending_high[1], "an unpaired surrogate code point")
    out.append(text[pos:])
    expanded = "".join(out)
    again = _ESCAPE.search(expanded)
    if again:
        raise QueryError(
            "a \\u escape produced another escape sequence; write the character itself", *_line_col(expanded, again.start())
        )
    return expanded


def nesting_depth(text: str) -> int:
    """Deepest nesting of ``{ } ( ) [ ]`` outside comments, strings and IRIs.

    >>> nesting_depth('SELECT * { ?s ?p "{{{" FILTER(?o < 3) }')
    2
    """
    depth = deepest = 0
    for m in _SCAN.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close" and depth:
            depth -= 1
    return deepest


def check_query(text: str, *, max_length: int, max_depth: int) -> str:
    """Apply the length and depth caps; return the text with code point escapes expanded.

    Raises:
        QueryTooComplexError: longer than ``max_length`` characters or nested deeper than ``max_depth``.
        QueryError: an invalid code point escape, or an empty query.
    """
    if len(text) > max_length:
        raise QueryTooComplexError(f"the query is {len(text)} characters long; the limit is {max_length}")
    text = text.removeprefix("\ufeff")  # a byte order mark some editors put first
    if not text.strip():
        raise QueryError("the query is empty")
    expanded = expand_escapes(text)
    depth = nesting_depth(expanded)
    if depth > max_depth:
        raise QueryTooComplexError(f"the query nests brackets {depth} deep; the limit is {max_depth}")
    return expanded


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _bad_escape(text: str, offset: int, what: str) -> QueryError:
    return QueryError(f"the escape at this position encodes {what}", *_line_col(text, offset))
