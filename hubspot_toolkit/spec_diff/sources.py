"""The two sides of a diff: two files, or spec/ now against spec/ at a git ref."""

import subprocess
import tempfile
from pathlib import Path

from hubspot_toolkit.bundle import bundle_documents, bundle_spec_dir
from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.specs import Document, load_document


class SourceError(Exception):
    """A side of the diff cannot be read; one line for people."""


def from_file(path: Path) -> Document:
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    document = load_document(path)
    return bundle_documents([(path, document)])


def _git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SourceError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def default_base(repo: Path) -> str:
    """The merge base with main, or HEAD when there is none (on main itself)."""
    try:
        return _git("merge-base", "HEAD", "main", cwd=repo).strip()
    except SourceError:
        return "HEAD"


def spec_at(repo: Path, ref: str, spec_dir: str = "spec") -> Document:
    """spec/ as it was at ref, bundled."""
    names = _git("ls-tree", "--name-only", f"{ref}:{spec_dir}", cwd=repo).split()
    if not names:
        raise SourceError(f"{ref} has no {spec_dir}/ documents")
    with tempfile.TemporaryDirectory(prefix="spec-at-") as work:
        for name in names:
            text = _git("show", f"{ref}:{spec_dir}/{name}", cwd=repo)
            (Path(work) / name).write_text(text, encoding="utf-8")
        try:
            return bundle_spec_dir(Path(work))
        except SpecError as exc:
            raise SourceError(f"spec/ at {ref}: {exc.place}: {exc.problem}") from None


def spec_now(repo: Path, spec_dir: str = "spec") -> Document:
    return bundle_spec_dir(repo / spec_dir)
