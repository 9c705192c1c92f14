"""Writes that survive a crash: what the journal records must already be on disk."""

import os
from typing import IO, Any


def flush_to_disk(handle: IO[Any]) -> int:
    """Flush handle's buffers and fsync its file; the file's size (its position) after."""
    handle.flush()
    os.fsync(handle.fileno())
    return handle.tell()
