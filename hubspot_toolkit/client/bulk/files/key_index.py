"""Which keys a file has already used, and on which line, kept on disk: a repeated key is found
anywhere in a file of any size while memory stays flat (SQLite keeps a fixed page cache; the
index of 1,000,000 keys is ~30 MB of temporary disk, deleted on close)."""

import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType

BATCH = 5000  # keys per INSERT round trip; memory holds one batch
CACHE_KIB = 8192  # SQLite's page cache, whatever the file's size


class KeyIndex:
    """`with KeyIndex() as index:` add each key with its line, then flush(); both return the
    keys that repeat an earlier one, as (line, key, first line)."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="hubspot-bulk-keys-")
        self._db = sqlite3.connect(Path(self._folder.name) / "keys.sqlite3", isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size=-{CACHE_KIB}"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.execute("CREATE TABLE keys (key TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")
        self._db.execute("BEGIN")
        self._batch: list[tuple[str, int]] = []

    def add(self, key: str, line: int) -> list[tuple[int, str, int]]:
        """Repeats found so far, in batches (so the answer may come a few thousand rows late)."""
        self._batch.append((key, line))
        return self.flush() if len(self._batch) >= BATCH else []

    def flush(self) -> list[tuple[int, str, int]]:
        batch, self._batch = self._batch, []
        before = self._db.total_changes
        self._db.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?)", batch)
        if self._db.total_changes - before == len(batch):
            return []  # the usual case: every key new
        repeats = []
        for key, line in batch:
            (first,) = self._db.execute("SELECT line FROM keys WHERE key = ?", (key,)).fetchone()
            if first != line:
                repeats.append((line, key, int(first)))
        return repeats

    def close(self) -> None:
        self._db.close()
        self._folder.cleanup()

    def __enter__(self) -> "KeyIndex":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
