"""The ``Resources`` a long-running server hands out.

Those of the build ``current`` points to, reopened when a rebuild switches it.
"""
from __future__ import annotations

import threading

from kg.layout import current_build
from kg.resources.queries import Resources
from kg.settings import Settings
from kg.store import open_store


class ResourceService:
    """``Resources`` of the build ``current`` points to, reopened when it changes."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._current: Resources | None = None

    def current(self) -> Resources:
        """The current build's resources.

        Raises:
            NotBuiltError: no build yet.
        """
        if self.settings.store_path is not None:
            key, root, path = None, None, self.settings.store_path
        else:
            layout = current_build(self.settings.data_dir)
            key, root, path = layout.root.name, layout.root, layout.store
        res = self._current
        if res is not None and res.build_id == key:
            return res
        with self._lock:
            if self._current is None or self._current.build_id != key:
                store = open_store(self.settings.store, path, read_only=True)
                self._current = Resources(self.settings, store, key, root)
            return self._current
