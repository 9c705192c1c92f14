"""The two sides of a diff: two files, or spec/ now against spec/ at a git ref."""

import subprocess
import tempfile
from pathlib import Path

from hubspot_toolkit.errors import HubSpotToolkitError, SpecError
from hubspot_toolkit.spec.bundle import bundle_documents, bundle_spec_dir
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.loading import load_document


class SourceError(HubSpotToolkitError):
    """A side of the diff cannot be read; one line for people."""


def from_file(path: Path) -> Document:
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    document = load_document(path)
    return bundle_documents([(path, document)])


def _git(*args: str, cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise SourceError("git is not installed; compare two files with --old and --new") from None
    if result.returncode != 0:
        raise SourceError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def _in_repository(spec_dir: Path) -> tuple[Path, str]:
    """The git work tree holding spec_dir, and spec_dir's path inside it."""
    if not spec_dir.is_dir():
        raise SourceError(f"{spec_dir}: no such directory")
    root = Path(_git("rev-parse", "--show-toplevel", cwd=spec_dir).strip())
    inside = _git("rev-parse", "--show-prefix", cwd=spec_dir).strip().rstrip("/")
    return root, inside


def default_base(spec_dir: Path) -> str:
    """The merge base with main, or HEAD when there is none (on main itself)."""
    root, _ = _in_repository(spec_dir)
    try:
        return _git("merge-base", "HEAD", "main", cwd=root).strip()
    except SourceError:
        return "HEAD"


def spec_at(spec_dir: Path, ref: str) -> Document:
    """spec_dir as it was at ref, bundled."""
    root, inside = _in_repository(spec_dir)
    names = _git("ls-tree", "--name-only", f"{ref}:{inside}", cwd=root).split()
    if not names:
        raise SourceError(f"{ref} has no {inside}/ documents")
    with tempfile.TemporaryDirectory(prefix="spec-at-") as work:
        for name in names:
            text = _git("show", f"{ref}:{inside}/{name}", cwd=root)
            (Path(work) / name).write_text(text, encoding="utf-8")
        try:
            return bundle_spec_dir(Path(work))
        except SpecError as exc:
            raise SourceError(f"{inside}/ at {ref}: {exc.place}: {exc.problem}") from None


def spec_now(spec_dir: Path) -> Document:
    return bundle_spec_dir(spec_dir)
