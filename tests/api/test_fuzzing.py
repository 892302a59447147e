"""Schema-driven fuzzing of every endpoint the OpenAPI document lists, against
the real server: no 5xx, and every response (status, content type, body)
as the document says. Bounded example counts keep it to about a minute; run
`st run http://HOST/openapi.json` for a longer search (SECURITY.md).

Without the API key: the write paths answer 401, as documented, and the
session's store stays as it is for the other tests."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="session")
def api_schema(server):
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


def test_every_endpoint_answers_as_its_document_says(api_schema):
    """One Hypothesis run per operation (the pytest plugin does not load under
    this pytest); every failure is collected, then reported together."""
    failures, operations = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def run(case):
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except Exception as error:  # a check failure, reported with the operation it came from
            failures.append(f"{operation.label}: {error}")
    assert operations >= 15
    assert not failures, "\n\n".join(failures)
