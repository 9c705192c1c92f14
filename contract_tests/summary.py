"""Read schemathesis's NDJSON event stream into an operation x check table, with reproductions."""

import base64
import json
import shlex
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contract_tests.settings import TOKEN


@dataclass
class Failure:
    operation: str
    check: str
    code: str
    reason: str
    curl: str


@dataclass
class Summary:
    # (operation label, check name) -> [passed, failed]
    counts: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    cases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    failures: dict[tuple[str, str, str], Failure] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def total_cases(self) -> int:
        return sum(len(ids) for ids in self.cases.values())

    @property
    def failed(self) -> bool:
        return bool(self.failures or self.errors)


def _curl(request: dict[str, Any]) -> str:
    """A curl command that replays request; the token is left as a shell variable."""
    parts = ["curl", "-X", request.get("method", "GET"), request.get("uri", "")]
    command = " ".join(shlex.quote(p) for p in parts)
    for name, values in (request.get("headers") or {}).items():
        for value in values if isinstance(values, list) else [values]:
            if name.lower() == "authorization":
                command += f' -H "Authorization: Bearer ${TOKEN}"'
            elif name.lower() not in ("content-length", "user-agent", "accept-encoding"):
                command += " -H " + shlex.quote(f"{name}: {value}")
    body = request.get("body")
    if isinstance(body, dict) and "$base64" in body:
        data = base64.b64decode(body["$base64"]).decode("utf-8", "replace")
        if len(data) > 2000:
            data = data[:2000] + "…(truncated; see the JUnit report)"
        command += " --data-raw " + shlex.quote(data)
    return command


def _answer(response: dict[str, Any] | None) -> str:
    """' (server said 400: message)' from a recorded response, when it has a JSON message."""
    if not response:
        return ""
    content = response.get("content") or response.get("body") or {}
    try:
        body = json.loads(base64.b64decode(content.get("$base64", "")))
    except (ValueError, TypeError):
        return f" (server answered {response.get('status_code')})"
    message = body.get("message") if isinstance(body, dict) else None
    return f" (server answered {response.get('status_code')}: {message})" if message else ""


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 240 else line[:237] + "..."


def _whole(text: str) -> str:
    """An error's full text, blank lines dropped, its later lines indented under the first."""
    lines = [line.rstrip() for line in text.strip().splitlines() if line.strip()]
    return "\n  ".join(lines)


def read_events(path: Path) -> Summary:
    summary = Summary()
    if not path.exists():
        summary.errors.append(f"schemathesis wrote no event stream at {path}")
        return summary
    for raw in path.read_text(encoding="utf-8").splitlines():
        event = json.loads(raw)
        kind, payload = next(iter(event.items()))
        if kind == "ScenarioFinished":
            _read_scenario(summary, payload)
        elif kind in ("NonFatalError", "FatalError"):
            label = payload.get("label") or ""
            info = payload.get("info") or payload.get("value") or {}
            message = info.get("message") if isinstance(info, dict) else str(info)
            # whole: an error says why nothing was tested (every invalid link, each reason)
            text = f"{label}: {message or kind}" if label else str(message or kind)
            summary.errors.append(_whole(text))
    return summary


def _read_scenario(summary: Summary, payload: dict[str, Any]) -> None:
    recorder = payload.get("recorder") or {}
    label = recorder.get("label", "?")
    interactions = recorder.get("interactions") or {}
    for case_id, checks in (recorder.get("checks") or {}).items():
        summary.cases[label].add(case_id)
        for check in checks:
            tally = summary.counts[(label, check["name"])]
            if check.get("status") == "failure":
                tally[1] += 1
                failure = ((check.get("failure_info") or {}).get("failure")) or {}
                key = (label, check["name"], failure.get("title", ""))
                if key not in summary.failures:
                    interaction = interactions.get(case_id) or {}
                    reason = failure.get("message") or failure.get("title") or ""
                    summary.failures[key] = Failure(
                        operation=label,
                        check=check["name"],
                        code=failure.get("code", ""),
                        reason=_one_line(reason + _answer(interaction.get("response"))),
                        curl=_curl(interaction.get("request") or {}),
                    )
            else:
                tally[0] += 1


def render(summary: Summary, operation_names: dict[str, str], verbose: bool = False) -> str:
    """The failures first and a compact tally, as plain text; `verbose` adds a line per
    operation and check (the JUnit report has them too): a green run is a few lines."""
    lines = []
    rows = sorted(summary.counts.items())
    shown = rows if verbose else [row for row in rows if row[1][1]]
    if shown:
        width_op = max([len(operation_names.get(op, op)) for (op, _), _ in shown] + [9])
        width_check = max([len(check) for (_, check), _ in shown] + [5])
        lines.append(f"{'operation':<{width_op}}  {'check':<{width_check}}  result")
        for (op, check), (passed, failed) in shown:
            verdict = f"FAILED {failed} of {passed + failed}" if failed else f"passed {passed}"
            lines.append(
                f"{operation_names.get(op, op):<{width_op}}  {check:<{width_check}}  {verdict}"
            )
    if verbose:
        for op, ids in sorted(summary.cases.items()):
            lines.append(f"{operation_names.get(op, op)}: {len(ids)} test cases")
    all_passed = [row for row in rows if not row[1][1]]
    if all_passed and not verbose:
        lines.append(
            f"{len(all_passed)} {'other ' if shown else ''}checks passed (one line per "
            "operation and check: --verbose)"
        )
    if summary.failures:
        lines.append("")
        lines.append("Failures:")
        for n, failure in enumerate(summary.failures.values(), 1):
            name = operation_names.get(failure.operation, failure.operation)
            lines.append(f"{n}. {name} x {failure.check} ({failure.code}): {failure.reason}")
            lines.append(f"   {failure.curl}")
    if summary.errors:
        lines.append("")
        lines.append("Errors (the suite could not test everything):")
        lines.extend(f"- {error}" for error in summary.errors)
    return "\n".join(lines)
