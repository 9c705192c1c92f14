"""`hubspot-codegen generate|check`: the commands behind `make generate` and the drift check."""

import argparse
import sys
from pathlib import Path

from hubspot_toolkit.codegen.generate import PACKAGE_NAME, GenerationError, check, generate
from hubspot_toolkit.errors import SpecError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hubspot-codegen", description=__doc__)
    parser.add_argument("command", choices=["generate", "check"])
    parser.add_argument("--spec-dir", type=Path, default=Path("spec"))
    parser.add_argument("--output-dir", type=Path, default=Path("generated"))
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            target = generate(args.spec_dir, args.output_dir)
            print(f"generated {target} from {args.spec_dir}/")
            return 0
        drifted = check(args.spec_dir, args.output_dir)
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{args.output_dir}/ was left untouched.", file=sys.stderr)
        return 1
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if drifted:
        print(
            f"{args.output_dir}/{PACKAGE_NAME} drifted from what {args.spec_dir}/ generates; "
            "run `make generate` (never edit generated/ by hand). Files that differ:",
            file=sys.stderr,
        )
        for name in drifted:
            print(f"  {args.output_dir}/{PACKAGE_NAME}/{name}", file=sys.stderr)
        return 1
    print(f"{args.output_dir}/{PACKAGE_NAME} matches {args.spec_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
