"""All or nothing: a run that fails leaves spec/ exactly as it found it.

An import may write several documents one after another (an upstream document with two of our
operations, a sync of every tracked version); when a later one fails, the earlier writes are
undone, so that "spec/ was left untouched" is true.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hubspot_toolkit.spec.loading import spec_files


@contextmanager
def all_or_nothing(spec_dir: Path) -> Iterator[None]:
    before = {path: path.read_bytes() for path in spec_files(spec_dir)}
    try:
        yield
    except BaseException:
        _restore(spec_dir, before)
        raise


def _restore(spec_dir: Path, before: dict[Path, bytes]) -> None:
    for path in spec_dir.iterdir():
        if path.is_file() and path.suffix in {p.suffix for p in before} and path not in before:
            path.unlink()  # a document the failed run created
    for path, content in before.items():
        if not path.exists() or path.read_bytes() != content:
            staged = path.with_suffix(path.suffix + ".restore")
            staged.write_bytes(content)
            os.replace(staged, path)
