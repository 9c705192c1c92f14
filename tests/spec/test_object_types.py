"""The spec's ObjectType pattern and the server agree with HubSpot: every spelling HubSpot
resolves matches the pattern and resolves on the server; what the pattern refuses, the server
answers as HubSpot answers an unknown type."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubspot_toolkit.crm.object_types import SINGULAR_TYPES
from hubspot_toolkit.server.errors import ApiError
from hubspot_toolkit.server.object_types import NAMES_BY_ID, STANDARD_TYPES, canonical
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from tests.paths import SPEC_DIR

PATTERN = bundle_spec_dir(SPEC_DIR)["components"]["schemas"]["ObjectType"]["pattern"]


def spellings() -> list[str]:
    names = [*STANDARD_TYPES, *SINGULAR_TYPES]
    return [*NAMES_BY_ID, *names, *(n.upper() for n in names), *(n.title() for n in names)]


def test_every_spelling_hubspot_resolves_matches_and_resolves() -> None:
    for value in spellings():
        assert re.fullmatch(PATTERN, value), value
        assert canonical(value) in NAMES_BY_ID, value
    assert canonical("Contacts") == canonical("contact") == "0-1"


@pytest.mark.parametrize("value", ["", "0-", "2-", "1-1", "p1_", "contacts!", "0-1x"])
def test_what_the_pattern_refuses_is_no_object_type(value: str) -> None:
    assert not re.fullmatch(PATTERN, value)
    with pytest.raises(ApiError) as refused:
        canonical(value)
    assert refused.value.message == f"Unable to infer object type from: {value}"
    assert refused.value.category is None  # HubSpot sends none (ledger: unknown-object-type)


@given(st.from_regex(PATTERN, fullmatch=True))
def test_a_well_formed_value_resolves_or_is_refused_in_hubspots_words(value: str) -> None:
    try:
        assert canonical(value) in NAMES_BY_ID
    except ApiError as refused:
        assert refused.message == f"Unable to infer object type from: {value}"
