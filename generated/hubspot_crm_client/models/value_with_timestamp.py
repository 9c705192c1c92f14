from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ValueWithTimestamp")


@_attrs_define
class ValueWithTimestamp:
    """
    Example:
        {'sourceType': 'API', 'timestamp': '2023-11-07T05:31:56Z', 'value': '900.00'}

    Attributes:
        source_type (str):
        timestamp (datetime.datetime):
        value (str):
        source_id (str | Unset):
        source_label (str | Unset):
        updated_by_user_id (int | Unset):
    """

    source_type: str
    timestamp: datetime.datetime
    value: str
    source_id: str | Unset = UNSET
    source_label: str | Unset = UNSET
    updated_by_user_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_type = self.source_type

        timestamp = self.timestamp.isoformat()

        value = self.value

        source_id = self.source_id

        source_label = self.source_label

        updated_by_user_id = self.updated_by_user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sourceType": source_type,
                "timestamp": timestamp,
                "value": value,
            }
        )
        if source_id is not UNSET:
            field_dict["sourceId"] = source_id
        if source_label is not UNSET:
            field_dict["sourceLabel"] = source_label
        if updated_by_user_id is not UNSET:
            field_dict["updatedByUserId"] = updated_by_user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        source_type = d.pop("sourceType")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        value = d.pop("value")

        source_id = d.pop("sourceId", UNSET)

        source_label = d.pop("sourceLabel", UNSET)

        updated_by_user_id = d.pop("updatedByUserId", UNSET)

        value_with_timestamp = cls(
            source_type=source_type,
            timestamp=timestamp,
            value=value,
            source_id=source_id,
            source_label=source_label,
            updated_by_user_id=updated_by_user_id,
        )

        value_with_timestamp.additional_properties = d
        return value_with_timestamp

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
