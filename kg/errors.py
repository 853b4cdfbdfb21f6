"""The project's exceptions.

::

    KGError
    ├── ConfigError                 bad setting (unknown store, missing model...)
    │   └── ModelNotFoundError
    ├── BuildError                  the build could not complete
    │   ├── CatalogError(path, field)
    │   ├── ParseError(source, line)
    │   └── ValidationError         SHACL found violations
    ├── NotBuiltError               no build in the data directory yet
    ├── NotFoundError               unknown document / entity / passage
    ├── NotAcceptableError(available)   no requested media type can be produced
    ├── OverloadedError             every query worker stayed busy too long
    ├── QueryError(message, line, column)   SPARQL syntax or evaluation error
    │   ├── ForbiddenQueryError     SERVICE, remote FROM, updates...
    │   ├── QueryTooComplexError    length or nesting caps
    │   ├── QueryTimeoutError
    │   └── QueryAbortedError       the worker evaluating the query died
    └── SearchError
        ├── IndexNotBuiltError
        ├── IndexMismatchError      index built with another model or corpus
        └── SearchInputError        empty question, unknown filter value, bad question file
"""
from __future__ import annotations


class KGError(Exception):
    """Base class: every error the project raises on purpose."""


class ConfigError(KGError):
    pass


class ModelNotFoundError(ConfigError):
    pass


class BuildError(KGError):
    pass


class CatalogError(BuildError):
    def __init__(self, message: str, path: str | None = None, field: str | None = None):
        self.path, self.field = path, field
        super().__init__(f"{path}: {message}" if path else message)


class ParseError(BuildError):
    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.source, self.line = source, line
        where = f"{source}:{line}: " if source and line else (f"{source}: " if source else "")
        super().__init__(where + message)


class ValidationError(BuildError):
    def __init__(self, message: str, report: str = ""):
        self.report = report
        super().__init__(message)


class NotBuiltError(KGError):
    pass


class NotFoundError(KGError):
    pass


class QueryError(KGError):
    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line, self.column = line, column
        self.message = message
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(message + where)


class ForbiddenQueryError(QueryError):
    pass


class QueryTooComplexError(QueryError):
    pass


class QueryTimeoutError(QueryError):
    pass


class QueryAbortedError(QueryError):
    """The worker process evaluating the query exited (crash, memory cap); it is replaced."""


class NotAcceptableError(KGError):
    """None of the media types the client accepts can be produced for this result."""

    def __init__(self, message: str, available: list[str] | tuple[str, ...] = ()):
        self.available = list(available)
        super().__init__(message)


class OverloadedError(KGError):
    """No query worker became free in time; retry later."""


class SearchError(KGError):
    pass


class IndexNotBuiltError(SearchError):
    pass


class IndexMismatchError(SearchError):
    pass


class SearchInputError(SearchError):
    """The caller's input is wrong (CLI exit code 2, HTTP 400/422), not the index."""
