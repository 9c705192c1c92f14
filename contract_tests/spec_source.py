"""The one spec the whole suite holds servers and the client to.

The runner bundles --spec-dir once and hands the file to everything it starts (schemathesis
and its hooks, the live client half) through HUBSPOT_CONTRACT_SPEC; run on their own (the
offline client tests under pytest), the parts bundle $HUBSPOT_SPEC_DIR or ./spec.
"""

import json
import os
from functools import cache
from pathlib import Path

from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.location import default_spec_dir

SPEC_FILE_VARIABLE = "HUBSPOT_CONTRACT_SPEC"


@cache
def suite_spec() -> Document:
    bundled = os.environ.get(SPEC_FILE_VARIABLE, "").strip()
    if bundled:
        document: Document = json.loads(Path(bundled).read_text(encoding="utf-8"))
        return document
    return bundle_spec_dir(default_spec_dir())
