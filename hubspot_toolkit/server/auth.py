"""Bearer tokens and their scopes; tokens are compared in constant time and never logged."""

import hmac
import json
from dataclasses import dataclass, field
from pathlib import Path

from hubspot_toolkit.server.config import ConfigError
from hubspot_toolkit.server.errors import ApiError

DEV_TOKEN = "dev-token"
# HubSpot's words for a missing or unknown token alike (captured; ledger:
# auth-401-missing-or-unknown-token)
CREDENTIALS_NOT_FOUND = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you "
    "can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)
ALL_SCOPES = "*"
# The legacy e-commerce scope grants what the line item and product scopes grant: HubSpot's
# spec lists it as an alternative to crm.objects.line_items.write on the upsert (spec/), and
# its line items guide names it for line item access
# (https://developers.hubspot.com/docs/api/crm/line-items). That it also grants products' read
# scope is our reading of the same guide; sources are silent on exactly what else it covers.
LEGACY_ECOMMERCE = "e-commerce"
ECOMMERCE_GRANTS = {
    "crm.objects.line_items.read",
    "crm.objects.line_items.write",
    "crm.objects.products.read",
}


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token (kept out of repr) and what it may do."""

    token: str = field(repr=False)
    scopes: frozenset[str]

    def lacks(self, required: set[str]) -> list[str]:
        if ALL_SCOPES in self.scopes:
            return []
        granted = set(self.scopes)
        if LEGACY_ECOMMERCE in granted:
            granted |= ECOMMERCE_GRANTS
        return sorted(required - granted)


class TokenStore:
    def __init__(self, tokens: dict[str, frozenset[str]]) -> None:
        self._tokens = [(token.encode(), scopes) for token, scopes in tokens.items()]

    @classmethod
    def development(cls) -> "TokenStore":
        return cls({DEV_TOKEN: frozenset({ALL_SCOPES})})

    @classmethod
    def from_file(cls, path: Path) -> "TokenStore":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"TOKENS={path}: cannot read a JSON file ({exc})") from None
        if not isinstance(data, dict) or not all(
            isinstance(scopes, list) and all(isinstance(s, str) for s in scopes)
            for scopes in data.values()
        ):
            raise ConfigError(
                f"TOKENS={path}: expected an object mapping each token to a list of scopes, "
                'e.g. {"my-token": ["crm.objects.line_items.write"]}'
            )
        return cls({str(token): frozenset(scopes) for token, scopes in data.items()})

    def authenticate(self, authorization: str | None) -> Principal:
        """The caller of an `Authorization: Bearer <token>` header, or a 401."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "INVALID_AUTHENTICATION", CREDENTIALS_NOT_FOUND)
        presented = token.strip().encode()
        found: frozenset[str] | None = None
        # Compare against every token, without stopping early, so timing tells nothing.
        for known, scopes in self._tokens:
            if hmac.compare_digest(known, presented):
                found = scopes
        if found is None:
            raise ApiError(
                401,
                "INVALID_AUTHENTICATION",
                CREDENTIALS_NOT_FOUND,
            )
        return Principal(token.strip(), found)


def require(principal: Principal, required: set[str]) -> None:
    """A 403 naming the missing scopes unless principal holds all of required: category
    MISSING_SCOPES with context.missingScopes, as the context example of the Error schema in
    HubSpot's published spec ({missingScopes=[scope1, scope2]}) and its error handling guide
    (https://developers.hubspot.com/docs/api-reference/error-handling) show."""
    missing = principal.lacks(required)
    if missing:
        raise ApiError(
            403,
            "MISSING_SCOPES",
            "This app hasn't been granted all required scopes to make this call.",
            [{"message": f"missing scope {scope}", "code": "MISSING_SCOPES"} for scope in missing],
            context={"missingScopes": missing},
        )
