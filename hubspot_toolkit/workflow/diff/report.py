"""The diff as text for people and JSON for tools."""

import json
from itertools import groupby

from hubspot_toolkit.workflow.diff.rules import Change, Impact


def as_text(changes: list[Change], old_name: str, new_name: str) -> str:
    if not changes:
        return f"No changes between {old_name} and {new_name}."
    lines = [f"Spec changes from {old_name} to {new_name}:"]
    ordered = sorted(changes, key=lambda c: c.operation)
    for operation, group in groupby(ordered, key=lambda c: c.operation):
        lines.append(f"\n{operation}")
        for change in group:
            marker = "BREAKING" if change.breaking else "ok"
            detail = f" ({change.detail})" if change.detail else ""
            lines.append(
                f"  [{marker}] {change.rule} at {change.location}{detail}: "
                f"{change.description} — {change.impact.value}"
            )
    counts = {impact: sum(c.impact is impact for c in changes) for impact in Impact}
    lines.append("\n" + ", ".join(f"{count} {impact.value}" for impact, count in counts.items()))
    return "\n".join(lines)


def as_json(changes: list[Change]) -> str:
    return json.dumps(
        {
            "breaking": any(c.breaking for c in changes),
            "changes": [c.as_dict() for c in changes],
        },
        indent=2,
    )


def as_markdown(changes: list[Change], old_name: str, new_name: str) -> str:
    """For a pull request's body: one table per operation, breaking changes first."""
    if not changes:
        return f"No changes between {old_name} and {new_name}.\n"
    breaking = sum(c.breaking for c in changes)
    lines = [
        f"## Spec changes from {old_name} to {new_name}",
        "",
        f"{len(changes)} changes, {breaking} breaking.",
    ]
    ordered = sorted(changes, key=lambda c: (c.operation, not c.breaking, c.rule))
    for operation, group in groupby(ordered, key=lambda c: c.operation):
        lines += [
            "",
            f"### `{operation}`",
            "",
            "| | rule | where | what it means |",
            "|---|---|---|---|",
        ]
        for change in group:
            marker = "**breaking**" if change.breaking else "ok"
            detail = f" ({change.detail})" if change.detail else ""
            where = f"`{change.location}`{detail}".replace("|", "\\|")
            lines.append(
                f"| {marker} | `{change.rule}` | {where} | {change.description}; "
                f"{change.impact.value} |"
            )
    return "\n".join(lines) + "\n"
