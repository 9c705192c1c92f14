"""Write the rows that failed, in the input's own format with an `_error` column, to a file
that can be fed straight back in. Written to a temporary file and renamed, so that an existing
file is never left half-written."""

import csv
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hubspot_toolkit.cli.bulk.readers import ERROR_COLUMN, FORMATS
from hubspot_toolkit.client.bulk import FailedItem


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


def write_failed_rows(
    path: Path, fmt: str, failed: Sequence[FailedItem], columns: Sequence[str]
) -> None:
    ordered = sorted(failed, key=lambda item: item.row.line)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            if fmt == "csv":
                writer = csv.writer(out)
                writer.writerow([*columns, ERROR_COLUMN])
                for item in ordered:
                    cells = [item.row.properties.get(name, "") for name in columns]
                    writer.writerow([*cells, describe(item)])
            else:
                for item in ordered:
                    record = {**item.row.properties, ERROR_COLUMN: describe(item)}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def describe(item: FailedItem) -> str:
    return f"line {item.row.line}: {item.failure}"
