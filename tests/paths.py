"""Where the checkout's parts are, for tests (the toolkit itself never looks for a checkout)."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC_DIR = REPO / "spec"
GENERATED = REPO / "generated"
EXAMPLES = REPO / "examples"
# The command line, run as users run it, by this interpreter.
TOOLKIT = [sys.executable, "-m", "hubspot_toolkit"]
