"""How a stand-in reaches the server's control operations (hubspot_toolkit/server/control.py):
a direct call in-process, HTTP for a server process. Both carry the same JSON."""

import json
from typing import Any, Protocol

import httpx

from hubspot_toolkit.server.control import PREFIX, ControlError, ControlledApp
from hubspot_toolkit.testing.errors import StandInError


class Channel(Protocol):
    def call(self, operation: str, arguments: dict[str, Any]) -> Any: ...

    def close(self) -> None: ...


class DirectChannel:
    def __init__(self, app: ControlledApp) -> None:
        self._app = app

    def call(self, operation: str, arguments: dict[str, Any]) -> Any:
        __tracebackhide__ = True  # pytest shows the test's line, not these
        # Through JSON, as over HTTP, so that both forms take and give exactly the same.
        try:
            return self._app.call(operation, json.loads(json.dumps(arguments)))
        except ControlError as exc:
            raise StandInError(str(exc)) from None

    def close(self) -> None:
        self._app.close()


class HttpChannel:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.Client(base_url=base_url + PREFIX, timeout=60)

    def call(self, operation: str, arguments: dict[str, Any]) -> Any:
        __tracebackhide__ = True
        answer = self._client.post(operation, json=arguments)
        if answer.status_code == 200:
            return answer.json()["result"]
        try:
            message = str(answer.json()["message"])
        except (ValueError, KeyError, TypeError):
            message = f"the stand-in's control answered {answer.status_code}"
        raise StandInError(message)

    def close(self) -> None:
        self._client.close()
