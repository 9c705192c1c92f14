"""Run the scenario against a target and make the recording.

A recording is one JSON document, keys sorted, written whole: `recorded` (when, and the run's
mark in the keys it wrote) is all two recordings of one server differ in. It never holds a
token: a request says which token it carried (`token`, `limited`, `invalid`, `none`).
"""

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from hubspot_toolkit.client.redacted import check_token
from hubspot_toolkit.client.url_safety import check_token_url, is_loopback
from hubspot_toolkit.errors import HubSpotToolkitError
from hubspot_toolkit.parity.normalise import Normaliser, sort_unordered
from hubspot_toolkit.parity.relations import Relations
from hubspot_toolkit.parity.scenario import INVALID_TOKEN, Answer, Request, run_scenario

FORMAT = "hubspot-toolkit parity recording 1"
# The answer headers that matter: the media type, and the rate-limit headers' presence
# (ledger: rate-limit-headers).
RATE_HEADERS = ("x-hubspot-ratelimit-", "retry-after")
# requests per second, as `contract` paces a remote portal: under HubSpot's 100 per 10 s with
# the checks' extra requests (ledger: rate-limit-budgets)
DEFAULT_REMOTE_RATE = 5.0


class ParityError(HubSpotToolkitError):
    """A recording or target that cannot be used; one line, never a token."""


@dataclass
class Target:
    """Where the scenario runs. The tokens are kept out of repr."""

    base_url: str
    token: str = field(repr=False)
    limited_token: str | None = field(default=None, repr=False)
    rate: float | None = None  # requests per second; None: unpaced
    transport: httpx.BaseTransport | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise ParityError(f"{self.base_url!r} is not an http:// or https:// URL")
        check_token_url(self.base_url, "the target")
        check_token(self.token)

    @property
    def loopback(self) -> bool:
        return is_loopback(urlsplit(self.base_url).hostname or "")

    def token_for(self, role: str) -> str | None:
        return {"token": self.token, "limited": self.limited_token, "invalid": INVALID_TOKEN}.get(
            role
        )


def default_rate(base_url: str, given: float | None) -> float | None:
    """Unpaced on this machine, 5/s against a portal, as `contract`."""
    if given is not None:
        return given or None
    return None if is_loopback(urlsplit(base_url).hostname or "") else DEFAULT_REMOTE_RATE


def new_run() -> tuple[str, str]:
    """(when, the run's mark): the mark is the time, so that a run's keys are its own."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), now.strftime("%Y%m%d%H%M%S%f")


def _parse(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


def _headers(response: httpx.Response) -> dict[str, str]:
    kept = {}
    media = response.headers.get("content-type")
    if media is not None:
        kept["content-type"] = media.replace(" ", "").lower()
    for name, value in response.headers.items():
        if name.lower().startswith(RATE_HEADERS):
            kept[name.lower()] = "<number>" if value.strip().isdigit() else "<text>"
    return dict(sorted(kept.items()))


def _sender(target: Target, client: httpx.Client) -> Callable[[Request], Answer]:
    interval = 1.0 / target.rate if target.rate else 0.0
    last = [0.0]

    def send(request: Request) -> Answer:
        wait = last[0] + interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # pacing a portal: its budget is per second
        headers = {"Content-Type": request.content_type}
        token = target.token_for(request.token)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = client.request(
                request.method, request.path, content=request.content(), headers=headers
            )
        except httpx.HTTPError as exc:
            raise ParityError(
                f"{request.name}: no answer from {target.base_url} ({type(exc).__name__})"
            ) from None
        finally:
            last[0] = time.monotonic()
        return Answer(response.status_code, _headers(response), _parse(response))

    return send


def run(target: Target, settings: dict[str, Any], run_mark: str) -> dict[str, Any]:
    """The scenario against target: its exchanges and relations, normalised, and what it wrote."""
    normaliser = Normaliser(run_mark, target.base_url)
    relations = Relations()
    exchanges: list[dict[str, Any]] = []
    answers: dict[str, Answer] = {}  # as sent, for the ledger's expectations (never written)
    written: set[str] = set()
    with httpx.Client(base_url=target.base_url, timeout=60, transport=target.transport) as client:
        send = _sender(target, client)

        def observed(request: Request) -> Answer:
            if request.token == "limited" and not target.limited_token:
                raise ParityError(f"{request.name} needs HUBSPOT_LIMITED_TOKEN")
            answer = send(request)
            answers[request.name] = answer
            raw = (
                _brief(answer.body) if request.brief else sort_unordered(answer.body, request.body)
            )
            shown_request = normaliser.value(request.as_json())
            body = normaliser.value(raw)
            relations.observe(request.name, raw, body)
            exchanges.append(
                {
                    "name": request.name,
                    "ledger": sorted(request.ledger),
                    "request": shown_request,
                    "response": {"status": answer.status, "headers": answer.headers, "body": body},
                }
            )
            if answer.status in (200, 207) and "/upsert" in request.path:
                written.update(_keys(request.body, run_mark))
            return answer

        run_scenario(settings, run_mark, observed)
    portal = sorted(normaliser.portal_ids)
    return {
        "exchanges": exchanges,
        "relations": dict(sorted(relations.found.items())),
        "written": sorted(written),
        "answers": answers,
        "portal": _hashed(portal[0]) if portal else None,
    }


def _brief(body: Any) -> Any:
    """A long answer by its counts: the envelope, and how many results and errors."""
    if not isinstance(body, dict):
        return body
    kept = {k: body[k] for k in ("status", "category", "message", "numErrors") if k in body}
    for name in ("results", "errors"):
        if isinstance(body.get(name), list):
            kept[f"{name} (count)"] = len(body[name])
    return kept


def _keys(body: Any, run_mark: str) -> list[str]:
    inputs = body.get("inputs") if isinstance(body, dict) else None
    return [
        str(i["id"]).replace(run_mark, "<run>")
        for i in inputs or []
        if isinstance(i, dict) and run_mark in str(i.get("id"))
    ]


def _hashed(portal_id: str) -> str:
    return "sha256:" + hashlib.sha256(portal_id.encode()).hexdigest()[:16]


def record(target: Target, settings: dict[str, Any]) -> dict[str, Any]:
    """A recording of the scenario (settings: scenario.settings_from_spec) against target."""
    at, mark = new_run()
    outcome = run(target, settings, mark)
    return {
        "format": FORMAT,
        "recorded": {"at": at, "run": mark},
        "target": {"loopback": target.loopback, "portal": outcome["portal"]},
        "scenario": settings,
        "cleanup": {
            "objectType": "line_items",
            "idProperty": settings["idProperty"],
            "keys": outcome["written"],
            "note": "<run> is recorded.run; archive these records once done",
        },
        "exchanges": outcome["exchanges"],
        "relations": outcome["relations"],
    }


def dumps(recording: dict[str, Any]) -> str:
    return json.dumps(recording, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load(path: Any) -> dict[str, Any]:
    """A recording from path; ParityError (one line) when it is not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise ParityError(f"{path}: cannot read a recording ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ParityError(f'{path}: not a parity recording (no "format": {FORMAT!r})')
    for name in ("scenario", "exchanges", "relations"):
        if name not in data:
            raise ParityError(f"{path}: the recording has no {name!r}")
    for n, exchange in enumerate(data["exchanges"]):
        if not isinstance(exchange, dict) or "name" not in exchange:
            raise ParityError(f"{path}: exchanges[{n}] has no name")
        if "response" not in exchange and "expect" not in exchange:
            raise ParityError(f"{path}: exchange {exchange['name']} has no response or expect")
    return data
