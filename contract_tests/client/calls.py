"""Call each operation of the generated client by operationId, sync or async."""

from collections.abc import Callable, Coroutine
from typing import Any

from hubspot_crm_client import AuthenticatedClient
from hubspot_crm_client.api.associations import batch_read_associations
from hubspot_crm_client.api.line_items import batch_upsert_line_items
from hubspot_crm_client.models import (
    BatchInputPublicObjectId,
    BatchInputSimplePublicObjectBatchInputUpsert,
)

# operationId -> (generated module, request model, python names of the path parameters)
OPERATIONS: dict[str, tuple[Any, Any, dict[str, str]]] = {
    "batch_read_associations": (
        batch_read_associations,
        BatchInputPublicObjectId,
        {"fromObjectType": "from_object_type", "toObjectType": "to_object_type"},
    ),
    "batch_upsert_line_items": (
        batch_upsert_line_items,
        BatchInputSimplePublicObjectBatchInputUpsert,
        {},
    ),
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
