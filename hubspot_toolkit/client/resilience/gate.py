"""Calling off the requests that have not left yet: after `Gate.close()` no request sent
through the gate leaves (one waiting for the rate limit, or for a retry, gives up with NotSent),
while those already on the wire finish. A bulk job closes its gate on Ctrl-C.

A request goes through the gate of the context it is sent from (`with through(gate):` in the
thread, or the task, that sends it): the transport underneath the generated client reads it
there, so no call in between needs to pass it on.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# How often a request waiting for the rate limit looks whether its gate closed: it is called
# off within this long.
GATE_POLL_SECONDS = 0.05


class NotSent(Exception):
    """The request was called off before it left: the server never saw it (or, for a retry,
    never saw it again). `attempts`: how many of its attempts had left before."""

    def __init__(self, message: str, attempts: int = 0) -> None:
        self.attempts = attempts
        super().__init__(message)


class Gate:
    """Open until closed; counts the requests on the wire."""

    def __init__(self) -> None:
        # Re-entrant: a signal handler may close the gate in a thread that holds the lock.
        self._lock = threading.RLock()
        self._closed = False
        self._on_the_wire = 0
        self.on_the_wire_when_closed = 0

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def on_the_wire(self) -> int:
        return self._on_the_wire

    def close(self) -> int:
        """No request leaves from now on; the number on the wire at the first close."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self.on_the_wire_when_closed = self._on_the_wire
            return self.on_the_wire_when_closed

    def enter(self) -> bool:
        """Just before a request leaves: False (send nothing) once the gate is closed."""
        with self._lock:
            if self._closed:
                return False
            self._on_the_wire += 1
            return True

    def leave(self) -> None:
        """Its answer (or failure) came."""
        with self._lock:
            self._on_the_wire -= 1


_current: ContextVar[Gate | None] = ContextVar("hubspot_toolkit_gate", default=None)


def current_gate() -> Gate | None:
    """The gate the requests of this thread or task go through, if any."""
    return _current.get()


@contextmanager
def through(gate: Gate | None) -> Iterator[None]:
    """Requests sent in this context (thread, or task) go through `gate` (None: no gate)."""
    token = _current.set(gate)
    try:
        yield
    finally:
        _current.reset(token)
