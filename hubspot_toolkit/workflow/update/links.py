"""Our OpenAPI links between a version's operations, and what a new version still lacks.

The links are ours (HubSpot's documents have none): the line item just written is read back
(`ReadAssociationsOfWrittenLineItem`), the next page is read (`ReadNextPage`). A new version's
document takes them from the operation's newest version in spec/, but only those whose target
operation spec/ has: a link to nowhere stops schemathesis' stateful phase. When the target's
own document is imported later, the links that point at it are added to its siblings then
(`back_links`), so either order of imports gives the same spec/.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.loading import load_document, spec_files
from hubspot_toolkit.spec.versions import V3, base_operation_id, version_of_operation_id
from hubspot_toolkit.workflow.update.dated import relinked
from hubspot_toolkit.workflow.update.versions import LAYOUT, Tracked


@dataclass
class BackLinks:
    document: Any  # the sibling's round-trip YAML, links added
    note: str


def _posts(document: Document) -> list[dict[str, Any]]:
    return [
        item["post"]
        for item in document.get("paths", {}).values()
        if isinstance(item, dict) and isinstance(item.get("post"), dict)
    ]


def _age(version: str) -> str:
    return "" if version == V3 else version  # v3 is older than every dated version


def latest_operation(
    documents: dict[Path, Document], name: str, besides: str
) -> dict[str, Any] | None:
    """The operation `name` in its newest version spec/ holds, other than `besides`."""
    found = [
        (version_of_operation_id(op["operationId"]), op)
        for document in documents.values()
        for op in _posts(document)
        if base_operation_id(str(op.get("operationId", ""))) == name
        and version_of_operation_id(str(op["operationId"])) != besides
    ]
    return max(found, key=lambda item: _age(item[0]))[1] if found else None


def back_links(
    documents: dict[Path, Document], created: Tracked, parser: YAML
) -> dict[Path, BackLinks]:
    """The same version's other documents, with the links to `created` they lacked added."""
    changed: dict[Path, BackLinks] = {}
    for path, document in documents.items():
        for op in _posts(document):
            sibling_id = str(op.get("operationId", ""))
            name = base_operation_id(sibling_id)
            if version_of_operation_id(sibling_id) != created.version or name == created.operation:
                continue
            reference = latest_operation(documents, name, created.version) or {}
            wanted = _links_to(reference, created)
            missing = {
                (status, link_name): link
                for (status, link_name), link in wanted.items()
                if link_name not in op.get("responses", {}).get(status, {}).get("links", {})
                and status in op.get("responses", {})
            }
            if missing:
                changed[path] = _add(path, sibling_id, missing, parser)
    return changed


def _links_to(reference: dict[str, Any], created: Tracked) -> dict[tuple[str, str], Any]:
    return {
        (status, link_name): moved
        for status, response in reference.get("responses", {}).items()
        if isinstance(response, dict)
        for link_name, link in response.get("links", {}).items()
        if (moved := relinked(link, created.version)).get("operationId") == created.operation_id
    }


def _add(
    path: Path, operation_id: str, missing: dict[tuple[str, str], Any], parser: YAML
) -> BackLinks:
    text = parser.load(path.read_text(encoding="utf-8"))
    for item in text["paths"].values():
        op = item.get("post")
        if op is None or op.get("operationId") != operation_id:
            continue
        for (status, link_name), link in missing.items():
            response = op["responses"][status]
            if "links" not in response:
                response["links"] = {}
            response["links"][link_name] = block_strings(link)
    names = ", ".join(f"{link_name} ({status})" for status, link_name in missing)
    return BackLinks(text, f"gains our links to the new operation: {names}")


def block_strings(node: Any) -> Any:
    """Multi-line strings as YAML block scalars, as the hand-written documents have them."""
    if isinstance(node, dict):
        return {key: block_strings(value) for key, value in node.items()}
    if isinstance(node, list):
        return [block_strings(value) for value in node]
    if isinstance(node, str) and "\n" in node:
        return LiteralScalarString(node)
    return node


def still_missing(spec_dir: Path, versions: set[str], upstream_file: Path) -> list[str]:
    """For each dated version imported, our operations spec/ still lacks in it, and where
    HubSpot's collection files their documents."""
    have = {
        (base_operation_id(op["operationId"]), version_of_operation_id(op["operationId"]))
        for path in spec_files(spec_dir)
        for op in _posts(load_document(path))
    }
    parents = upstream_file.resolve().parents
    root = next((p for p in parents if (p / "PublicApiSpecs").is_dir()), None)
    lines = []
    for version in sorted(versions - {V3}):
        for operation, (folder, name) in LAYOUT.items():
            if (operation, version) in have:
                continue
            where = f"{folder}/<rollout>/{version}/{name}"
            if root is not None:
                found = sorted((root / folder).glob(f"*/{version}/{name}"))
                if found:
                    where = str(found[0])
            lines.append(
                f"next: spec/ has no {operation} in {version} yet: import HubSpot's {version} "
                f"document for it too (make update-spec UPSTREAM='{where}' ADD={version}; in "
                f"HubSpot's spec collection: {folder}/<rollout>/{version}/{name})"
            )
    return lines
