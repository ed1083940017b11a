"""Schemathesis against the real server's OpenAPI schema: generated valid and invalid requests on every operation,
with and without an API key; never a 5xx, every 4xx in the one error shape, responses as the schema states."""

from __future__ import annotations

import collections
import contextlib
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.core.failures import FailureGroup  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import API_KEY, EXAMPLES, Server, start_server, stop_server  # noqa: E402

# Examples per (operation, valid/invalid, with/without key). Operations with few distinct inputs (GET /healthz)
# stop early when Hypothesis has tried them all; the total is asserted below.
EXAMPLES_PER_RUN = int(os.environ.get("RAG_SCHEMATHESIS_EXAMPLES", "40"))  # more for a deeper local search
AT_LEAST = 1000
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance, negative_data_rejection]


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The sample articles with the hashing embedder (fast, no model), one API key, no rate limit."""
    base = tmp_path_factory.mktemp("fuzz")
    env = {"RAG_EMBEDDER": "hashing", "RAG_API_KEYS": API_KEY, "RAG_API__RATE_LIMIT_PER_MINUTE": "0"}
    running = start_server(base / "index", base / "server.log", env, args=["--seed", str(EXAMPLES)])
    yield running
    stop_server(running)


def _error_shape_problem(status: int, body: Any) -> str | None:
    if status < 400:
        return None
    if not isinstance(body, dict) or set(body) != {"error"} or not isinstance(body["error"], dict):
        return f"{status} without the error body: {str(body)[:200]}"
    error = body["error"]
    if not (isinstance(error.get("code"), str) and error["code"] and isinstance(error.get("message"), str) and error["message"]):
        return f"{status} error body without code and message: {error}"
    return None


def _fuzz(url: str, operation: Any, mode: GenerationMode, headers: dict[str, str],
          statuses: collections.Counter[tuple[str, int]], failures: dict[tuple[str, str], str]) -> None:
    @settings(max_examples=EXAMPLES_PER_RUN, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(base_url=url, headers=headers, timeout=60)
        statuses[(operation.label, response.status_code)] += 1
        problems = []
        if response.status_code >= 500:
            problems.append(f"server error {response.status_code}: {response.text[:300]}")
        try:
            body = response.json() if response.status_code >= 400 else None
        except ValueError:
            body = response.text[:200]
        shape = _error_shape_problem(response.status_code, body)
        if shape:
            problems.append(shape)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as exc:
            problems.append(str(exc)[:1500])
        for problem in problems:
            failures.setdefault((operation.label, problem[:60]), f"{case.as_curl_command(headers=headers)}\n{problem}")

    with contextlib.suppress(Unsatisfiable):  # an operation with no input that could be made invalid (GET /healthz)
        run()


def test_a_thousand_generated_requests_get_no_5xx_and_every_4xx_has_the_error_shape(fuzz_server: Server) -> None:
    schema = schemathesis.openapi.from_url(fuzz_server.url + "/openapi.json")
    statuses: collections.Counter[tuple[str, int]] = collections.Counter()
    failures: dict[tuple[str, str], str] = {}
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12, [op.label for op in operations]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for headers in ({"Authorization": f"Bearer {API_KEY}"}, {}):
                _fuzz(fuzz_server.url, operation, mode, headers, statuses, failures)
    tried = sum(statuses.values())
    elapsed = time.monotonic() - started
    by_class: collections.Counter[str] = collections.Counter()
    for (_, status), count in statuses.items():
        by_class[f"{status // 100}xx"] += count
    print(f"\nschemathesis: {tried} cases over {len(operations)} operations in {elapsed:.0f} s; {dict(sorted(by_class.items()))}")
    for (label, status), count in sorted(statuses.items()):
        print(f"  {label:35} {status}  {count}")
    assert not failures, "\n\n".join(f"{label}:\n{detail}" for (label, _), detail in failures.items())
    assert tried >= AT_LEAST
    assert by_class["2xx"] and by_class["4xx"] and not by_class["5xx"]
