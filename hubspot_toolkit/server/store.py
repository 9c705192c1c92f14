"""The SQLite store: records, the values of unique-value properties, associations.

WAL with synchronous=FULL and one transaction per request, committed before the answer is
sent: an upsert that was answered 200 or 207 survives kill -9. BEGIN IMMEDIATE makes writers
take turns, so two requests upserting the same key never create two records.
"""

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    object_type TEXT NOT NULL,
    id INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    properties TEXT NOT NULL,
    PRIMARY KEY (object_type, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unique_properties (
    object_type TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (object_type, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unique_values (
    object_type TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    PRIMARY KEY (object_type, name, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS associations (
    from_type TEXT NOT NULL,
    from_id INTEGER NOT NULL,
    to_type TEXT NOT NULL,
    to_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    PRIMARY KEY (from_type, from_id, to_type, to_id, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS custom_types (type_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS custom_type_names (
    spelling TEXT PRIMARY KEY,
    type_id TEXT NOT NULL
) WITHOUT ROWID;
"""
FIRST_ID = 10_000_001


RECORD_ID = re.compile(r"^[0-9]{1,18}$")  # ASCII digits that fit SQLite's 64-bit INTEGER


def record_id(text: str) -> int | None:
    """The record id text names, or None when it cannot name a record."""
    return int(text) if RECORD_ID.match(text) else None


def now_ms() -> int:
    return time.time_ns() // 1_000_000


@lru_cache(maxsize=4096)
def iso(ms: int) -> str:
    """HubSpot's timestamp form: UTC, milliseconds, Z."""
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def _encode(properties: dict[str, str]) -> str:
    return orjson.dumps(properties).decode()


class SharedValueError(Exception):
    """Existing records share a value of a property that is to have unique values."""


@dataclass
class WriteBatch:
    """The rows one request writes, applied together (the request is one transaction)."""

    inserts: list[tuple[str, int, int, int, str]] = field(default_factory=list)
    updates: list[tuple[int, str, str, int]] = field(default_factory=list)
    released: list[tuple[str, str, str]] = field(default_factory=list)
    claims: list[tuple[str, str, str, int]] = field(default_factory=list)

    def save(self, record: "Record", created: bool) -> None:
        properties = _encode(record.properties)
        if created:
            self.inserts.append(
                (record.object_type, record.id, record.created_ms, record.updated_ms, properties)
            )
        else:
            self.updates.append((record.updated_ms, properties, record.object_type, record.id))

    def claim(self, record: "Record", name: str, old: str | None, new: str) -> None:
        if old is not None and old != new:
            self.released.append((record.object_type, name, old))
        self.claims.append((record.object_type, name, new, record.id))

    def release(self, record: "Record", name: str, old: str) -> None:
        self.released.append((record.object_type, name, old))


@dataclass
class Record:
    object_type: str
    id: int
    created_ms: int
    updated_ms: int
    properties: dict[str, str]


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()
        self._next_id: dict[str, int] = {}
        self._last_ms = 0

    def close(self) -> None:
        self._db.close()

    def reset(self) -> None:
        """Empty every table, as a new database would be (for test stand-ins between tests)."""
        with self.transaction() as db:
            # every table, so that one added to SCHEMA later is emptied too
            tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            for (table,) in tables:
                db.execute(f'DELETE FROM "{table}"')
        self._next_id.clear()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed (durably) on success, rolled back on error."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # ---- time and ids ---------------------------------------------------------------------

    def tick(self) -> int:
        """The timestamp of one write transaction; never before an earlier one's."""
        self._last_ms = max(now_ms(), self._last_ms)
        return self._last_ms

    def next_id(self, db: sqlite3.Connection, object_type: str) -> int:
        if object_type not in self._next_id:
            (highest,) = db.execute(
                "SELECT max(id) FROM records WHERE object_type = ?", (object_type,)
            ).fetchone()
            self._next_id[object_type] = max(FIRST_ID, (highest or 0) + 1)
        value = self._next_id[object_type]
        self._next_id[object_type] = value + 1
        return value

    # ---- records --------------------------------------------------------------------------

    def get(self, db: sqlite3.Connection, object_type: str, record_id: int) -> Record | None:
        row = db.execute(
            "SELECT created_ms, updated_ms, properties FROM records WHERE object_type=? AND id=?",
            (object_type, record_id),
        ).fetchone()
        if row is None:
            return None
        return Record(object_type, record_id, row[0], row[1], json.loads(row[2]))

    def records(self, object_type: str) -> list[Record]:
        """Every record of object_type, by id."""
        rows = self._db.execute(
            "SELECT id, created_ms, updated_ms, properties FROM records WHERE object_type = ? "
            "ORDER BY id",
            (object_type,),
        )
        return [
            Record(object_type, number, created, updated, orjson.loads(properties))
            for number, created, updated, properties in rows
        ]

    def exists(self, db: sqlite3.Connection, object_type: str, record_id: int) -> bool:
        return (
            db.execute(
                "SELECT 1 FROM records WHERE object_type=? AND id=?", (object_type, record_id)
            ).fetchone()
            is not None
        )

    def find_many_by_unique(
        self, db: sqlite3.Connection, object_type: str, name: str, values: list[str]
    ) -> dict[str, Record]:
        """The records whose unique-value property name holds one of values, by value."""
        found: dict[str, Record] = {}
        for start in range(0, len(values), 500):  # SQLite's limit on bound parameters
            chunk = values[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                "SELECT u.value, r.id, r.created_ms, r.updated_ms, r.properties "
                "FROM unique_values u JOIN records r "
                "ON r.object_type = u.object_type AND r.id = u.record_id "
                f"WHERE u.object_type=? AND u.name=? AND u.value IN ({marks})",
                (object_type, name, *chunk),
            )
            for value, record_id, created, updated, properties in rows:
                found[value] = Record(
                    object_type, record_id, created, updated, orjson.loads(properties)
                )
        return found

    def write(self, db: sqlite3.Connection, batch: "WriteBatch") -> None:
        """Apply a request's writes with one statement per kind."""
        if batch.inserts:
            db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?)", batch.inserts)
        if batch.updates:
            db.executemany(
                "UPDATE records SET updated_ms=?, properties=? WHERE object_type=? AND id=?",
                batch.updates,
            )
        if batch.released:
            db.executemany(
                "DELETE FROM unique_values WHERE object_type=? AND name=? AND value=?",
                batch.released,
            )
        if batch.claims:
            db.executemany("INSERT OR REPLACE INTO unique_values VALUES (?, ?, ?, ?)", batch.claims)

    def ensure_record(self, db: sqlite3.Connection, object_type: str, record_id: int) -> None:
        stamp = self.tick()
        db.execute(
            "INSERT OR IGNORE INTO records VALUES (?, ?, ?, ?, '{}')",
            (object_type, record_id, stamp, stamp),
        )

    # ---- unique-value properties ----------------------------------------------------------

    def use_unique(self, object_type: str, names: Iterable[str]) -> str | None:
        """Index the values of exactly these unique-value properties (the definitions' choice,
        which may differ from the last run's); a reason, and nothing changed, when existing
        records share a value."""
        wanted = set(names)
        try:
            with self.transaction() as db:
                indexed = {
                    name
                    for (name,) in db.execute(
                        "SELECT name FROM unique_properties WHERE object_type = ?", (object_type,)
                    )
                }
                for name in indexed - wanted:
                    for table in ("unique_properties", "unique_values"):
                        db.execute(
                            f"DELETE FROM {table} WHERE object_type=? AND name=?",
                            (object_type, name),
                        )
                for name in sorted(wanted - indexed):
                    self._index(db, object_type, name)
        except SharedValueError as refused:
            return str(refused)
        return None

    def _index(self, db: sqlite3.Connection, object_type: str, name: str) -> None:
        seen: dict[str, int] = {}
        rows = db.execute(
            "SELECT id, properties FROM records WHERE object_type = ?", (object_type,)
        )
        for record_id, properties in rows:
            value = orjson.loads(properties).get(name)
            if value is None or value == "":
                continue
            if value in seen:
                raise SharedValueError(
                    f"property {name!r} cannot have unique values: records {seen[value]} and "
                    f"{record_id} share the value {value!r}"
                )
            seen[value] = record_id
        db.executemany(
            "INSERT INTO unique_values VALUES (?, ?, ?, ?)",
            [(object_type, name, value, record_id) for value, record_id in seen.items()],
        )
        db.execute("INSERT INTO unique_properties VALUES (?, ?)", (object_type, name))

    def owner_of(
        self, db: sqlite3.Connection, object_type: str, name: str, value: str
    ) -> int | None:
        row = db.execute(
            "SELECT record_id FROM unique_values WHERE object_type=? AND name=? AND value=?",
            (object_type, name, value),
        ).fetchone()
        return None if row is None else int(row[0])

    # ---- associations ---------------------------------------------------------------------

    def add_association(
        self,
        db: sqlite3.Connection,
        from_type: str,
        from_id: int,
        to_type: str,
        to_id: int,
        label: str,
    ) -> None:
        self.ensure_record(db, from_type, from_id)
        self.ensure_record(db, to_type, to_id)
        db.execute(
            "INSERT OR IGNORE INTO associations VALUES (?, ?, ?, ?, ?)",
            (from_type, from_id, to_type, to_id, label),
        )

    def associations_page(
        self,
        from_type: str,
        from_id: int,
        to_type: str,
        after: tuple[int, str] | None,
        limit: int,
    ) -> list[tuple[int, str]]:
        """Up to limit (to_id, type) pairs after the cursor, in a stable order."""
        start_id, start_type = after if after else (-1, "")
        rows = self._db.execute(
            "SELECT to_id, type FROM associations WHERE from_type=? AND from_id=? AND to_type=? "
            "AND (to_id, type) > (?, ?) ORDER BY to_id, type LIMIT ?",
            (from_type, from_id, to_type, start_id, start_type, limit),
        )
        return [(int(to_id), str(label)) for to_id, label in rows]

    def custom_types(self) -> dict[str, str]:
        """Every spelling of the portal's custom object types (ids, p_ names) → its id."""
        spellings = {row[0]: row[0] for row in self._db.execute("SELECT type_id FROM custom_types")}
        spellings.update(self._db.execute("SELECT spelling, type_id FROM custom_type_names"))
        return spellings

    def add_custom_type(self, db: sqlite3.Connection, type_id: str) -> None:
        db.execute("INSERT OR IGNORE INTO custom_types VALUES (?)", (type_id,))

    def name_custom_type(self, db: sqlite3.Connection, type_id: str, spellings: list[str]) -> str:
        """Give type_id these spellings too, unless a spelling names another type already or
        type_id has other spellings: then (writing nothing) what stands in the way. One name
        per type and no name for two is the stand-in's consistency rule, not HubSpot's."""
        for spelling in spellings:
            row = db.execute(
                "SELECT type_id FROM custom_type_names WHERE spelling = ?", (spelling,)
            ).fetchone()
            if row and row[0] != type_id:
                return f"{spelling} names custom object type {row[0]} in the database {self.path}"
        others = [
            row[0]
            for row in db.execute(
                "SELECT spelling FROM custom_type_names WHERE type_id = ?", (type_id,)
            )
            if row[0] not in spellings
        ]
        if others:
            return f"{type_id} is named {others[0]} already in the database {self.path}"
        self.add_custom_type(db, type_id)
        db.executemany(
            "INSERT OR IGNORE INTO custom_type_names VALUES (?, ?)",
            [(spelling, type_id) for spelling in spellings],
        )
        return ""

    def read_connection(self) -> Any:
        return self._db
