"""The suite's summary prints an error whole: the reason nothing was tested must be readable."""

import json
from pathlib import Path

from contract_tests.summary import read_events, render

# schemathesis' own wording for links to operations that do not exist (InvalidStateMachine)
LINKS = (
    "The following API operations contain invalid link definitions:\n\n"
    "  POST /crm/objects/2026-09/line_items/batch/upsert -> [200] "
    "ReadAssociationsOfWrittenLineItem -> batch_read_associations_2026_09\n\n"
    "     - Operation 'batch_read_associations_2026_09' not found\n\n"
    "  POST /crm/objects/2025-09/line_items/batch/upsert -> [200] "
    "ReadAssociationsOfWrittenLineItem -> batch_read_associations_2025_09\n\n"
    "     - Operation 'batch_read_associations_2025_09' not found"
)


def test_an_error_is_printed_whole(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    event = {"NonFatalError": {"label": "Stateful tests", "info": {"message": LINKS}}}
    events.write_text(json.dumps(event) + "\n")
    text = render(read_events(events), {})
    assert "Operation 'batch_read_associations_2025_09' not found" in text  # its last words
    assert (
        "- Stateful tests: The following API operations contain invalid link definitions:" in text
    )
    # each link on its own line, indented under the error
    assert "\n    POST /crm/objects/2026-09/line_items/batch/upsert -> [200]" in text
