"""What a loaded OpenAPI document is, and how places in it are named in messages.

Kept free of the YAML and OpenAPI-validator stacks, so that the client (which only checks
responses against a bundled JSON spec) needs neither.
"""

from collections.abc import Iterable
from typing import Any

Document = dict[str, Any]


def format_path(parts: Iterable[Any]) -> str:
    """A JSON path such as paths./crm/v3/x.post.responses.200, for messages."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document root)"
