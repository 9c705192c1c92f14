"""Write the rows that failed, in the input's own format with an `_error` column, to a file
that can be fed straight back in. Written to a temporary file and renamed, so that an existing
file is never left half-written."""

import csv
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hubspot_toolkit.bulk import FailedItem
from hubspot_toolkit.bulk_cli.readers import ERROR_COLUMN


def default_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}.failed{source.suffix or '.jsonl'}")


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
                    writer.writerow([*cells, _describe(item)])
            else:
                for item in ordered:
                    record = {**item.row.properties, ERROR_COLUMN: _describe(item)}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _describe(item: FailedItem) -> str:
    return f"line {item.row.line}: {item.failure}"
