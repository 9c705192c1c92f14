"""The exception tree: every error the toolkit raises to its users derives from one base.

As in httpx, callers can catch HubSpotToolkitError to handle anything the toolkit reports, or a
subclass for one kind of problem. Each message is one line that says what is wrong and where,
and never holds a token.
"""

from pathlib import Path


def install_hint(extra: str) -> str:
    """How to add an extra to what is installed. The distribution is on no package index, so
    this names the two sources a user has: the checkout it came from, or a wheel built from it."""
    return (
        f"install the toolkit again with it: in its checkout, pip install '.[{extra}]'; "
        f"from a wheel, pip install '<wheel file>[{extra}]' (README.md, Install)"
    )


class HubSpotToolkitError(Exception):
    """Base of every error the toolkit reports."""


class SpecError(HubSpotToolkitError):
    """A problem in a spec document, located by file and place (line or JSON path)."""

    def __init__(self, file: Path | str, place: str, problem: str) -> None:
        self.file = str(file)
        self.place = place
        self.problem = problem
        super().__init__(f"{self.file}: {place}: {problem}" if place else f"{self.file}: {problem}")


class ContractViolation(HubSpotToolkitError):
    """An HTTP exchange that the spec does not allow; the message says what and where."""
