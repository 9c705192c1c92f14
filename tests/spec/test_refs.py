"""$refs are JSON Pointers: every module that follows one unescapes `~1` and `~0` the same way
(spec.schemas), so a ref into `paths` (whose keys hold `/`) leads where it says."""

import pytest

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec.schemas import component_of, ref_keys, resolve
from hubspot_toolkit.workflow.update.extract import extract_operation

DOCUMENT = {
    "paths": {"/crm/v3/x": {"post": {"operationId": "x"}}},
    "components": {"schemas": {"a~b": {"type": "string"}}},
}


def test_escaped_keys_are_unescaped() -> None:
    assert ref_keys("#/paths/~1crm~1v3~1x/post") == ["paths", "/crm/v3/x", "post"]
    assert resolve(DOCUMENT, "#/paths/~1crm~1v3~1x/post") == {"operationId": "x"}
    assert resolve(DOCUMENT, "#/components/schemas/a~0b") == {"type": "string"}
    assert component_of("#/components/schemas/Error") == ("schemas", "Error")
    with pytest.raises(ValueError, match="only local"):
        ref_keys("other.yaml#/components/schemas/Error")


def test_a_ref_that_leads_nowhere_is_named_by_its_unescaped_keys() -> None:
    with pytest.raises(SpecError, match="only local"):
        extract_operation({"paths": {"/a": {"get": {"$ref": "b.yaml#/x"}}}}, "/a", "get", "u.yaml")
    nowhere = {"paths": {"/a": {"get": {"$ref": "#/paths/~1crm~1v3~1z"}}}}
    with pytest.raises(SpecError, match=r"resolves nowhere \(paths./crm/v3/z does not exist\)"):
        extract_operation(nowhere, "/a", "get", "u.yaml")
