"""Where the spec folder is when nobody says: $HUBSPOT_SPEC_DIR, else ./spec.

Never the folder this package was installed from: an installed toolkit works on the user's
checkout, whatever its current directory holds. Commands that only read the spec (`serve`)
fall back, when neither is there, to the spec the installed client was generated from (the
one the `hubspot` pytest fixture serves: hubspot_toolkit.client.strict.bundled_spec).
"""

import os
from pathlib import Path

SPEC_DIR_VARIABLE = "HUBSPOT_SPEC_DIR"


def default_spec_dir() -> Path:
    return Path(os.environ.get(SPEC_DIR_VARIABLE, "").strip() or "spec")


def spec_dir_if_any(given: Path | None) -> Path | None:
    """`given`, else $HUBSPOT_SPEC_DIR when set, else ./spec when it is a folder; None when
    none of them is: the caller then uses the spec the installed client carries."""
    if given is not None:
        return given
    if os.environ.get(SPEC_DIR_VARIABLE, "").strip():
        return default_spec_dir()
    here = default_spec_dir()
    return here if here.is_dir() else None
