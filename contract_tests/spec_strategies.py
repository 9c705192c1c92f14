"""Hypothesis strategies read from spec/, built by schemathesis from the spec's own schemas.

Requests come straight from each operation. For response bodies, each documented response
schema is posed as the request body of a synthetic operation, so that the same generator
(formats, patterns, int32 bounds) produces them.
"""

import copy
from functools import cache
from typing import Any

import schemathesis
from hypothesis import strategies as st

from contract_tests.spec_source import suite_spec
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.operations import Operation, operations


def spec() -> Document:
    return suite_spec()


@cache
def _loaded() -> Any:
    return schemathesis.openapi.from_dict(spec())


def operation(operation_id: str) -> Operation:
    return next(op for op in operations(spec()) if op.operation_id == operation_id)


def requests(operation_id: str) -> st.SearchStrategy[tuple[dict[str, str], Any]]:
    """(path parameters, JSON body) pairs that the spec allows for operation_id.

    Each body is the caller's own copy: schemathesis hands out its explicit examples as the
    same objects every time, and a test that edits one would change what later draws get."""
    api_operation = _loaded().find_operation_by_id(operation_id)
    cases: st.SearchStrategy[Any] = api_operation.as_strategy()
    return cases.map(lambda case: (dict(case.path_parameters), copy.deepcopy(case.body)))


def documented_json_statuses(op: Operation) -> list[int]:
    return sorted(
        int(status)
        for status in op.spec.get("responses", {})
        if status.isdigit() and op.response_schema(int(status)) is not None
    )


def _response_schema_node(op: Operation, status: int) -> Any:
    response = op.response(status) or {}
    return response["content"]["application/json"]["schema"]


@cache
def _response_body_factory() -> Any:
    document = spec()
    paths = {}
    for op in operations(document):
        for status in documented_json_statuses(op):
            paths[f"/{op.operation_id}/{status}"] = {
                "post": {
                    "operationId": f"{op.operation_id}_{status}",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": _response_schema_node(op, status)}
                        },
                    },
                    "responses": {"200": {"description": "unused"}},
                }
            }
    synthetic = {
        "openapi": document["openapi"],
        "info": {"title": "response bodies", "version": "1"},
        "paths": paths,
        "components": document["components"],
    }
    return schemathesis.openapi.from_dict(synthetic)


def response_bodies(operation_id: str, status: int) -> st.SearchStrategy[Any]:
    """JSON bodies valid against the spec's response schema for operation_id and status."""
    factory = _response_body_factory().find_operation_by_id(f"{operation_id}_{status}")
    cases: st.SearchStrategy[Any] = factory.as_strategy()
    return cases.map(lambda case: copy.deepcopy(case.body))  # a copy, as in requests()
