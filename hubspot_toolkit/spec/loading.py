"""Loading and validating the OpenAPI documents in spec/.

Every failure is raised as a SpecError naming the file and, where the document can tell, the
line and the JSON path of the problem.
"""

import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError, best_match
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.document import Document, format_path

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def spec_files(spec_dir: Path) -> list[Path]:
    """The spec documents in spec_dir, in a stable order."""
    if not spec_dir.is_dir():
        raise SpecError(spec_dir, "", "no such directory")
    files = sorted(p for p in spec_dir.iterdir() if p.suffix in SPEC_SUFFIXES and p.is_file())
    if not files:
        raise SpecError(spec_dir, "", "holds no .yaml, .yml or .json document")
    return files


def _line_of(path: Path, parts: Sequence[Any]) -> int | None:
    """The 1-based line of the node at parts in a YAML/JSON file, if it can be found."""
    try:
        node: yaml.Node | None = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    line = None
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def locate(path: Path, parts: Sequence[Any]) -> str:
    """'line N, at a.b.c' (or just the JSON path when the line is unknown)."""
    line = _line_of(path, parts)
    where = format_path(parts)
    return f"line {line}, at {where}" if line else f"at {where}"


def load_document(path: Path) -> Document:
    """Parse one document and check that it is valid OpenAPI 3."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(path, "", f"cannot be read: {exc}") from None
    try:
        document = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(path, place, f"not valid YAML: {problem}") from None
    if not isinstance(document, dict) or "openapi" not in document:
        raise SpecError(path, "", "not an OpenAPI document (no top-level 'openapi' key)")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest not in _VALID:
        validate_document(path, document)
        _VALID[digest] = None
        if len(_VALID) > 256:
            del _VALID[next(iter(_VALID))]
    return document


# Texts known to be valid OpenAPI, by digest: validating takes far longer than parsing, and an
# import (a history replay most of all) reads the same documents again and again.
_VALID: dict[str, None] = {}


def parse_yaml(text: str) -> Any:
    """yaml.safe_load, by libyaml where PyYAML has it (ten times faster); a text libyaml
    refuses is parsed again by PyYAML's own parser, whose messages the errors quote."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # the safe loader, in C
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def validate_document(path: Path, document: Document) -> None:
    """Raise a SpecError for the first OpenAPI schema violation in document."""
    version = str(document.get("openapi", ""))
    if version.startswith("3.0"):
        validator: Any = OpenAPIV30SpecValidator(document)
    elif version.startswith("3.1"):
        validator = OpenAPIV31SpecValidator(document)
    else:
        raise SpecError(path, locate(path, ["openapi"]), f"unsupported OpenAPI version {version!r}")
    error = next(iter(validator.iter_errors()), None)
    if error is None:
        return
    error = _explain(document, version) or error
    while error.context:
        error = _most_specific(error.context)
    parts = _as_document_keys(document, list(error.absolute_path))
    message = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    raise SpecError(path, locate(path, parts), f"invalid OpenAPI: {message}")


def _explain(document: Document, version: str) -> ValidationError | None:
    """The same failure as plain JSON Schema sees it, whose oneOf errors say which branch failed.

    openapi-spec-validator stays the judge (it also follows $refs); its oneOf errors only dump
    the whole node, so the message comes from the OpenAPI 3.0 meta-schema where it can.
    """
    if not version.startswith("3.0"):
        return None
    schemas = resources.files("openapi_spec_validator").joinpath("resources/schemas/v3.0")
    meta = json.loads(schemas.joinpath("schema.json").read_text("utf-8"))
    explained: ValidationError | None = best_match(Draft4Validator(meta).iter_errors(document))
    return explained


def _most_specific(errors: list[ValidationError]) -> ValidationError:
    """Of a oneOf/anyOf's branch errors, the one that says most: not 'use a $ref instead'."""
    candidates = [e for e in errors if "$ref" not in e.message] or errors
    return max(candidates, key=lambda e: len(e.absolute_path))


def _as_document_keys(document: Any, parts: list[Any]) -> list[Any]:
    """parts with mapping keys as the document spells them (the validator may turn '200' to 200)."""
    fixed: list[Any] = []
    node = document
    for part in parts:
        if isinstance(node, dict) and part not in node and str(part) in node:
            part = str(part)
        fixed.append(part)
        node = (
            node.get(part)
            if isinstance(node, dict)
            else (
                node[part]
                if isinstance(node, list) and isinstance(part, int) and part < len(node)
                else None
            )
        )
    return fixed
