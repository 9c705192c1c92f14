"""Bring the semantic changes of an upstream operation into our document, keeping our choices.

Where upstream means the same thing as we do (after inlining $refs and ignoring descriptions
and examples), our text stays byte for byte: our operationIds, tags, examples, descriptions and
the way we factored schemas into components. Where it differs, the difference is written into
our nodes (following our $refs), and each change is reported.
"""

import copy
from typing import Any

from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.schemas import component_of, resolve, to_json_schema
from hubspot_toolkit.workflow.update.extract import refs

NOISE = {"description", "title", "summary", "examples", "externalDocs"}
CONSTRAINTS = (
    "type",
    "format",
    "enum",
    "maxItems",
    "minItems",
    "uniqueItems",
    "pattern",
    "maxLength",
    "minLength",
    "minimum",
    "maximum",
    "nullable",
)


# What our documents add to HubSpot's on purpose, marked where it stands, so that an import
# neither reports it as a difference nor removes it: a property HubSpot's schema lacks
# (`x-toolkit-added: true` on it), or constraints HubSpot documents but its schema leaves out
# (`x-toolkit-constraints: [maxItems, …]` beside them).
ADDED = "x-toolkit-added"
ADDED_CONSTRAINTS = "x-toolkit-constraints"


def semantic(document: Document, node: Any, pruned: Document | None = None) -> Any:
    """node's meaning: $refs inlined, descriptions and examples dropped, our marked additions
    left out, and the order of `required` and an empty `properties` not counted. `pruned` is
    without_additions(document) when the caller already has it (a document that does not
    change need be pruned once, not at every node)."""
    pruned_document = pruned if pruned is not None else without_additions(document)
    return _strip(to_json_schema(pruned_document, without_additions(node)))


def without_additions(node: Any) -> Any:
    """A copy of node without what our documents mark as their own additions."""
    if isinstance(node, list):
        return [without_additions(v) for v in node]
    if not isinstance(node, dict):
        return node
    dropped = set(node.get(ADDED_CONSTRAINTS) or [])
    copied = {k: without_additions(v) for k, v in node.items() if k not in dropped}
    properties = copied.get("properties")
    if isinstance(properties, dict):
        copied["properties"] = {
            name: value
            for name, value in properties.items()
            if not (isinstance(value, dict) and value.get(ADDED) is True)
        }
    return copied


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        stripped = {k: _strip(v) for k, v in node.items() if k not in NOISE}
        if isinstance(stripped.get("required"), list):
            stripped["required"] = sorted(stripped["required"], key=str)
        if stripped.get("properties") == {}:
            del stripped["properties"]
        return stripped
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _resolve(document: Document, node: Any) -> tuple[Any, str | None]:
    """(the node a $ref points at, or node itself; the component path when it was a ref)."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    if not isinstance(ref, str):
        return node, None
    return resolve(document, ref), ref


class Merger:
    def __init__(self, ours: Document, theirs: Document) -> None:
        self.ours, self.theirs = ours, theirs
        self._theirs_pruned = without_additions(theirs)  # only ours is written to
        self.notes: list[str] = []
        self.changed_components: set[str] = set()

    def _import(self, node: Any) -> Any:
        """A copy of an upstream node; components it needs that we lack come along."""
        copied = copy.deepcopy(node)
        for ref in sorted(refs(copied)):  # sorted: the same document gives the same file
            if not ref.startswith("#/components/"):
                continue
            section, name = component_of(ref)
            ours = self.ours.setdefault("components", {}).setdefault(section, {})
            if name not in ours:
                ours[name] = self._import(self.theirs["components"][section][name])
                self.notes.append(f"added components.{section}.{name} from upstream")
        return copied

    def schema(self, our_node: Any, their_node: Any, where: str) -> None:
        if semantic(self.ours, our_node) == semantic(self.theirs, their_node, self._theirs_pruned):
            return
        target, ref = _resolve(self.ours, our_node)
        theirs, _ = _resolve(self.theirs, their_node)
        if ref:
            self.changed_components.add(ref)
        ours_alone = set(target.get(ADDED_CONSTRAINTS) or [])
        for key in CONSTRAINTS:
            if key in ours_alone:
                continue
            if target.get(key) != theirs.get(key):
                if key in theirs:
                    target[key] = copy.deepcopy(theirs[key])
                else:
                    del target[key]
                self.notes.append(f"{where}: {key} is now {theirs.get(key)!r}")
        self._properties(target, theirs, where)
        if isinstance(target.get("items"), dict) and isinstance(theirs.get("items"), dict):
            self.schema(target["items"], theirs["items"], f"{where}[]")
        ours_extra, their_extra = (
            target.get("additionalProperties"),
            theirs.get("additionalProperties"),
        )
        if isinstance(ours_extra, dict) and isinstance(their_extra, dict):
            self.schema(ours_extra, their_extra, f"{where}.*")
        elif ours_extra != their_extra:
            if their_extra is None:
                target.pop("additionalProperties", None)
            else:
                target["additionalProperties"] = self._import(their_extra)
            self.notes.append(f"{where}: additionalProperties changed")

    def _properties(self, target: dict[str, Any], theirs: dict[str, Any], where: str) -> None:
        if "properties" not in target and "properties" not in theirs:
            return
        ours_props = target.setdefault("properties", {})
        their_props = theirs.get("properties", {})
        for name in [n for n in their_props if n not in ours_props]:
            ours_props[name] = self._import(their_props[name])
            self.notes.append(f"{where}.{name}: added")
        for name in [n for n in ours_props if n not in their_props]:
            if isinstance(ours_props[name], dict) and ours_props[name].get(ADDED) is True:
                continue
            del ours_props[name]
            self.notes.append(f"{where}.{name}: removed")
        for name in [n for n in ours_props if n in their_props]:
            self.schema(ours_props[name], their_props[name], f"{where}.{name}")
        ours_required = list(target.get("required", []))
        their_required = list(theirs.get("required", []))
        if set(ours_required) != set(their_required):
            kept = [n for n in ours_required if n in their_required]
            target["required"] = kept + [n for n in their_required if n not in kept]
            self.notes.append(f"{where}: required is now {sorted(their_required)}")

    def operation(self, path: str, method: str) -> None:
        ours = self.ours["paths"][path][method]
        theirs = self.theirs["paths"][path][method]
        if ours.get("operationId") != theirs.get("operationId"):
            self.notes.append(
                f"kept our operationId {ours.get('operationId')!r} "
                f"(upstream: {theirs.get('operationId')!r})"
            )
        body_ours = ours.get("requestBody", {}).get("content", {}).get("application/json", {})
        body_theirs = theirs.get("requestBody", {}).get("content", {}).get("application/json", {})
        if "schema" in body_ours and "schema" in body_theirs:
            self.schema(body_ours["schema"], body_theirs["schema"], "requestBody")
        self._responses(ours, theirs)

    def _responses(self, ours: dict[str, Any], theirs: dict[str, Any]) -> None:
        """2xx statuses follow upstream exactly. Our explicit error statuses are our choice
        where upstream lumps errors into `default` (HubSpot does): kept, not replaced."""
        our_responses, their_responses = ours["responses"], theirs.get("responses", {})
        covered_by_default = "default" in their_responses

        def is_error(status: str) -> bool:
            return status == "default" or (status[:1] in "45")

        ours_has_errors = any(is_error(s) for s in our_responses)
        for status in [s for s in their_responses if s not in our_responses]:
            if status == "default" and ours_has_errors:
                continue
            our_responses[status] = self._import(their_responses[status])
            self.notes.append(f"responses.{status}: added")
        for status in [s for s in our_responses if s not in their_responses]:
            if is_error(status) and covered_by_default:
                continue
            del our_responses[status]
            self.notes.append(f"responses.{status}: removed")
        for status in [s for s in our_responses if s in their_responses]:
            mine, _ = _resolve(self.ours, our_responses[status])
            upstream, _ = _resolve(self.theirs, their_responses[status])
            mine_media = mine.get("content", {}).get("application/json", {})
            their_media = upstream.get("content", {}).get("application/json", {})
            if "schema" in mine_media and "schema" in their_media:
                self.schema(mine_media["schema"], their_media["schema"], f"responses.{status}")
