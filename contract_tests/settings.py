"""What the runner tells the schemathesis hooks, through the environment of the child process."""

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from contract_tests.target import LIMITED_TOKEN_VAR, TOKEN_VAR
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY, PropertyDefinitions

BASE_URL = "HUBSPOT_CONTRACT_BASE_URL"
# The same variables the user sets: the child process reads the tokens where they put them.
TOKEN = TOKEN_VAR
LIMITED_TOKEN = LIMITED_TOKEN_VAR
SAFE_PREFIX = "HUBSPOT_CONTRACT_PREFIX"
ID_PROPERTY = "HUBSPOT_CONTRACT_ID_PROPERTY"
EXISTING = "HUBSPOT_CONTRACT_EXISTING"
# A remote portal's line item properties: its answer to GET /crm/v3/properties/line_items.
PROPERTIES = "HUBSPOT_CONTRACT_PROPERTIES"

# The custom unique property of the shipped definitions (hubspot_toolkit/properties); a real
# portal needs one like it (hasUniqueValue: true) to upsert by, named here or in ID_PROPERTY.
DEFAULT_ID_PROPERTY = SHIPPED_UNIQUE_KEY


@cache
def _definitions(path: str | None) -> PropertyDefinitions:
    return PropertyDefinitions.load(Path(path) if path else None)


def remote_id_property(properties_file: str | None) -> str:
    """What a remote target's upserts are keyed by: ID_PROPERTY when the user set it, else the
    first unique property of their definitions, else the default."""
    unique = _definitions(properties_file).unique_names()
    return os.environ.get(ID_PROPERTY) or (unique[0] if unique else DEFAULT_ID_PROPERTY)


@dataclass(frozen=True)
class HookSettings:
    base_url: str
    token: str = field(repr=False)
    limited_token: str | None = field(default=None, repr=False)
    safe_prefix: str | None = None
    id_property: str = DEFAULT_ID_PROPERTY
    # reads whose records exist on the target ({"from", "to", "ids"}), known on the reference
    # server from the fixture it was started with
    existing: tuple[dict[str, Any], ...] = ()
    properties_file: str | None = None  # None: the shipped definitions, the reference server's

    @classmethod
    def from_environment(cls) -> "HookSettings":
        return cls(
            base_url=os.environ.get(BASE_URL, ""),
            token=os.environ.get(TOKEN, ""),
            limited_token=os.environ.get(LIMITED_TOKEN) or None,
            safe_prefix=os.environ.get(SAFE_PREFIX) or None,
            id_property=os.environ.get(ID_PROPERTY) or DEFAULT_ID_PROPERTY,
            existing=tuple(json.loads(os.environ.get(EXISTING) or "[]")),
            properties_file=os.environ.get(PROPERTIES) or None,
        )

    def definitions(self) -> PropertyDefinitions:
        """The target's line item properties (PropertiesFileError when the file is bad)."""
        return _definitions(self.properties_file)

    def to_environment(self) -> dict[str, str]:
        env = {BASE_URL: self.base_url, TOKEN: self.token, ID_PROPERTY: self.id_property}
        if self.limited_token:
            env[LIMITED_TOKEN] = self.limited_token
        if self.safe_prefix:
            env[SAFE_PREFIX] = self.safe_prefix
        if self.existing:
            env[EXISTING] = json.dumps(list(self.existing))
        if self.properties_file:
            env[PROPERTIES] = self.properties_file
        return env
