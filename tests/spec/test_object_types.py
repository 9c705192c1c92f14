"""The spec's ObjectType pattern and the server agree: any tool that generates path parameters
from spec/ alone picks standard types the server (and every portal) accepts."""

import re

from hypothesis import given
from hypothesis import strategies as st

from hubspot_toolkit.server.object_types import NAMES_BY_ID, STANDARD_TYPES, canonical
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from tests.paths import SPEC_DIR

PATTERN = bundle_spec_dir(SPEC_DIR)["components"]["schemas"]["ObjectType"]["pattern"]
CUSTOM = re.compile(r"^(2-[0-9]+|p[0-9]+_.*)$")


def test_every_standard_name_and_id_matches() -> None:
    for value in [*STANDARD_TYPES, *NAMES_BY_ID]:
        assert re.fullmatch(PATTERN, value), value


def test_names_no_portal_has_do_not_match() -> None:
    for value in ("ql", "contact", "0-4", "0-999", "1-1", "CONTACTS", "p_", "2-"):
        assert not re.fullmatch(PATTERN, value), value


@given(st.from_regex(PATTERN, fullmatch=True))
def test_what_a_generator_draws_is_accepted_unless_it_is_a_custom_type(value: str) -> None:
    if not CUSTOM.match(value):
        assert canonical(value, "fromObjectType") in NAMES_BY_ID
