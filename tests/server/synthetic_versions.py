"""A copy of spec/ with a made-up version in 2026-09's shapes, for testing that the stand-in
reads each version's semantics from spec/ rather than from its own code: the upsert on the
generic `{objectType}` path, no 207 for either operation (the 200 answer declares optional
`errors`/`numErrors`), the upsert result without `warnings` and the association type without
`fromObjectTypeId`/`toObjectTypeId` (the facts of HubSpot's 2026-09 documents).

Built from spec/'s 2026-03 documents, with every component renamed so that the bundle's
shared names stay consistent. A test-only stand-in until spec/ holds HubSpot's own.
"""

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

SOURCE_VERSION = "2026-03"


def _rename(node: Any, suffix: str) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                value.rsplit("/", 1)[0] + "/" + value.rsplit("/", 1)[1] + suffix
                if key == "$ref" and isinstance(value, str) and value.startswith("#/components/")
                else _rename(value, suffix)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rename(item, suffix) for item in node]
    return node


def _as_version(document: dict[str, Any], version: str) -> dict[str, Any]:
    suffix = "V" + version.replace("-", "")
    text = yaml.safe_dump(document, sort_keys=False)
    text = text.replace(SOURCE_VERSION, version).replace(
        SOURCE_VERSION.replace("-", "_"), version.replace("-", "_")
    )
    moved: dict[str, Any] = yaml.safe_load(text)
    moved = _rename(moved, suffix)
    moved["components"] = {
        section: {name + suffix: value for name, value in entries.items()}
        for section, entries in moved["components"].items()
        if section != "securitySchemes"
    } | {"securitySchemes": moved["components"].get("securitySchemes", {})}
    return moved


def _no_207(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for item in document["paths"].values():
        for operation in item.values():
            responses = operation["responses"]
            partial = responses.pop("207")["content"]["application/json"]["schema"]["$ref"]
            name = partial.rsplit("/", 1)[1]
            complete = copy.deepcopy(schemas[name])
            complete["required"] = [
                field for field in complete["required"] if field not in ("errors", "numErrors")
            ]
            ok = responses["200"]["content"]["application/json"]["schema"]["$ref"]
            schemas[ok.rsplit("/", 1)[1]] = complete


def add_version(spec_dir: Path, out: Path, version: str = "2026-09") -> Path:
    """spec_dir copied to out, plus `version` in 2026-09's shapes; out."""
    shutil.copytree(spec_dir, out)
    for stem in ("associations-batch-read", "line-items-batch-upsert"):
        source = yaml.safe_load((spec_dir / f"{stem}-{SOURCE_VERSION}.yaml").read_text())
        document = _as_version(source, version)
        _no_207(document)
        schemas = document["components"]["schemas"]
        for name, schema in schemas.items():
            for dropped in ("warnings", "fromObjectTypeId", "toObjectTypeId"):
                schema.get("properties", {}).pop(dropped, None)
            del name
        if stem == "line-items-batch-upsert":
            ((old, item),) = document["paths"].items()
            generic = old.replace("/line_items/", "/{objectType}/")
            item["post"]["parameters"] = [
                {"name": "objectType", "in": "path", "required": True, "schema": {"type": "string"}}
            ]
            document["paths"] = {generic: item}
        (out / f"{stem}-{version}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return out
