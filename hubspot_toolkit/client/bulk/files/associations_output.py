"""The output of an associations read from a file: JSON lines appended as chunks complete,
flushed to disk before the journal records the chunk; `resume_at` cuts it back to what the
journal saw."""

import json
from pathlib import Path
from typing import TextIO

from hubspot_toolkit.client.bulk.files.durable import flush_to_disk


class AssociationsOutput:
    """JSON lines appended as chunks complete; `resume_at` cuts it back to the journal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: TextIO | None = None

    def resume_at(self, size: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = self.path.open("a+", encoding="utf-8")
        if self._handle.tell() > size:
            self._handle.truncate(size)

    def write(self, records: list[dict[str, object]]) -> None:
        assert self._handle is not None
        for record in records:
            self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    def sync(self) -> int:
        assert self._handle is not None
        return flush_to_disk(self._handle)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
