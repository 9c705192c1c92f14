"""Walk two bundled specs side by side and list every change, with its rule."""

from typing import Any

from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.operations import Operation, operations
from hubspot_toolkit.spec.schemas import to_json_schema
from hubspot_toolkit.spec.versions import base_operation_id, version_of_operation_id
from hubspot_toolkit.workflow.diff.rules import Change
from hubspot_toolkit.workflow.update.names import reachable, shared_name

TYPE_KEYS = ("type", "format")
# Where model changes are listed: they belong to no single operation.
MODELS = "components.schemas"


def _key(operation: Operation) -> str:
    return f"{operation.method.upper()} {operation.template}"


def _scope_sets(operation: Operation) -> list[frozenset[str]]:
    sets = []
    requirements = operation.spec.get("security") or operation.document.get("security") or []
    for requirement in requirements:
        for scheme, scopes in requirement.items():
            sets.append(frozenset({f"{scheme}:{s}" for s in scopes} or {scheme}))
    return sets


class _Walker:
    """Compares two dereferenced JSON schemas in a request or a response."""

    def __init__(self, operation: str, direction: str) -> None:
        self.operation, self.direction = operation, direction
        self.changes: list[Change] = []

    def add(self, rule: str, location: str, detail: str = "") -> None:
        self.changes.append(Change(self.operation, f"{self.direction}-{rule}", location, detail))

    def walk(self, old: Any, new: Any, location: str) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        for key in TYPE_KEYS:
            if old.get(key) != new.get(key):
                self.add("type-changed", location, f"{key}: {old.get(key)!r} → {new.get(key)!r}")
                return
        self._enum(old, new, location)
        if self.direction == "request" and old.get("maxItems") != new.get("maxItems"):
            before, after = old.get("maxItems"), new.get("maxItems")
            tighter = after is not None and (before is None or after < before)
            self.add(
                "max-items-decreased" if tighter else "max-items-increased",
                location,
                f"maxItems: {before} → {after}",
            )
        self._properties(old, new, location)
        if "items" in old or "items" in new:
            self.walk(old.get("items", {}), new.get("items", {}), f"{location}[]")
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, dict) and isinstance(new_extra, dict):
            self.walk(old_extra, new_extra, f"{location}.*")

    def _enum(self, old: dict[str, Any], new: dict[str, Any], location: str) -> None:
        if "enum" not in old and "enum" not in new:
            return
        before, after = set(old.get("enum", [])), set(new.get("enum", []))
        for value in sorted(map(str, after - before)):
            self.add("enum-value-added", location, value)
        for value in sorted(map(str, before - after)):
            self.add("enum-value-removed", location, value)

    def _properties(self, old: dict[str, Any], new: dict[str, Any], location: str) -> None:
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in sorted(old_props.keys() - new_props.keys()):
            self.add("property-removed", f"{location}.{name}")
        for name in sorted(new_props.keys() - old_props.keys()):
            required = name in new_required and self.direction == "request"
            self.add(
                "property-added-required" if required else "property-added", f"{location}.{name}"
            )
        for name in sorted(old_props.keys() & new_props.keys()):
            where = f"{location}.{name}"
            if name in old_required and name not in new_required:
                self.add("property-became-optional", where)
            if name in new_required and name not in old_required:
                self.add("property-became-required", where)
            self.walk(old_props[name], new_props[name], where)


def _media_schema(document: Document, node: dict[str, Any]) -> tuple[str | None, Any]:
    content = node.get("content", {})
    for media_type, media in content.items():
        return media_type, to_json_schema(document, media.get("schema", {}))
    return None, None


def _security_changes(
    name: str, old: list[frozenset[str]], new: list[frozenset[str]]
) -> list[Change]:
    """A caller who met an old alternative must still meet a new one, or it is breaking."""
    stranded = [alt for alt in old if not any(option <= alt for option in new)]
    if stranded:
        needed = sorted({s for option in new for s in option} - {s for alt in old for s in alt})
        return [Change(name, "security-scopes-added", "security", ", ".join(needed))]
    if set(old) != set(new):
        return [Change(name, "security-scopes-removed", "security")]
    return []


def compare_operations(old_op: Operation, new_op: Operation) -> list[Change]:
    name = new_op.operation_id
    changes: list[Change] = []
    if old_op.operation_id != new_op.operation_id:
        changes.append(
            Change(name, "operation-id-changed", "operationId", f"{old_op.operation_id} → {name}")
        )
    changes += _security_changes(name, _scope_sets(old_op), _scope_sets(new_op))
    old_params = {p["name"]: p for p in old_op.parameters() if p["in"] == "path"}
    new_params = {p["name"]: p for p in new_op.parameters() if p["in"] == "path"}
    for param in sorted(old_params.keys() | new_params.keys()):
        before = to_json_schema(old_op.document, old_params.get(param, {}).get("schema"))
        after = to_json_schema(new_op.document, new_params.get(param, {}).get("schema"))
        if param not in old_params or param not in new_params or before != after:
            changes.append(Change(name, "path-parameter-changed", f"parameters.{param}"))
    for before, after in _renames(_models(old_op), _models(new_op)).items():
        changes.append(Change(name, "model-renamed", f"components.schemas.{before}", after))
    request = _Walker(name, "request")
    request.walk(old_op.request_schema() or {}, new_op.request_schema() or {}, "requestBody")
    changes += request.changes
    old_statuses = set(old_op.spec.get("responses", {}))
    new_statuses = set(new_op.spec.get("responses", {}))
    for status in sorted(old_statuses - new_statuses):
        changes.append(Change(name, "response-status-removed", f"responses.{status}"))
    for status in sorted(new_statuses - old_statuses):
        changes.append(Change(name, "response-status-added", f"responses.{status}"))
    for status in sorted(old_statuses & new_statuses):
        old_media, old_schema = (
            _media_schema(old_op.document, old_op.response(int(status)) or {})
            if status.isdigit()
            else (None, None)
        )
        new_media, new_schema = (
            _media_schema(new_op.document, new_op.response(int(status)) or {})
            if status.isdigit()
            else (None, None)
        )
        if old_media != new_media:
            changes.append(
                Change(
                    name,
                    "response-media-type-changed",
                    f"responses.{status}",
                    f"{old_media} → {new_media}",
                )
            )
            continue
        response = _Walker(name, "response")
        response.walk(old_schema or {}, new_schema or {}, f"responses.{status}")
        changes += response.changes
    return changes


def _by_name(ops: dict[str, Operation], keys: set[str]) -> dict[str, str]:
    """name across versions -> key, for the names that only one of keys carries."""
    names: dict[str, list[str]] = {}
    for key in keys:
        names.setdefault(base_operation_id(ops[key].operation_id), []).append(key)
    return {name: found[0] for name, found in names.items() if len(found) == 1}


def _renames(old_names: set[str], new_names: set[str]) -> dict[str, str]:
    """old name -> new name, for a name gone where exactly one came that is the same before any
    version suffix (`StandardError` → `StandardError_v3`)."""
    came = new_names - old_names
    renames = {}
    for name in sorted(old_names - new_names):
        matches = [n for n in came if shared_name(n) == shared_name(name)]
        if len(matches) == 1:
            renames[name] = matches[0]
    return renames


def _models(operation: Operation) -> set[str]:
    reached = reachable(operation.document, operation.spec)
    return {name for section, name in reached if section == "schemas"}


def compare_models(old: Document, new: Document) -> list[Change]:
    """Component names no document uses any more, or newly used: the generated model classes
    gone and come."""
    old_names = set(old.get("components", {}).get("schemas", {}))
    new_names = set(new.get("components", {}).get("schemas", {}))
    renames = _renames(old_names, new_names)
    changes = [
        Change(MODELS, "model-removed", name, f"now {renames[name]}" if name in renames else "")
        for name in sorted(old_names - new_names)
    ]
    return changes + [Change(MODELS, "model-added", name) for name in sorted(new_names - old_names)]


def compare(old: Document, new: Document, *, models: bool = True) -> list[Change]:
    """Every change from old to new, operation by operation.

    Operations pair by method and path; one that moved (another API version: the same
    operation under another path and a versioned operationId) pairs by its name across
    versions, and its move is itself a change. Components, the generated models, are listed
    under `components.schemas` when `models`: only whole spec/ bundles say which model classes
    the client has (a name one document drops, another may still define)."""
    old_ops = {_key(op): op for op in operations(old)}
    new_ops = {_key(op): op for op in operations(new)}
    removed, added = old_ops.keys() - new_ops.keys(), new_ops.keys() - old_ops.keys()
    old_names, new_names = _by_name(old_ops, removed), _by_name(new_ops, added)
    moved = [(old_names[n], new_names[n]) for n in sorted(old_names.keys() & new_names.keys())]
    changes: list[Change] = []
    for old_key, new_key in moved:
        removed.discard(old_key)
        added.discard(new_key)
        operation = new_ops[new_key]
        changes.append(
            Change(operation.operation_id, "path-changed", "path", f"{old_key} → {new_key}")
        )
        changes += compare_operations(old_ops[old_key], operation)
    for key in sorted(removed):
        changes.append(Change(old_ops[key].operation_id, "operation-removed", key))
    for key in sorted(added):
        changes.append(Change(new_ops[key].operation_id, "operation-added", key))
    for key in sorted(old_ops.keys() & new_ops.keys()):
        changes += compare_operations(old_ops[key], new_ops[key])
    return changes + (compare_models(old, new) if models else [])


def only_version(document: Document, version: str) -> Document:
    """document with only the operations of one API version (`v3`, `2026-03`, …)."""
    paths = {
        template: item
        for template, item in document.get("paths", {}).items()
        if any(
            version_of_operation_id(str(op.get("operationId", ""))) == version
            for op in item.values()
            if isinstance(op, dict)
        )
    }
    return {**document, "paths": paths}
