"""What the runner tells the schemathesis hooks, through the environment of the child process."""

import json
import os
from dataclasses import dataclass, field
from typing import Any

from contract_tests.target import LIMITED_TOKEN_VAR, TOKEN_VAR

BASE_URL = "HUBSPOT_CONTRACT_BASE_URL"
# The same variables the user sets: the child process reads the tokens where they put them.
TOKEN = TOKEN_VAR
LIMITED_TOKEN = LIMITED_TOKEN_VAR
SAFE_PREFIX = "HUBSPOT_CONTRACT_PREFIX"
ID_PROPERTY = "HUBSPOT_CONTRACT_ID_PROPERTY"
EXISTING = "HUBSPOT_CONTRACT_EXISTING"

DEFAULT_ID_PROPERTY = "hs_sku"


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

    @classmethod
    def from_environment(cls) -> "HookSettings":
        return cls(
            base_url=os.environ.get(BASE_URL, ""),
            token=os.environ.get(TOKEN, ""),
            limited_token=os.environ.get(LIMITED_TOKEN) or None,
            safe_prefix=os.environ.get(SAFE_PREFIX) or None,
            id_property=os.environ.get(ID_PROPERTY) or DEFAULT_ID_PROPERTY,
            existing=tuple(json.loads(os.environ.get(EXISTING) or "[]")),
        )

    def to_environment(self) -> dict[str, str]:
        env = {BASE_URL: self.base_url, TOKEN: self.token, ID_PROPERTY: self.id_property}
        if self.limited_token:
            env[LIMITED_TOKEN] = self.limited_token
        if self.safe_prefix:
            env[SAFE_PREFIX] = self.safe_prefix
        if self.existing:
            env[EXISTING] = json.dumps(list(self.existing))
        return env
