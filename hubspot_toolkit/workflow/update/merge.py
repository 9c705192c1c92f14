"""Bring the semantic changes of an upstream operation into our document, keeping our choices.

Where upstream means the same thing as we do (after inlining $refs and ignoring descriptions
and examples), our text stays byte for byte: our operationIds, tags, examples, descriptions and
the way we factored schemas into components. Where it differs, the difference is written into
our nodes (following our $refs), and each change is reported. A schema whose kind changes
(HubSpot's 2023 `StandardError.category` was an object, later a string) is replaced whole, and
one HubSpot names is taken by HubSpot's name, not inlined. Only our document is written to:
which names the result may keep beside spec/'s other documents is names.py's job.
"""

import copy
from typing import Any

from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.schemas import OPENAPI_ONLY, component_of, resolve, to_json_schema
from hubspot_toolkit.workflow.update.extract import refs

NOISE = {"description", "title", "summary", "examples", "externalDocs"}
# Keys whose values are schemas, merged by recursion rather than replaced.
STRUCTURE = {"properties", "required", "items", "additionalProperties"}
COMPOSITION = ("allOf", "anyOf", "oneOf", "not")


# What our documents add to HubSpot's on purpose, marked where it stands, so that an import
# neither reports it as a difference nor removes it: a property HubSpot's schema lacks
# (`x-toolkit-added: true` on it), an error response HubSpot's `default` does not describe (the
# same mark on the response), or constraints HubSpot documents but its schema leaves out
# (`x-toolkit-constraints: [maxItems, …]` beside them).
ADDED = "x-toolkit-added"
ADDED_CONSTRAINTS = "x-toolkit-constraints"


def semantic(document: Document, node: Any, pruned: Document | None = None) -> Any:
    """node's meaning: $refs inlined, descriptions and examples dropped, our marked additions
    left out, and the order of `required` and `enum` and an empty `properties` not counted.
    `pruned` is without_additions(document) when the caller already has it (a document that
    does not change need be pruned once, not at every node)."""
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
        for key in ("required", "enum"):  # sets, whatever order a generator wrote them in
            if isinstance(stripped.get(key), list):
                stripped[key] = sorted(stripped[key], key=repr)
        if stripped.get("properties") == {}:
            del stripped["properties"]
        return stripped
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _resolve(document: Document, node: Any) -> Any:
    """The node a $ref points at, or node itself."""
    ref = _ref(node)
    return node if ref is None else resolve(document, ref)


def _ref(node: Any) -> str | None:
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref if isinstance(ref, str) else None


def _kind(node: Any) -> Any:
    """What sort of value a schema describes; a change of kind replaces the schema whole."""
    if not isinstance(node, dict):
        return None
    if any(key in node for key in COMPOSITION):
        return "composed"
    if "type" in node:
        return node["type"]
    if "properties" in node or "additionalProperties" in node:
        return "object"
    return "array" if "items" in node else None


def _own_keys(node: dict[str, Any]) -> list[str]:
    """node's keys that say something about values and are not schemas to recurse into."""
    return [
        key
        for key in node
        if key not in NOISE
        and key not in STRUCTURE
        and key not in OPENAPI_ONLY
        and not str(key).startswith("x-")
    ]


def _same(key: str, ours: Any, theirs: Any) -> bool:
    if key == "enum" and isinstance(ours, list) and isinstance(theirs, list):
        return sorted(ours, key=repr) == sorted(theirs, key=repr)
    return bool(ours == theirs)


def _replace(node: dict[str, Any], new: dict[str, Any]) -> None:
    """node becomes new, in place (it is a value inside our document)."""
    node.clear()
    node.update(new)


class Merger:
    def __init__(self, ours: Document, theirs: Document) -> None:
        self.ours, self.theirs = ours, theirs
        self._theirs_pruned = without_additions(theirs)  # only ours is written to
        self.notes: list[str] = []
        self._importing: set[str] = set()

    def _import(self, node: Any) -> Any:
        """A copy of an upstream node. Components it needs that we lack come along by their
        names; a schema we have by that name is brought to upstream's meaning."""
        copied = copy.deepcopy(node)
        for ref in sorted(refs(copied)):  # sorted: the same document gives the same file
            if not ref.startswith("#/components/") or ref in self._importing:
                continue
            section, name = component_of(ref)
            ours = self.ours.setdefault("components", {}).setdefault(section, {})
            self._importing.add(ref)
            if name not in ours:
                ours[name] = self._import(self.theirs["components"][section][name])
                self.notes.append(f"added components.{section}.{name} from upstream")
            elif section == "schemas":
                theirs = self.theirs["components"][section][name]
                self.schema(ours[name], theirs, f"components.{section}.{name}")
            self._importing.discard(ref)
        return copied

    def schema(self, our_node: Any, their_node: Any, where: str) -> None:
        if semantic(self.ours, our_node) == semantic(self.theirs, their_node, self._theirs_pruned):
            return
        target, theirs = _resolve(self.ours, our_node), _resolve(self.theirs, their_node)
        their_ref = _ref(their_node)
        if their_ref is not None and their_ref != _ref(our_node):
            # HubSpot names this schema: spec/ keeps HubSpot's component names
            _replace(our_node, self._import(their_node))
            self.notes.append(f"{where}: now {their_ref.split('/')[-1]}")
            return
        if _kind(target) != _kind(theirs):
            # another kind of value altogether (an object became a string): nothing of ours
            # to keep, and editing in place would leave the old kind's keywords behind
            _replace(our_node, self._import(their_node))
            self.notes.append(f"{where}: now {_kind(theirs) or 'untyped'}")
            return
        self._keywords(target, theirs, where)
        self._properties(target, theirs, where)
        if isinstance(target.get("items"), dict) and isinstance(theirs.get("items"), dict):
            self.schema(target["items"], theirs["items"], f"{where}[]")
        elif target.get("items") != theirs.get("items"):
            self._set(target, "items", theirs)
            self.notes.append(f"{where}: items changed")
        ours_extra, their_extra = (
            target.get("additionalProperties"),
            theirs.get("additionalProperties"),
        )
        if isinstance(ours_extra, dict) and isinstance(their_extra, dict):
            self.schema(ours_extra, their_extra, f"{where}.*")
        elif ours_extra != their_extra:
            self._set(target, "additionalProperties", theirs)
            self.notes.append(f"{where}: additionalProperties changed")

    def _set(self, target: dict[str, Any], key: str, theirs: dict[str, Any]) -> None:
        """target[key] as upstream has it, or gone when upstream has none."""
        if key in theirs:
            target[key] = self._import(theirs[key])
        else:
            target.pop(key, None)

    def _keywords(self, target: dict[str, Any], theirs: dict[str, Any], where: str) -> None:
        marked = target.get(ADDED_CONSTRAINTS) or []
        for key in [k for k in marked if k in theirs]:  # HubSpot's schema has it now: HubSpot's
            marked.remove(key)
            self.notes.append(f"{where}: {key} is HubSpot's now, no longer ours")
        if ADDED_CONSTRAINTS in target and not marked:
            del target[ADDED_CONSTRAINTS]
        for key in [*_own_keys(theirs), *(k for k in _own_keys(target) if k not in theirs)]:
            if key in marked or _same(key, target.get(key), theirs.get(key)):
                continue
            self._set(target, key, theirs)
            self.notes.append(f"{where}: {key} is now {theirs.get(key)!r}")

    def _properties(self, target: dict[str, Any], theirs: dict[str, Any], where: str) -> None:
        if "properties" in target or "properties" in theirs:
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
                if isinstance(ours_props[name], dict) and ours_props[name].get(ADDED) is True:
                    del ours_props[name][ADDED]  # HubSpot publishes it now: HubSpot's
                    self.notes.append(f"{where}.{name}: HubSpot's now, no longer ours")
                self.schema(ours_props[name], their_props[name], f"{where}.{name}")
            if not ours_props and "properties" not in theirs:
                del target["properties"]
        ours_required = list(target.get("required", []))
        their_required = list(theirs.get("required", []))
        if set(ours_required) != set(their_required):
            kept = [n for n in ours_required if n in their_required]
            required = kept + [n for n in their_required if n not in kept]
            if not required:
                del target["required"]  # an empty list is not valid OpenAPI 3.0
            elif isinstance(target.get("required"), list):
                target["required"][:] = required  # in place: keeps our flow style
            else:
                target["required"] = required
            self.notes.append(f"{where}: required is now {sorted(their_required)}")

    def operation(self, path: str, method: str) -> None:
        ours = self.ours["paths"][path][method]
        theirs = self.theirs["paths"][path][method]
        if ours.get("operationId") != theirs.get("operationId"):
            self.notes.append(
                f"kept our operationId {ours.get('operationId')!r} "
                f"(upstream: {theirs.get('operationId')!r})"
            )
        if "requestBody" not in theirs and "requestBody" in ours:
            del ours["requestBody"]
            self.notes.append("requestBody: removed")
        elif "requestBody" in theirs and "requestBody" not in ours:
            ours["requestBody"] = self._import(theirs["requestBody"])
            self.notes.append("requestBody: added")
        elif "requestBody" in theirs:
            mine = _resolve(self.ours, ours["requestBody"])
            self._body(mine, _resolve(self.theirs, theirs["requestBody"]), "requestBody")
        self._responses(ours, theirs)

    def _body(self, mine: dict[str, Any], upstream: dict[str, Any], where: str) -> None:
        """A request's or response's JSON body: merged where both have one; else the content
        follows upstream whole (HubSpot once published a 207 without a body, then with)."""
        mine_media = mine.get("content", {}).get("application/json", {})
        their_media = upstream.get("content", {}).get("application/json", {})
        if "schema" in mine_media and "schema" in their_media:
            self.schema(mine_media["schema"], their_media["schema"], where)
        elif ("schema" in mine_media) != ("schema" in their_media):
            self._set(mine, "content", upstream)
            kinds = ", ".join(upstream.get("content", {})) or "none"
            self.notes.append(f"{where}: content is now {kinds}")

    def _responses(self, ours: dict[str, Any], theirs: dict[str, Any]) -> None:
        """2xx statuses follow upstream exactly. Our explicit error statuses are our choice
        where upstream lumps errors into `default` (HubSpot does): kept, not replaced, and
        their bodies follow `default`'s (but for a response marked as ours)."""
        our_responses, their_responses = ours["responses"], theirs.get("responses", {})
        covered_by_default = "default" in their_responses
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
        for status in our_responses:
            upstream_status = status if status in their_responses else "default"
            mine = _resolve(self.ours, our_responses[status])
            if upstream_status not in their_responses or mine.get(ADDED) is True:
                continue
            upstream = _resolve(self.theirs, their_responses[upstream_status])
            if is_error(status):  # our statuses: only the body of HubSpot's errors is HubSpot's
                mine_media = mine.get("content", {}).get("application/json", {})
                their_media = upstream.get("content", {}).get("application/json", {})
                if "schema" in mine_media and "schema" in their_media:
                    where = f"responses.{status}"
                    self.schema(mine_media["schema"], their_media["schema"], where)
            else:
                self._body(mine, upstream, f"responses.{status}")


def is_error(status: str) -> bool:
    return status == "default" or status[:1] in "45"
