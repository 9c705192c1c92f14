"""Call each operation of the generated client by operationId, sync or async."""

import re
from collections.abc import Callable, Coroutine
from importlib import import_module
from typing import Any, get_type_hints

from hubspot_crm_client import AuthenticatedClient

from contract_tests.spec_source import suite_spec
from hubspot_toolkit.spec.operations import operations


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _generated(
    operation_id: str, tag: str, parameters: list[str]
) -> tuple[Any, Any, dict[str, str]]:
    """The generated module of an operation, its request model, its path parameters' names."""
    module = import_module(f"hubspot_crm_client.api.{tag}.{operation_id}")
    model = get_type_hints(module.sync_detailed)["body"]
    return module, model, {name: _snake(name) for name in parameters}


# operationId -> (generated module, request model, python names of the path parameters), for
# every operation of every version in the spec: a new version is covered without an edit here.
OPERATIONS: dict[str, tuple[Any, Any, dict[str, str]]] = {
    op.operation_id: _generated(
        op.operation_id,
        op.spec["tags"][0],
        [p["name"] for p in op.parameters() if p.get("in") == "path"],
    )
    for op in operations(suite_spec())
}


def _arguments(operation_id: str, path: dict[str, str], body: Any) -> dict[str, Any]:
    _, model, names = OPERATIONS[operation_id]
    kwargs: dict[str, Any] = {names[name]: value for name, value in path.items()}
    kwargs["body"] = model.from_dict(body)
    return kwargs


def call_sync(
    operation_id: str, client: AuthenticatedClient, path: dict[str, str], body: Any
) -> Any:
    module = OPERATIONS[operation_id][0]
    function: Callable[..., Any] = module.sync_detailed
    return function(client=client, **_arguments(operation_id, path, body))


def call_async(
    operation_id: str, client: AuthenticatedClient, path: dict[str, str], body: Any
) -> Coroutine[Any, Any, Any]:
    module = OPERATIONS[operation_id][0]
    function: Callable[..., Coroutine[Any, Any, Any]] = module.asyncio_detailed
    return function(client=client, **_arguments(operation_id, path, body))
