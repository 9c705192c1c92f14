from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_response_simple_public_upsert_object_202609_status import (
    BatchResponseSimplePublicUpsertObject202609Status,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_response_simple_public_upsert_object_202609_links import (
        BatchResponseSimplePublicUpsertObject202609Links,
    )
    from ..models.simple_public_upsert_object_202609 import SimplePublicUpsertObject202609
    from ..models.standard_error import StandardError


T = TypeVar("T", bound="BatchResponseSimplePublicUpsertObject202609")


@_attrs_define
class BatchResponseSimplePublicUpsertObject202609:
    """
    Attributes:
        completed_at (datetime.datetime):
        results (list[SimplePublicUpsertObject202609]):
        started_at (datetime.datetime):
        status (BatchResponseSimplePublicUpsertObject202609Status):
        errors (list[StandardError] | Unset):
        links (BatchResponseSimplePublicUpsertObject202609Links | Unset):
        num_errors (int | Unset):  Example: 10.
        requested_at (datetime.datetime | None | Unset):
    """

    completed_at: datetime.datetime
    results: list[SimplePublicUpsertObject202609]
    started_at: datetime.datetime
    status: BatchResponseSimplePublicUpsertObject202609Status
    errors: list[StandardError] | Unset = UNSET
    links: BatchResponseSimplePublicUpsertObject202609Links | Unset = UNSET
    num_errors: int | Unset = UNSET
    requested_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_at = self.completed_at.isoformat()

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        started_at = self.started_at.isoformat()

        status = self.status.value

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        num_errors = self.num_errors

        requested_at: None | str | Unset
        if isinstance(self.requested_at, Unset):
            requested_at = UNSET
        elif isinstance(self.requested_at, datetime.datetime):
            requested_at = self.requested_at.isoformat()
        else:
            requested_at = self.requested_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completedAt": completed_at,
                "results": results,
                "startedAt": started_at,
                "status": status,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if links is not UNSET:
            field_dict["links"] = links
        if num_errors is not UNSET:
            field_dict["numErrors"] = num_errors
        if requested_at is not UNSET:
            field_dict["requestedAt"] = requested_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_response_simple_public_upsert_object_202609_links import (
            BatchResponseSimplePublicUpsertObject202609Links,
        )
        from ..models.simple_public_upsert_object_202609 import SimplePublicUpsertObject202609
        from ..models.standard_error import StandardError

        d = dict(src_dict)
        completed_at = datetime.datetime.fromisoformat(d.pop("completedAt"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = SimplePublicUpsertObject202609.from_dict(results_item_data)

            results.append(results_item)

        started_at = datetime.datetime.fromisoformat(d.pop("startedAt"))

        status = BatchResponseSimplePublicUpsertObject202609Status(d.pop("status"))

        _errors = d.pop("errors", UNSET)
        errors: list[StandardError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = StandardError.from_dict(errors_item_data)

                errors.append(errors_item)

        _links = d.pop("links", UNSET)
        links: BatchResponseSimplePublicUpsertObject202609Links | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = BatchResponseSimplePublicUpsertObject202609Links.from_dict(_links)

        num_errors = d.pop("numErrors", UNSET)

        def _parse_requested_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                requested_at_type_0 = datetime.datetime.fromisoformat(data)

                return requested_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        requested_at = _parse_requested_at(d.pop("requestedAt", UNSET))

        batch_response_simple_public_upsert_object_202609 = cls(
            completed_at=completed_at,
            results=results,
            started_at=started_at,
            status=status,
            errors=errors,
            links=links,
            num_errors=num_errors,
            requested_at=requested_at,
        )

        batch_response_simple_public_upsert_object_202609.additional_properties = d
        return batch_response_simple_public_upsert_object_202609

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
