"""Our examples stay valid: an example that an upstream change made invalid is dropped.

spec/ promises that every example validates against its schema (tests/spec checks). When
HubSpot changes a shape (`StandardError.category` an object instead of a string), the examples
we wrote for the old shape no longer hold; the import drops them, reporting each, rather than
leave spec/ breaking its promise.
"""

from typing import Any

from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.examples import examples, problems
from hubspot_toolkit.workflow.update.names import plain


def drop_invalid(document: Document) -> list[str]:
    """Remove every example of document that does not validate; one note per example."""
    view = plain(document)
    notes = []
    for example in list(examples(view)):
        found = problems(view, example)
        if not found:
            continue
        holder: Any = document
        for part in example.parts[:-1]:
            holder = holder[part]
        del holder[example.parts[-1]]
        if example.parts[-2] == "examples" and not holder:
            parent: Any = document
            for part in example.parts[:-2]:
                parent = parent[part]
            del parent["examples"]
        notes.append(f"the example at {example.place} (now invalid: {found[0]})")
    return notes
