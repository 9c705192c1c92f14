"""Write the rows that failed, in the input's own format with an `_error` column, to a file
that can be fed straight back in."""

import csv
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from hubspot_toolkit.client.bulk import FailedItem
from hubspot_toolkit.client.bulk.files.durable import flush_to_disk
from hubspot_toolkit.client.bulk.files.readers import ERROR_COLUMN, FORMATS


def default_path(source: Path, fmt: str) -> Path:
    """rows.jsonl → rows.failed.jsonl; the suffix follows the format, so it reads back in."""
    suffix = source.suffix if FORMATS.get(source.suffix.lower()) == fmt else f".{fmt}"
    stem = source.stem if suffix == source.suffix else source.name
    return source.with_name(f"{stem}.failed{suffix}")


def check_writable(path: Path) -> None:
    """Before anything is sent: the failed rows must have somewhere to go. OSError otherwise."""
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PermissionError(f"{path} cannot be written")


class FailedRowsFile:
    """The failed rows, appended as their chunks settle (never held in memory), in the
    input's own format with an `_error` column. Created with the first failed row; `resume_at`
    cuts it back to what the journal's last record saw."""

    def __init__(self, path: Path, fmt: str, columns: Sequence[str]) -> None:
        self.path = path
        self.fmt = fmt
        self.columns = list(columns)
        self.rows = 0
        self._handle: TextIO | None = None

    def resume_at(self, size: int) -> None:
        if size == 0:
            self.path.unlink(missing_ok=True)
        elif self.path.exists() and self.path.stat().st_size > size:
            with self.path.open("r+b") as handle:
                handle.truncate(size)

    def write(self, failed: Sequence[FailedItem]) -> None:
        if not failed:
            return
        out = self._open()
        if self.fmt == "csv":
            writer = csv.writer(out)
            for item in failed:
                cells = [item.row.properties.get(name, "") for name in self.columns]
                writer.writerow([*cells, describe(item)])
        else:
            for item in failed:
                record = {**item.row.properties, ERROR_COLUMN: describe(item)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.rows += len(failed)

    def sync(self) -> int:
        """Flush to disk (before the journal records the chunk); the file's size."""
        if self._handle is None:
            return self.path.stat().st_size if self.path.exists() else 0
        return flush_to_disk(self._handle)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _open(self) -> TextIO:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8", newline="")
            if self.fmt == "csv" and self._handle.tell() == 0:
                csv.writer(self._handle).writerow([*self.columns, ERROR_COLUMN])
        return self._handle


def describe(item: FailedItem) -> str:
    return f"line {item.row.line}: {item.failure}"
