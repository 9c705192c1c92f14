from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.links import Links
    from ..models.public_association_multi import PublicAssociationMulti
    from ..models.standard_error import StandardError


T = TypeVar("T", bound="BatchResponsePublicAssociationMultiWithErrors")


@_attrs_define
class BatchResponsePublicAssociationMultiWithErrors:
    """
    Example:
        {'completedAt': '2023-11-07T05:31:56Z', 'startedAt': '2023-11-07T05:31:56Z', 'status': 'COMPLETE', 'results':
            [], 'numErrors': 0, 'errors': []}

    Attributes:
        completed_at (datetime.datetime):
        started_at (datetime.datetime):
        status (BatchStatus): The state of the batch. Example: COMPLETE.
        results (list[PublicAssociationMulti]):
        requested_at (datetime.datetime | None | Unset):
        errors (list[StandardError] | Unset):
        num_errors (int | Unset):
        links (Links | Unset): Links to resources or documents related to the batch. Example: {}.
    """

    completed_at: datetime.datetime
    started_at: datetime.datetime
    status: BatchStatus
    results: list[PublicAssociationMulti]
    requested_at: datetime.datetime | None | Unset = UNSET
    errors: list[StandardError] | Unset = UNSET
    num_errors: int | Unset = UNSET
    links: Links | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_at = self.completed_at.isoformat()

        started_at = self.started_at.isoformat()

        status = self.status.value

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        requested_at: None | str | Unset
        if isinstance(self.requested_at, Unset):
            requested_at = UNSET
        elif isinstance(self.requested_at, datetime.datetime):
            requested_at = self.requested_at.isoformat()
        else:
            requested_at = self.requested_at

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        num_errors = self.num_errors

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completedAt": completed_at,
                "startedAt": started_at,
                "status": status,
                "results": results,
            }
        )
        if requested_at is not UNSET:
            field_dict["requestedAt"] = requested_at
        if errors is not UNSET:
            field_dict["errors"] = errors
        if num_errors is not UNSET:
            field_dict["numErrors"] = num_errors
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.links import Links
        from ..models.public_association_multi import PublicAssociationMulti
        from ..models.standard_error import StandardError

        d = dict(src_dict)
        completed_at = datetime.datetime.fromisoformat(d.pop("completedAt"))

        started_at = datetime.datetime.fromisoformat(d.pop("startedAt"))

        status = BatchStatus(d.pop("status"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = PublicAssociationMulti.from_dict(results_item_data)

            results.append(results_item)

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

        _errors = d.pop("errors", UNSET)
        errors: list[StandardError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = StandardError.from_dict(errors_item_data)

                errors.append(errors_item)

        num_errors = d.pop("numErrors", UNSET)

        _links = d.pop("links", UNSET)
        links: Links | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = Links.from_dict(_links)

        batch_response_public_association_multi_with_errors = cls(
            completed_at=completed_at,
            started_at=started_at,
            status=status,
            results=results,
            requested_at=requested_at,
            errors=errors,
            num_errors=num_errors,
            links=links,
        )

        batch_response_public_association_multi_with_errors.additional_properties = d
        return batch_response_public_association_multi_with_errors

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
