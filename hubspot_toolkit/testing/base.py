"""What both stand-ins share: arranging data, inspecting what happened, clients wired to it.

Every method is one control operation of the reference server (server/control.py): the
in-process form calls it directly, the process form over HTTP, with the same JSON.
"""

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import httpx
from hubspot_crm_client import AuthenticatedClient

from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.client.strict import strict_client
from hubspot_toolkit.server.auth import DEV_TOKEN
from hubspot_toolkit.testing.channels import Channel
from hubspot_toolkit.testing.errors import StandInError
from hubspot_toolkit.testing.properties import Rules, definition, read_document, rules
from hubspot_toolkit.testing.records import ReceivedRequest, StoredLineItem

RecordId = str | int


class StandIn:
    """A HubSpot stand-in for one test: the reference server's app, store and rules.

    base_url and token are what your code needs; client() is the generated client wired to it.
    """

    def __init__(self, channel: Channel, base_url: str) -> None:
        self._channel = channel
        self.base_url = base_url
        self.token = DEV_TOKEN  # every scope, unless a test asks for scopes
        self.version: str | None = None  # the only API version served, when a test chose one

    def __repr__(self) -> str:  # never the token
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _call(self, operation: str, **arguments: Any) -> Any:
        __tracebackhide__ = True  # pytest shows the test's line and the method it called
        return self._channel.call(operation, arguments)

    # ---- clients ---------------------------------------------------------------------------

    def _transport(self) -> httpx.BaseTransport | None:
        return None

    def _async_transport(self) -> httpx.AsyncBaseTransport | None:
        return None

    def client(
        self, token: str | None = None, *, strict: bool = False, **client_args: Any
    ) -> AuthenticatedClient:
        """The generated client, sync and async, with token (default: self.token). strict:
        every answer is also checked against the spec (hubspot_toolkit.strict_client)."""
        token = token or self.token
        if strict:
            return strict_client(
                self.base_url,
                token,
                transport=self._transport(),
                async_transport=self._async_transport(),
                **client_args,
            )
        transport = self._transport()
        httpx_args = {"transport": transport} if transport is not None else {}
        return RedactedClient(
            base_url=self.base_url, token=token, httpx_args=httpx_args, **client_args
        )

    # ---- arrange ---------------------------------------------------------------------------

    def add_records(
        self, object_type: str, records: Iterable[RecordId | Mapping[str, str]]
    ) -> list[str]:
        """Records of object_type (a name such as "deals", or an id such as "0-3" or "2-123"):
        each an id, or for line items a map of properties (checked against the portal's
        definitions and written by the upsert's rules). The records' ids, in order."""
        if isinstance(records, str | int | Mapping):
            raise StandInError(
                f"add_records({object_type!r}, ...): records is a list, e.g. ['101', '102']"
            )
        listed = [dict(r) if isinstance(r, Mapping) else r for r in records]
        ids: list[str] = self._call("add_records", object_type=object_type, records=listed)
        return ids

    def associate(
        self,
        from_type: str,
        from_id: RecordId,
        to_type: str,
        to_ids: RecordId | Iterable[RecordId],
        *,
        label: str | None = None,
        reverse_label: str | None = None,
        both_ways: bool = True,
    ) -> None:
        """Associate one record with others, both ways unless told (HubSpot's associations are
        two-way). Records named here exist from then on. label: the v3 association type,
        default `<from>_to_<to>` in the singular (deal_to_line_item)."""
        listed = [to_ids] if isinstance(to_ids, str | int) else list(to_ids)
        self._call(
            "associate",
            from_type=from_type,
            from_id=from_id,
            to_type=to_type,
            to_ids=listed,
            label=label,
            reverse_label=reverse_label,
            both_ways=both_ways,
        )

    def define_custom_object(self, object_type_id: str, name: str) -> None:
        """Name the portal's custom object type object_type_id (`2-<n>`) `name`: requests then
        reach it as `p_<name>` and `p<portalId>_<name>` too, as HubSpot's are reached (never by
        the bare name; ledger: object-type-custom-names). add_records and associate take those
        spellings from then on. One name per type, no name for two: the stand-in's own rule."""
        self._call("define_custom_object", object_type_id=object_type_id, name=name)

    def add_token(self, scopes: Iterable[str], token: str | None = None) -> str:
        """A token with exactly these scopes ("*": every scope); made up unless given."""
        if isinstance(scopes, str):
            raise StandInError(f"add_token: scopes is a list, e.g. [{scopes!r}]")
        made: str = self._call("add_token", scopes=list(scopes), token=token)
        return made

    def limit_rate(self, limit: int | None, window: float = 10.0) -> None:
        """At most limit requests per window seconds per token (None: no limit); then 429s."""
        self._call("limit_rate", limit=limit, window=window)

    def inject_faults(self, fraction: float, seed: int | None = None) -> None:
        """Answer that fraction of requests with a 500, 502, 503 or a dropped connection, some
        after the write was committed (seed: the same requests fail on every run)."""
        self._call("inject_faults", fraction=fraction, seed=seed)

    def use_properties(self, source: str | Path | Mapping[str, Any]) -> None:
        """The portal's line item property definitions: a Properties API export
        (GET /crm/v3/properties/line_items) as a file or parsed JSON. They replace the shipped
        ones (HubSpot's standard properties and external_line_item_id, unique)."""
        document, name = read_document(source)
        self._call("use_properties", document=document, source=name)

    def define_property(
        self,
        name: str,
        type: str = "string",
        *,
        options: Iterable[str] = (),
        unique: bool = False,
        read_only: bool = False,
        field_type: str | None = None,
        label: str | None = None,
        validation: Rules | None = None,
    ) -> None:
        """Add (or replace) one line item property definition, e.g.
        define_property("erp_id", unique=True) to upsert by it. validation: the portal's
        validation rules for it, as HubSpot's Property Validations API gives them
        ([{"ruleType": "ALPHANUMERIC", "ruleArguments": ["ALPHA_ONLY"]}]) or as a map
        ({"ALPHANUMERIC": ["ALPHA_ONLY"], "MAX_LENGTH": ["10"]}); the stand-in refuses a value
        that breaks one as HubSpot does (400 "Property values were not valid")."""
        entry = definition(
            name,
            type,
            field_type=field_type,
            options=options,
            unique=unique,
            read_only=read_only,
            label=label,
        )
        self._call("define_property", entry=entry, validation=rules(name, validation))

    def serve_only(self, version: str | None) -> None:
        """Serve only this API version ("v3", "2026-03"): calls to another answer 404.
        None: every version."""
        self._call("serve_only", version=version)
        self.version = version

    def reset(self) -> None:
        """Everything back to a fresh stand-in: records, tokens, limits, faults, requests."""
        self._call("reset")
        self.token, self.version = DEV_TOKEN, None

    # ---- inspect ---------------------------------------------------------------------------

    def line_items(self, by: str | None = None) -> dict[str, StoredLineItem]:
        """The line items stored, by record id, or by the value of the property `by` (those
        without a value left out)."""
        found = [StoredLineItem.from_json(item) for item in self._call("line_items", by=by)]
        if by is None:
            return {item.id: item for item in found}
        keyed: dict[str, StoredLineItem] = {}
        for item in found:
            value = item.properties.get(by)
            if value in (None, ""):
                continue
            if value in keyed:
                raise StandInError(
                    f"line_items(by={by!r}): line items {keyed[value].id} and {item.id} share "
                    f"{value!r}; key by a property with unique values"
                )
            keyed[value] = item
        return keyed

    def requests(self) -> list[ReceivedRequest]:
        """Every API request received since the stand-in started or was reset, in order."""
        return [ReceivedRequest.from_json(entry) for entry in self._call("requests")]
