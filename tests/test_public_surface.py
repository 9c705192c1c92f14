"""The names users import resolve, and each lazy package's __all__ lists exactly them."""

import importlib

import pytest


@pytest.mark.parametrize(
    "package",
    [
        "hubspot_toolkit",
        "hubspot_toolkit.client.bulk",
        "hubspot_toolkit.client.bulk.files",
        "hubspot_toolkit.testing",
    ],
)
def test_every_exported_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    assert sorted(module.__all__) == sorted(module._WHERE)
    for name in module.__all__:
        assert getattr(module, name) is not None
