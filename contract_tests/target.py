"""Where the contract suite points: a user's base URL and token, or a fresh reference server."""

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contract_tests.fixture import PAGE_SIZE, associations_fixture, existing_reads
from hubspot_toolkit.client.url_safety import InsecureURLError, check_token_url
from hubspot_toolkit.errors import HubSpotToolkitError
from hubspot_toolkit.spec.document import Document

BASE_URL_VAR = "HUBSPOT_BASE_URL"
TOKEN_VAR = "HUBSPOT_ACCESS_TOKEN"
LIMITED_TOKEN_VAR = "HUBSPOT_LIMITED_TOKEN"
# Records a remote portal has with associations, in the reference server's ASSOCIATIONS format:
# reads of them must find them, and the paging of those with many is followed and judged.
ASSOCIATIONS_VAR = "HUBSPOT_CONTRACT_ASSOCIATIONS"
REFERENCE_TOKEN = "contract-suite-token"
REFERENCE_LIMITED_TOKEN = "contract-suite-no-scopes"


@dataclass(frozen=True)
class Target:
    """A server under test. The token is kept out of repr so it can never reach a log."""

    base_url: str
    token: str = field(repr=False)
    # a token the server knows but that lacks the operations' scopes (403 checks), if any
    limited_token: str | None = field(default=None, repr=False)
    is_reference: bool = False
    existing: tuple[dict[str, Any], ...] = ()  # reads whose records exist (see fixture.py)


class TargetError(HubSpotToolkitError):
    """The target cannot be used; the message is one line and never holds the token."""


def from_environment() -> Target | None:
    """The target named by HUBSPOT_BASE_URL and HUBSPOT_ACCESS_TOKEN, or None when unset."""
    base_url = os.environ.get(BASE_URL_VAR, "").strip()
    token = os.environ.get(TOKEN_VAR, "").strip()
    if not base_url and not token:
        return None
    if not base_url:
        raise TargetError(f"{TOKEN_VAR} is set but {BASE_URL_VAR} is not; set both or neither")
    if not token:
        raise TargetError(f"{BASE_URL_VAR} is set but {TOKEN_VAR} is not; set both or neither")
    if not base_url.startswith(("http://", "https://")):
        raise TargetError(f"{BASE_URL_VAR}={base_url!r} is not an http:// or https:// URL")
    try:
        check_token_url(base_url, BASE_URL_VAR)
    except InsecureURLError as exc:
        raise TargetError(str(exc)) from None
    limited = os.environ.get(LIMITED_TOKEN_VAR, "").strip() or None
    existing = _known_associations(os.environ.get(ASSOCIATIONS_VAR, "").strip())
    return Target(base_url.rstrip("/"), token, limited, is_reference=False, existing=existing)


def _known_associations(path: str) -> tuple[dict[str, Any], ...]:
    if not path:
        return ()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return tuple(existing_reads(data))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TargetError(
            f"{ASSOCIATIONS_VAR}={path}: not an ASSOCIATIONS file of records and their "
            f"associations ({type(exc).__name__}: {exc})"
        ) from None


@contextmanager
def reference_target(spec_dir: Path, spec: Document) -> Iterator[Target]:
    """A reference server for spec_dir (whose bundle is spec) on a free loopback port with a
    fresh database, stopped afterwards."""
    from hubspot_toolkit.server.process import ReferenceServer

    with tempfile.TemporaryDirectory(prefix="hubspot-contract-") as work:
        tokens = Path(work) / "tokens.json"
        tokens.write_text(
            json.dumps(
                {
                    # "*": every scope, so that any standard object type can be read
                    REFERENCE_TOKEN: ["*"],
                    REFERENCE_LIMITED_TOKEN: [],
                }
            )
        )
        associations = Path(work) / "associations.json"
        fixture = associations_fixture(spec)
        associations.write_text(json.dumps(fixture))
        server = ReferenceServer(
            Path(work) / "contract.sqlite3",
            tokens_file=tokens,
            spec_dir=spec_dir,
            associations_file=associations,
            page_size=PAGE_SIZE,
        )
        with server:
            yield Target(
                server.base_url,
                REFERENCE_TOKEN,
                REFERENCE_LIMITED_TOKEN,
                is_reference=True,
                existing=tuple(existing_reads(fixture)),
            )
