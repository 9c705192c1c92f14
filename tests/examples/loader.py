"""Load a file under examples/ as a module, the way a user would run it."""

import importlib.util
from types import ModuleType

from tests.paths import EXAMPLES


def load_example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
