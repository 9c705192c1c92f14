"""A new spec/ document for an operation in a HubSpot version we do not have yet.

HubSpot's operation is sliced and repaired as v3 was (see repairs.py), with HubSpot's component
names, and then made to fit beside the documents spec/ already holds, by the same rules as v3:

- a clean operationId that says the version (`batch_upsert_line_items_2026_03`), our tag;
- the generic `{objectType}` upsert some versions publish becomes the line items one;
- what does not change between versions is ours: the security requirements (HubSpot's scope
  lists are noise), the path parameters (with our ObjectType pattern), the explicit error
  statuses HubSpot lumps into `default`;
- a component whose name spec/ already has is taken from spec/ when it means the same thing,
  or when ours only adds optional fields; a name that means something else stops the import.
"""

import copy
import textwrap
from typing import Any

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.schemas import component_of, resolve
from hubspot_toolkit.spec.versions import READ, UPSERT, base_operation_id, versioned
from hubspot_toolkit.workflow.update.extract import refs
from hubspot_toolkit.workflow.update.merge import ADDED_CONSTRAINTS, semantic, without_additions
from hubspot_toolkit.workflow.update.versions import Tracked

AREAS = {UPSERT: "Line Items", READ: "Associations"}


class DatedDocument:
    """Build the document for `tracked` from the sliced upstream and spec/'s documents."""

    def __init__(
        self,
        tracked: Tracked,
        theirs: Document,
        base: Document,
        known: Document,
        links_from: dict[str, Any] | None = None,
        existing: set[str] | None = None,
    ) -> None:
        self.tracked, self.theirs, self.base, self.known = tracked, theirs, base, known
        # our links come from the operation's newest version in spec/ (v3 when it is alone),
        # and only those whose target operation exists (`existing`) are written
        self.links_from, self.existing = links_from, existing
        self.notes: list[str] = []
        self._upstream_components: dict[str, list[str]] = {}
        # neither is written to: pruned of our marked additions once, for every comparison
        self._known_pruned = without_additions(known)
        self._theirs_pruned = without_additions(theirs)
        self._document: Document = {}

    def build(self, source: str) -> Document:
        tracked = self.tracked
        operation = copy.deepcopy(self.theirs["paths"][tracked.path]["post"])
        base_op = next(
            item["post"]
            for item in self.base["paths"].values()
            if item.get("post", {}).get("operationId") == tracked.operation
        )
        if tracked.is_generic:
            self.notes.append(
                f"the generic {tracked.upstream_path} became {tracked.path} "
                "(the only type we cover)"
            )
        upstream_id = operation.get("operationId")
        operation["operationId"] = tracked.operation_id
        self.notes.append(f"operationId {tracked.operation_id!r} (upstream: {upstream_id!r})")
        operation["tags"] = list(base_op.get("tags", []))
        operation["security"] = copy.deepcopy(base_op.get("security", []))
        self.notes.append("security: our requirements kept (upstream's scope lists are noise)")
        operation["parameters"] = self._parameters(operation, base_op)
        operation["responses"] = self._responses(operation, base_op)
        document: Document = {
            "openapi": self.base["openapi"],
            "info": self._info(),
            "servers": copy.deepcopy(self.base.get("servers", [])),
            "tags": copy.deepcopy(self.base.get("tags", [])),
            "security": copy.deepcopy(self.base.get("security", [])),
            "paths": {tracked.path: {"post": operation}},
            "components": {},
        }
        self._document = document
        self._components(document, source)
        self._carry_limits(document, base_op)
        self._in_our_words(operation, base_op)
        return document

    def _in_our_words(self, operation: dict[str, Any], base_op: dict[str, Any]) -> None:
        """HubSpot's prose stays HubSpot's: its facts (names, types, enums) are imported, its
        descriptions and summaries are replaced by ours or left out."""
        version, name = self.tracked.version, self.tracked.operation
        operation["summary"] = f"{base_op.get('summary', name)} ({version})"
        operation["description"] = _wrapped(
            f"HubSpot's {version} version of `{name}`. The request and response follow "
            f"HubSpot's {version} schemas, under the component names HubSpot publishes; "
            f"authentication, limits and error statuses are those of `{name}` in v3. "
            "`hubspot-toolkit spec-diff` pairs the two and lists every difference.\n"
        )
        for status, response in operation["responses"].items():
            if status.startswith("2") and "$ref" not in response:
                ours = base_op.get("responses", {}).get(status, {})
                response["description"] = ours.get("description", "Answered.")
                linked = (self.links_from or base_op).get("responses", {}).get(status, {})
                links = self._links(linked.get("links", {}))
                if links:
                    response["links"] = links
        for section in ("schemas", "parameters", "headers"):
            for component in self._upstream_components.get(section, []):
                _drop_prose(self._document["components"][section][component])

    def _links(self, links: dict[str, Any]) -> dict[str, Any]:
        """Our links, between this version's operations (their bodies' expressions read fields
        every version has: results' ids and paging cursors); a link whose target spec/ does not
        have yet is left out, and the target's own import adds it (links.back_links)."""
        kept, waiting = {}, []
        for name, link in links.items():
            copied = relinked(link, self.tracked.version)
            target = copied.get("operationId")
            if self.existing is None or target in self.existing:
                kept[name] = copied
            else:
                waiting.append(f"{name} (to {target}, which spec/ does not have yet)")
        if kept:
            self.notes.append(
                f"links: {', '.join(kept)} (ours, between {self.tracked.version}'s operations)"
            )
        if waiting:
            self.notes.append(f"links left out: {', '.join(waiting)}; importing it adds them")
        return kept

    def _inputs(self, document: Document, operation: dict[str, Any]) -> Any:
        """The `inputs` array schema of operation's request body, in document."""
        schema = (
            operation.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {})
        )
        if "$ref" in schema:
            schema = resolve(document, schema["$ref"])
        return schema.get("properties", {}).get("inputs")

    def _carry_limits(self, document: Document, base_op: dict[str, Any]) -> None:
        """HubSpot's limits that our v3 document marks (e.g. at most 1000 reads per request)
        hold in every version: put them on the new version's inputs too."""
        ours = self._inputs(self.base, base_op)
        operation = document["paths"][self.tracked.path]["post"]
        theirs = self._inputs(document, operation)
        if not isinstance(ours, dict) or not isinstance(theirs, dict):
            return
        marked = list(ours.get(ADDED_CONSTRAINTS) or [])
        missing = [key for key in marked if key in ours and theirs.get(key) != ours[key]]
        if not missing:
            return
        for key in missing:
            theirs[key] = copy.deepcopy(ours[key])
        theirs[ADDED_CONSTRAINTS] = marked
        limits = ", ".join(f"{key}: {ours[key]}" for key in missing)
        self.notes.append(f"request inputs: HubSpot's documented limits added ({limits})")

    def _info(self) -> dict[str, Any]:
        tracked = self.tracked
        area = AREAS.get(tracked.operation, tracked.operation)
        verb = "batch upsert" if "upsert" in tracked.operation else "batch read"
        return {
            "title": f"HubSpot CRM {area} {tracked.version} — {verb}",
            "version": tracked.version,
            "description": _wrapped(
                f"HubSpot's {tracked.version} version of the operation that "
                f"{self.base['info']['title']!r} covers in v3, imported by "
                "`hubspot-toolkit update-spec` with the same repairs and rules: no "
                "`example: null`, error responses as application/json with our explicit "
                "statuses, a readable operationId that says the version, private app tokens as "
                "HTTP bearer auth, and HubSpot's component names.\n"
            ),
        }

    def _parameters(self, operation: dict[str, Any], base_op: dict[str, Any]) -> list[Any]:
        """Path parameters by our definitions where the names match (our pattern, examples)."""
        ours = {}
        for parameter in base_op.get("parameters", []):
            resolved = parameter
            if "$ref" in parameter:
                resolved = resolve(self.base, parameter["$ref"])
            ours[resolved.get("name")] = parameter
        kept = []
        for parameter in operation.get("parameters", []):
            name = parameter.get("name")
            if self.tracked.is_generic and name == "objectType":
                continue
            kept.append(copy.deepcopy(ours.get(name, parameter)))
        return kept

    def _responses(self, operation: dict[str, Any], base_op: dict[str, Any]) -> dict[str, Any]:
        responses = {
            status: response
            for status, response in operation.get("responses", {}).items()
            if status.startswith("2")
        }
        errors = {
            status: copy.deepcopy(response)
            for status, response in base_op.get("responses", {}).items()
            if not status.startswith("2")
        }
        if errors:
            self.notes.append(f"responses: our error statuses kept ({', '.join(errors)})")
        return {**responses, **errors}

    def _components(self, document: Document, source: str) -> None:
        """Every component the operation reaches: ours where spec/ has the name, else theirs."""
        pending = refs(document["paths"])
        seen: set[str] = set()
        renamed: dict[str, str] = {}
        components = document["components"]
        while pending:
            ref = pending.pop()
            if ref in seen:
                continue
            seen.add(ref)
            section, name = component_of(ref)
            node, kept_name, upstream = self._choose(section, name, source)
            if upstream:
                self._upstream_components.setdefault(section, []).append(kept_name)
            if kept_name != name:
                renamed[ref] = f"#/components/{section}/{kept_name}"
            components.setdefault(section, {})[kept_name] = node
            pending |= refs(node)
        _rename_refs(document, renamed)
        schemes = {
            name
            for requirement in [*document["security"], *self._all_security(document)]
            for name in requirement
        }
        known = self.known.get("components", {}).get("securitySchemes", {})
        if schemes:
            components["securitySchemes"] = {n: copy.deepcopy(known[n]) for n in sorted(schemes)}
        # sorted, so that the same upstream document always gives the same file
        document["components"] = {
            k: dict(sorted(components[k].items())) for k in sorted(components)
        }

    @staticmethod
    def _all_security(document: Document) -> list[dict[str, Any]]:
        return [
            requirement
            for item in document["paths"].values()
            for operation in item.values()
            for requirement in operation.get("security", [])
        ]

    def _choose(self, section: str, name: str, source: str) -> tuple[Any, str, bool]:
        """The component to use for name, the name to file it under, whether it is HubSpot's."""
        ours = self.known.get("components", {}).get(section, {}).get(name)
        theirs = self.theirs.get("components", {}).get(section, {}).get(name)
        if ours is None:
            if theirs is None:
                raise SpecError(source, f"components.{section}.{name}", "is referenced but absent")
            return copy.deepcopy(theirs), name, True
        if theirs is None or section != "schemas":
            return copy.deepcopy(ours), name, False  # ours: an error response, a parameter, …
        if semantic(self.known, ours, self._known_pruned) == semantic(
            self.theirs, theirs, self._theirs_pruned
        ):
            return copy.deepcopy(ours), name, False
        # HubSpot reuses a name for another meaning in this version (2026-09's
        # BatchResponseSimplePublicUpsertObject gains errors); one client holds both, so this
        # version's keeps HubSpot's name with the version after it.
        renamed = versioned(name, self.tracked.version)
        self.notes.append(
            f"components.schemas.{name} means something else in {self.tracked.version} than in "
            f"spec/: filed as {renamed}"
        )
        return copy.deepcopy(theirs), renamed, True


def relinked(link: dict[str, Any], version: str) -> dict[str, Any]:
    """A copy of one of our links, its target moved to version's operation of the same name."""
    copied = copy.deepcopy(link)
    if isinstance(copied.get("operationId"), str):
        copied["operationId"] = versioned(base_operation_id(copied["operationId"]), version)
    return copied


def _wrapped(text: str) -> str:
    return textwrap.fill(text.strip(), width=92) + "\n"


def _drop_prose(node: Any) -> None:
    """Remove descriptions, titles and summaries everywhere below node."""
    if isinstance(node, dict):
        for key in ("description", "title", "summary"):
            if isinstance(node.get(key), str):
                del node[key]
        for value in node.values():
            _drop_prose(value)
    elif isinstance(node, list):
        for value in node:
            _drop_prose(value)


def _rename_refs(node: Any, renamed: dict[str, str]) -> None:
    if isinstance(node, dict):
        if node.get("$ref") in renamed:
            node["$ref"] = renamed[node["$ref"]]
        for value in node.values():
            _rename_refs(value, renamed)
    elif isinstance(node, list):
        for value in node:
            _rename_refs(value, renamed)
