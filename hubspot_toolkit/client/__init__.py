"""Helpers around the generated client: strict checking, token-safe reprs, pacing and retries
(resilience), and bulk jobs (bulk)."""

from hubspot_toolkit.client.redacted import InvalidTokenError, RedactedClient, check_token
from hubspot_toolkit.client.strict import check_exchange, strict_client

__all__ = ["InvalidTokenError", "RedactedClient", "check_exchange", "check_token", "strict_client"]
