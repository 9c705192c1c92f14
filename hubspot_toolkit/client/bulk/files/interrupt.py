"""Ctrl-C during a file job: the first one calls off every request that has not left yet (it
closes the job's gate, in the handler itself, so that none leaves after the signal) and lets
those on the wire finish and be journaled; a second one stops at once (the journal stays
readable).

Only the main thread receives signals, and only it may set a handler: a job run in another
thread (a worker of a scheduler, say) leaves SIGINT alone."""

import signal
import threading
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any


class Interrupt:
    """`with Interrupt(on_signal) as interrupt:` … `interrupt.requested` once SIGINT came, and
    on_signal() called at once, in the handler (it must neither print nor block: the main
    thread may be mid-write on stderr). The handler that was there before is put back on
    leaving."""

    def __init__(self, on_signal: Callable[[], object] = lambda: None) -> None:
        self.requested = False
        self._on_signal = on_signal
        self._previous: Any = None
        self._installed = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        self._on_signal()

    def __enter__(self) -> "Interrupt":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._installed:  # None: a handler set outside Python, which cannot be put back
            previous = signal.SIG_DFL if self._previous is None else self._previous
            signal.signal(signal.SIGINT, previous)
