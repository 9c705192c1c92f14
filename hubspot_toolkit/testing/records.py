"""What a test inspects: the line items stored and the requests received."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class StoredLineItem:
    """A line item as stored: its properties as written (HubSpot's defaults such as
    hs_object_id and createdate are added to answers, not stored), and its timestamps."""

    id: str
    properties: dict[str, str]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "StoredLineItem":
        return cls(
            id=data["id"],
            properties=data["properties"],
            created_at=_moment(data["created_ms"]),
            updated_at=_moment(data["updated_ms"]),
        )


@dataclass(frozen=True)
class ReceivedRequest:
    """One API request the stand-in received, in order (never its headers: they hold the
    token). `operation` is its name across API versions, e.g. batch_upsert_line_items, or None
    for a path the spec does not have; `status` is None when an injected fault dropped the
    connection."""

    method: str
    path: str
    query: str
    body: Any  # the parsed JSON; the text when it is not JSON; None when empty
    status: int | None
    operation: str | None
    version: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ReceivedRequest":
        text: str = data["body"]
        body: Any = None
        if text:
            try:
                body = json.loads(text)
            except ValueError:
                body = text
        return cls(
            method=data["method"],
            path=data["path"],
            query=data["query"],
            body=body,
            status=data["status"],
            operation=data["operation"],
            version=data["version"],
        )


def _moment(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)
