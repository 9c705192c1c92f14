"""`make spec-diff`: BASE=<git ref> (default: the merge base with main) or OLD=<file> NEW=<file>.

Exit 0 when nothing is breaking (or ALLOW_BREAKING=1), 1 when something is, 2 on bad input.
"""

import os
import sys
from pathlib import Path

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.spec_diff.compare import compare
from hubspot_toolkit.spec_diff.report import as_json, as_text
from hubspot_toolkit.spec_diff.sources import (
    SourceError,
    default_base,
    from_file,
    spec_at,
    spec_now,
)

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    env = {k: v.strip() for k, v in os.environ.items()}
    try:
        if env.get("OLD") or env.get("NEW"):
            if not (env.get("OLD") and env.get("NEW")):
                raise SourceError("set both OLD and NEW, or neither (then BASE is used)")
            old_name, new_name = env["OLD"], env["NEW"]
            old, new = from_file(Path(old_name)), from_file(Path(new_name))
        else:
            base = env.get("BASE") or default_base(REPO)
            old_name, new_name = f"spec/ at {base}", "spec/ now"
            old, new = spec_at(REPO, base), spec_now(REPO)
    except (SourceError, SpecError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    changes = compare(old, new)
    fmt = env.get("FORMAT") or "text"
    print(as_json(changes) if fmt == "json" else as_text(changes, old_name, new_name))
    breaking = [c for c in changes if c.breaking]
    if breaking and env.get("ALLOW_BREAKING") != "1":
        rules = ", ".join(sorted({c.rule for c in breaking}))
        print(f"breaking changes ({rules}); set ALLOW_BREAKING=1 to accept", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
