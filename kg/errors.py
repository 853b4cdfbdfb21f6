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
    ├── QueryError(message, line, column)   SPARQL syntax or evaluation error
    │   ├── ForbiddenQueryError     SERVICE, remote FROM, updates...
    │   ├── QueryTooComplexError    length or nesting caps
    │   └── QueryTimeoutError
    └── SearchError
        ├── IndexNotBuiltError
        └── IndexMismatchError      index built with another model or corpus
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


class SearchError(KGError):
    pass


class IndexNotBuiltError(SearchError):
    pass


class IndexMismatchError(SearchError):
    pass
