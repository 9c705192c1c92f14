"""Ctrl-C during a bulk job: the first one stops taking new chunks and lets the requests in
flight finish and be journaled; a second one stops at once (the journal stays readable)."""

import signal
from types import FrameType, TracebackType
from typing import Any


class Interrupt:
    """`with Interrupt() as interrupt:` … `interrupt.requested` once SIGINT came."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True  # no printing here: the main thread may be mid-write on stderr

    def __enter__(self) -> "Interrupt":
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        signal.signal(signal.SIGINT, self._previous)
