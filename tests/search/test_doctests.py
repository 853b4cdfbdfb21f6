"""The ``>>>`` examples in the search modules' docstrings."""
import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["kg.search.text", "kg.search.hybrid", "kg.search.entities"])
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
