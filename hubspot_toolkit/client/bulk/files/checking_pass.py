"""The first pass over a file: every malformed row and every repeated key, each by line, before
anything is sent. Rows are not kept: only their keys, in an on-disk index (key_index.py)."""

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from hubspot_toolkit.client.bulk import InvalidRowsError, LineItemRow, RowProblem
from hubspot_toolkit.client.bulk.files.journal import JournalError
from hubspot_toolkit.client.bulk.files.key_index import KeyIndex
from hubspot_toolkit.client.bulk.rows import encodable, repeated_key, row_problems

# Problems held to show (the first 20 are printed); beyond this they are only counted.
HELD_PROBLEMS = 10_000
# One key with its line, from a row that can be sent, or what is wrong with a row.
Keyed = tuple[int, str] | RowProblem
T = TypeVar("T")
WATCH_EVERY = 1000  # rows between two looks at whether the caller gave up
log = logging.getLogger("hubspot_toolkit.client.bulk.files")


class Abandoned(Exception):
    """The caller gave up on the checking pass (its task was cancelled)."""


def check_keys(items: Iterable[Keyed], key_name: str) -> int:
    """How many rows there are; InvalidRowsError, sorted by line, if any is bad or repeats a
    key of an earlier row."""
    held: list[RowProblem] = []
    total = rows = 0

    def note(problem: RowProblem) -> None:
        nonlocal total
        total += 1
        if len(held) < HELD_PROBLEMS:
            held.append(problem)

    with KeyIndex() as index:
        for item in items:
            if isinstance(item, RowProblem):
                note(item)
                continue
            rows += 1
            for line, key, first in index.add(item[1], item[0]):
                note(repeated_key(line, key_name, key, first))
        for line, key, first in index.flush():
            note(repeated_key(line, key_name, key, first))
    if total:
        raise InvalidRowsError(sorted(held, key=lambda p: p.line), total)
    return rows


def keyed_rows(rows: Iterable[LineItemRow | RowProblem], id_property: str) -> Iterator[Keyed]:
    """Line items as keys to check: each row's own problems, and its key if it has one."""
    for row in rows:
        if isinstance(row, RowProblem):
            yield row
            continue
        key = row.properties.get(id_property)
        # The readers give text values only: a row with its key, all of it encodable, is good.
        if isinstance(key, str) and key and encodable(row.properties):
            yield row.line, key
            continue
        yield from row_problems(row, id_property)
        if isinstance(key, str) and key:
            yield row.line, key


def watched(items: Iterable[T], abandoned: Callable[[], bool]) -> Iterator[T]:
    """items, until `abandoned()` turns true (Abandoned then): a pass over a large file, run in
    a worker thread, stops soon after its task is cancelled instead of reading on."""
    for count, item in enumerate(items):
        if count % WATCH_EVERY == 0 and abandoned():
            raise Abandoned
        yield item


def second_pass(
    source: Iterable[object], kind: type[T], path: Path, *, doing: str, noun: str
) -> Iterator[T]:
    """The file read again, to send it: the items the first pass checked. One of another kind
    (a problem the first pass did not meet) means the file changed in between."""
    for item in source:
        if not isinstance(item, kind):
            raise JournalError(f"{path} changed while it was being {doing}: {item}")
        yield item
    log.info("second pass: every %s read", noun)
