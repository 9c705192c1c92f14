"""`python -m hubspot_toolkit.evidence`: print docs/evidence.md's ledger table and open questions;
`python -m hubspot_toolkit.evidence checks`: print docs/contract-suite.md's map of the checks."""

import sys

from hubspot_toolkit.evidence import open_questions, readme_table

if sys.argv[1:] == ["checks"]:
    from hubspot_toolkit.evidence.checks_map import docs_table

    print(docs_table(), end="")
else:
    print(readme_table())
    print(open_questions(), end="")
