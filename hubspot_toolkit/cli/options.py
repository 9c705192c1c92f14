"""What every subcommand shares: environment defaults, the spec folder, missing extras."""

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hubspot_toolkit.spec.location import SPEC_DIR_VARIABLE, default_spec_dir

DISTRIBUTION = "hubspot-crm-contract-toolkit"

Command = Callable[[argparse.Namespace], int]
Subcommands = Any  # argparse's _SubParsersAction is private; its add_parser is all we use


def prefixed(prefix: str) -> Callable[[str], str | None]:
    """`env(NAME)`: the value of $<prefix><NAME> when set and not blank, else None."""
    return lambda name: env_default(prefix + name)


def env_default(name: str, fallback: str | None = None) -> str | None:
    """The variable's value when set and not blank, else fallback."""
    value = os.environ.get(name, "").strip()
    return value or fallback


def at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of `minimum` or more, else argparse's one-line error."""

    def whole_number(text: str) -> int:
        if not text.strip().isdigit() or int(text) < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of {minimum} or more")
        return int(text)

    return whole_number


def add_spec_dir(parser: argparse.ArgumentParser, installed_fallback: bool = False) -> None:
    """--spec-dir; with `installed_fallback` its default is None (spec_dir_if_any decides)."""
    fallback = ", else the spec this toolkit was built with" if installed_fallback else ""
    parser.add_argument(
        "--spec-dir",
        type=Path,
        default=None if installed_fallback else default_spec_dir(),
        metavar="DIR",
        help=f"the OpenAPI documents (default ${SPEC_DIR_VARIABLE}, else ./spec{fallback})",
    )


class MissingExtraError(Exception):
    """A subcommand's optional dependencies are not installed."""

    def __init__(self, command: str, extra: str, module: str | None) -> None:
        super().__init__(
            f"`hubspot-toolkit {command}` needs the [{extra}] extra (no module {module!r}): "
            f"pip install '{DISTRIBUTION}[{extra}]'"
        )


@contextmanager
def needs(command: str, extra: str) -> Iterator[None]:
    """Wrap a subcommand's imports: a missing optional dependency becomes one clear line."""
    try:
        yield
    except ModuleNotFoundError as exc:
        raise MissingExtraError(command, extra, exc.name) from None
