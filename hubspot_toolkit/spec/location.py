"""Where the spec folder is when nobody says: $HUBSPOT_SPEC_DIR, else ./spec.

Never the folder this package was installed from: an installed toolkit works on the user's
checkout, whatever its current directory holds.
"""

import os
from pathlib import Path

SPEC_DIR_VARIABLE = "HUBSPOT_SPEC_DIR"


def default_spec_dir() -> Path:
    return Path(os.environ.get(SPEC_DIR_VARIABLE, "").strip() or "spec")
