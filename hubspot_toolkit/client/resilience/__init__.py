"""Rate-limit pacing and safe retries for the generated HubSpot client (see transport.py)."""

from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.client.resilience.budget import DEFAULT_BUDGET, PRESETS, Budget, preset
from hubspot_toolkit.client.resilience.client import resilient_client
from hubspot_toolkit.client.resilience.errors import GaveUpError
from hubspot_toolkit.client.resilience.gate import Gate, NotSent, through
from hubspot_toolkit.client.resilience.pacer import AsyncPacer, Pacer
from hubspot_toolkit.client.resilience.policy import RetryPolicy
from hubspot_toolkit.client.resilience.transport import AsyncResilientTransport, ResilientTransport

__all__ = [
    "DEFAULT_BUDGET",
    "PRESETS",
    "AsyncPacer",
    "AsyncResilientTransport",
    "Budget",
    "Gate",
    "GaveUpError",
    "NotSent",
    "Pacer",
    "RedactedClient",
    "ResilientTransport",
    "RetryPolicy",
    "preset",
    "resilient_client",
    "through",
]
