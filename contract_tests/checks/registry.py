"""Which checks the suite runs and which ledger behaviours each holds: what the map from the
ledger to the checks (hubspot_toolkit/evidence/checks.yaml) is held to.

A hubspot_* check holds a behaviour when it cites the ledger id, in its own source or in the
rules it calls (contract_tests/checks); a check of schemathesis' own holds what BUILTIN_HOLDS
says spec/ encodes for it to enforce.
"""

import inspect
import re
from collections.abc import Callable
from functools import cache
from typing import Any

# The schemathesis checks the suite runs and the behaviours of the ledger spec/ encodes for
# them: the answers' shapes (its repairs name the entries), its size limits, its security.
BUILTIN_HOLDS: dict[str, tuple[str, ...]] = {
    "response_schema_conformance": (
        "v3-result-shape",
        "dated-to-object-id-is-number",
        "dated-association-types-label-null",
        "batch-requested-at-absent-or-null",
        "timestamps-iso-millis-z",
        "standard-error-fields-optional",
    ),
    "negative_data_rejection": (
        "association-batch-input-limit",
        "upsert-batch-input-limit",
        "invalid-json-wrong-shape",
        "missing-required-field",
    ),
    "ignored_auth": ("auth-401-missing-or-unknown-token",),
}
# the one schemathesis check the runner leaves out (hubspot_unsupported_method replaces it)
EXCLUDED = "unsupported_method"
_CALLS = re.compile(r"\b(?:(\w+)\.)?(_?[a-z]\w*)\(")


@cache
def registered_checks() -> dict[str, Callable[..., Any]]:
    """Every check a run of the suite applies, by name: schemathesis' own and the hooks'."""
    import schemathesis.specs.openapi.checks  # noqa: F401  (registers its OpenAPI checks)
    from schemathesis.checks import CHECKS

    import contract_tests.checks.hooks  # noqa: F401  (registers the hubspot_* checks)

    checks = {getattr(check, "__name__", str(check)): check for check in CHECKS.get_all()}
    checks.pop(EXCLUDED, None)
    return checks


def _cited_text(function: Callable[..., Any], depth: int = 2) -> str:
    """function's source and that of the functions it calls in contract_tests.checks."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return ""
    module = inspect.getmodule(function)
    texts = [source]
    if depth == 0 or module is None:
        return source
    for owner, name in set(_CALLS.findall(source)):
        holder = getattr(module, owner, None) if owner else module
        called = getattr(holder, name, None) if holder is not None else None
        called_module = getattr(called, "__module__", "") or ""
        if callable(called) and called_module.startswith("contract_tests.checks"):
            texts.append(_cited_text(called, depth - 1))
    return "\n".join(texts)


def _cites(text: str, behaviour: str) -> bool:
    """Whether text names behaviour, whole or by a prefix ending in `-*` (no-associations-207-*)."""
    if re.search(rf"(?<![\w-]){re.escape(behaviour)}(?![\w-])", text):
        return True
    return any(behaviour.startswith(prefix) for prefix in re.findall(r"([a-z0-9-]+-)\*", text))


def holds(check: str, behaviour: str) -> bool:
    """Whether the check named check holds a server to the ledger behaviour."""
    if check in BUILTIN_HOLDS:
        return behaviour in BUILTIN_HOLDS[check]
    function = registered_checks().get(check)
    return function is not None and _cites(_cited_text(function), behaviour)
