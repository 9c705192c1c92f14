"""What every subcommand shares: environment defaults, the spec folder, missing extras."""

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hubspot_toolkit.errors import install_hint
from hubspot_toolkit.spec.location import SPEC_DIR_VARIABLE, default_spec_dir

Command = Callable[[argparse.Namespace], int]
Subcommands = Any  # argparse's _SubParsersAction is private; its add_parser is all we use


class Prefixed:
    """`env(NAME)`: the value of $<prefix><NAME> when set and not blank, else None; `options()`
    lists the variables read so far, each with the option it sets the default of (--NAME)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._names: dict[str, None] = {}  # in the order read, once each

    def __call__(self, name: str) -> str | None:
        self._names[name] = None
        return env_default(self.prefix + name)

    def options(self) -> list[tuple[str, str]]:
        return [
            (self.prefix + name, "the default of --" + name.lower().replace("_", "-"))
            for name in self._names
        ]


def prefixed(prefix: str) -> Prefixed:
    return Prefixed(prefix)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's, but the environment epilog keeps its lines (one variable a line)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(ENVIRONMENT):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


ENVIRONMENT = "environment variables read:"


def environment(parser: argparse.ArgumentParser, variables: list[tuple[str, str]]) -> None:
    """End the command's --help with the environment variables it reads, and what each does."""
    width = max((len(name) for name, _ in variables), default=0)
    lines = [f"  {name:<{width}}  {what}" for name, what in variables] or ["  none"]
    parser.epilog = "\n".join([ENVIRONMENT, *lines])
    parser.formatter_class = _HelpFormatter


SPEC_DIR_HELP = (SPEC_DIR_VARIABLE, "the default of --spec-dir")


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
    if parser.epilog is None:  # a command that reads no other variable
        environment(parser, [SPEC_DIR_HELP])
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
            + install_hint(extra)
        )


@contextmanager
def needs(command: str, extra: str) -> Iterator[None]:
    """Wrap a subcommand's imports: a missing optional dependency becomes one clear line."""
    try:
        yield
    except ModuleNotFoundError as exc:
        raise MissingExtraError(command, extra, exc.name) from None
