"""Fault injection (FAULTS=0.1): some answers fail, before or after the write was committed.

So that clients' retries are tested for real: a failure after the commit means the write
happened although the client saw an error, and a retry must not duplicate it.
"""

import json
import random
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# (status or None for a dropped connection, whether the request is processed first)
FAULTS: list[tuple[int | None, bool]] = [
    (500, False),
    (502, False),
    (503, False),
    (None, False),
    (500, True),
    (503, True),
    (None, True),
]


class DroppedConnection(Exception):
    """Raised mid-response so that the server closes the connection without an answer."""


class FaultInjector:
    def __init__(self, app: ASGIApp, fraction: float, rng: random.Random | None = None) -> None:
        self.app, self.fraction, self.rng = app, fraction, rng or random.Random()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.rng.random() >= self.fraction:
            await self.app(scope, receive, send)
            return
        status, after_commit = self.rng.choice(FAULTS)
        if after_commit:

            async def swallow(message: Message) -> None:
                return None

            await self.app(scope, receive, swallow)
        if status is None:
            # Promise a body, then break off: the client sees the connection drop.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"1000")],
                }
            )
            await send({"type": "http.response.body", "body": b"{", "more_body": True})
            raise DroppedConnection("injected fault: connection dropped")
        body = json.dumps(
            {
                "status": "error",
                "category": "INTERNAL_ERROR" if status == 500 else "SERVICE_UNAVAILABLE",
                "message": f"Injected fault ({status}); the request may be retried.",
                "correlationId": str(uuid.uuid4()),
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
