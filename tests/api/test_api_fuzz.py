"""Schemathesis fuzzes every operation of the OpenAPI spec against the real server: no 5xx.

(The ``schemathesis.pytest.from_fixture`` loader does not work with pytest 9 yet, so the
operations are driven with Hypothesis directly; same generators, same check.)
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error


def no_server_error(ctx, response, case):
    """No 5xx, except the designed 503 of /search on this fixture's graph-only build."""
    if response.status_code == 503 and response.text and "/index-not-built" in response.json().get("type", ""):
        return None
    return not_a_server_error(ctx, response, case)
from schemathesis.generation.modes import GenerationMode

MAX_EXAMPLES = 25  # per operation and mode; the whole run takes well under a minute


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_no_server_errors(base_url, mode):
    schema = schemathesis.openapi.from_url(base_url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/sparql", "/health", "/.well-known/void"}
    for op in operations:

        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def fuzz(case):
            case.call_and_validate(checks=[no_server_error])

        try:
            fuzz()
        except Unsatisfiable:  # nothing to negate in an operation without parameters
            assert mode == GenerationMode.NEGATIVE
