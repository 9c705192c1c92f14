"""A progress bar on stderr when it is a terminal, nothing otherwise (logs and CI output stay
clean, and stdout keeps only the summary). The bar needs rich, from the [cli] extra; without it
the command runs the same, without a bar."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """Yields `advance(n)`, safe to call from worker threads."""
    try:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )
    except ModuleNotFoundError:
        Console = None  # type: ignore[assignment,misc]
    if Console is None or not sys.stderr.isatty():
        yield lambda _: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
