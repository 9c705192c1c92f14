"""Public names imported on first use (PEP 562), so that importing a package does not import
the generated client: `hubspot-toolkit generate` must run while generated/ is absent or broken."""

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports each name of `where` from its module when asked."""

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(where[name]), name)

    return __getattr__
