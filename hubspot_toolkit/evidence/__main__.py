"""`python -m hubspot_toolkit.evidence`: print docs/evidence.md's ledger table and open list."""

from hubspot_toolkit.evidence import open_questions, readme_table

print(readme_table())
print(open_questions(), end="")
