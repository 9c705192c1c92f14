"""One httpx transport, sync and async, into an ASGI app in this process: no port, no process.

httpx's ASGITransport is async only. A sync request runs it on a background event loop (one
daemon thread per process, started on first use) and waits for the answer, so the generated
client's get_httpx_client() and get_async_httpx_client() both work, as does any httpx client.
"""

import asyncio
import atexit
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx

from hubspot_toolkit.server.faults import ASGIApp, DroppedConnection, Message, Receive, Scope, Send

T = TypeVar("T")


class _BackgroundLoop:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pid = 0

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._running()).result()

    def _running(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._pid != os.getpid():  # a forked child has no thread
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="stand-in", daemon=True)
                thread.start()
                if self._pid == 0:
                    atexit.register(self.stop)
                self._loop, self._thread, self._pid = loop, thread, os.getpid()
            return self._loop

    def stop(self) -> None:
        with self._lock:
            if self._loop is None or self._thread is None or self._pid != os.getpid():
                return
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()
            self._loop = self._thread = None


_LOOP = _BackgroundLoop()


class _AsAServerWould:
    """Starlette sends its 500 for an app error, then re-raises for the server to log; uvicorn
    logs it and the client keeps its 500. So here: the answer stands (the app logged the error)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except DroppedConnection:
            raise
        except Exception:
            if not started:
                raise


class StandInTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Give it to any httpx client, sync or async: `httpx.Client(transport=hubspot.transport)`."""

    def __init__(self, app: ASGIApp) -> None:
        self._asgi = httpx.ASGITransport(app=_AsAServerWould(app))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._asgi.handle_async_request(request)
        except DroppedConnection:  # an injected fault: what a client sees over a socket
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body", request=request
            ) from None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # a sync body, read here, is replayable by the async side

        async def exchange() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            response = await self.handle_async_request(request)
            return response.status_code, response.headers.raw, await response.aread()

        status, headers, content = _LOOP.run(exchange())
        return httpx.Response(
            status, headers=headers, stream=httpx.ByteStream(content), request=request
        )
