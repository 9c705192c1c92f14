"""Whether spec/ says what an upstream document says about one operation.

Faithful means: after the import's documented repairs (docs/spec-workflow.md, "What an import
does"), the operation in spec/ and in the upstream document mean the same

- request body: the JSON schema's meaning (semantic(): $refs inlined, prose, examples, the
  order of `required` and `enum` and our marked additions not counted);
- 2xx responses: the same statuses, each with the same body;
- errors: every explicit error status of ours answers the body of upstream's `default` (HubSpot
  lumps them there; our explicit statuses are a repair), but for one marked as ours (429, whose
  body is the rate limiter's); an explicit upstream error status has ours with its body.

Names, operationIds, tags, security, parameters and prose are ours by the same repairs and are
not compared.
"""

import copy
from typing import Any

from hubspot_toolkit.spec.bundle import first_difference
from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.schemas import resolve
from hubspot_toolkit.workflow.update.extract import sliced
from hubspot_toolkit.workflow.update.merge import ADDED, is_error, semantic, without_additions
from hubspot_toolkit.workflow.update.names import unfile
from hubspot_toolkit.workflow.update.repairs import repair
from hubspot_toolkit.workflow.update.versions import Tracked


def _deref(document: Document, node: Any) -> Any:
    return resolve(document, node["$ref"]) if isinstance(node, dict) and "$ref" in node else node


def _json_schema(document: Document, holder: Any) -> Any:
    """The application/json schema of a request body or response, or None."""
    media = _deref(document, holder).get("content", {}).get("application/json", {})
    return media.get("schema") if isinstance(media, dict) else None


class _Comparison:
    def __init__(self, ours: Document, theirs: Document) -> None:
        self.ours, self.theirs = ours, theirs
        self._pruned = without_additions(ours), without_additions(theirs)
        self.found: list[str] = []

    def schemas(self, where: str, mine: Any, upstream: Any) -> None:
        if (mine is None) != (upstream is None):
            side = "spec/" if mine is None else "upstream"
            self.found.append(f"{where}: {side} has no application/json body")
            return
        if mine is None:
            return
        ours = semantic(self.ours, mine, self._pruned[0])
        theirs = semantic(self.theirs, upstream, self._pruned[1])
        at = first_difference(ours, theirs)
        if at is not None:
            self.found.append(f"{where}: differs at {format_path(at)}")


def differences(
    upstream: Document, source: str, operation: Tracked, document: Document
) -> list[str]:
    """Where document (spec/'s, holding operation) does not say what upstream says; empty
    when faithful."""
    ours = copy.deepcopy(document)
    unfile(ours, operation.version)  # HubSpot's names, for the repair that fills what it omits
    theirs, _ = sliced(upstream, source, operation, ours)
    repair(theirs)
    mine_op = ours["paths"][operation.path]["post"]
    their_op = theirs["paths"][operation.path]["post"]
    compare = _Comparison(ours, theirs)
    compare.schemas(
        "requestBody",
        _json_schema(ours, mine_op.get("requestBody", {})),
        _json_schema(theirs, their_op.get("requestBody", {})),
    )
    mine, upstream_responses = mine_op.get("responses", {}), their_op.get("responses", {})
    ours_errors = [status for status in mine if is_error(status)]
    for status in sorted(set(mine) | set(upstream_responses)):
        where = f"responses.{status}"
        if status not in mine:
            if not (status == "default" and ours_errors):  # our statuses stand for it
                compare.found.append(f"{where}: missing from spec/")
            continue
        if _deref(ours, mine[status]).get(ADDED) is True:
            continue
        counterpart = status if status in upstream_responses else "default"
        if counterpart not in upstream_responses or not (status == counterpart or is_error(status)):
            compare.found.append(f"{where}: upstream has no such status")
            continue
        compare.schemas(
            where,
            _json_schema(ours, mine[status]),
            _json_schema(theirs, upstream_responses[counterpart]),
        )
    return compare.found
