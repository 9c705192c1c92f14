"""The one error type that every command reports as a single clear line."""

from pathlib import Path


class SpecError(Exception):
    """A problem in a spec document, located by file and place (line or JSON path)."""

    def __init__(self, file: Path | str, place: str, problem: str) -> None:
        self.file = str(file)
        self.place = place
        self.problem = problem
        super().__init__(f"{self.file}: {place}: {problem}" if place else f"{self.file}: {problem}")
