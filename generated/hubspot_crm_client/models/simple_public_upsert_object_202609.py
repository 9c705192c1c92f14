from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.simple_public_upsert_object_202609_properties import (
        SimplePublicUpsertObject202609Properties,
    )
    from ..models.simple_public_upsert_object_202609_properties_with_history import (
        SimplePublicUpsertObject202609PropertiesWithHistory,
    )


T = TypeVar("T", bound="SimplePublicUpsertObject202609")


@_attrs_define
class SimplePublicUpsertObject202609:
    """
    Attributes:
        archived (bool):
        created_at (datetime.datetime):
        id (str):
        new (bool):
        properties (SimplePublicUpsertObject202609Properties):
        updated_at (datetime.datetime):
        archived_at (datetime.datetime | Unset):
        object_write_trace_id (str | Unset):
        properties_with_history (SimplePublicUpsertObject202609PropertiesWithHistory | Unset):
        url (str | Unset):
    """

    archived: bool
    created_at: datetime.datetime
    id: str
    new: bool
    properties: SimplePublicUpsertObject202609Properties
    updated_at: datetime.datetime
    archived_at: datetime.datetime | Unset = UNSET
    object_write_trace_id: str | Unset = UNSET
    properties_with_history: SimplePublicUpsertObject202609PropertiesWithHistory | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        archived = self.archived

        created_at = self.created_at.isoformat()

        id = self.id

        new = self.new

        properties = self.properties.to_dict()

        updated_at = self.updated_at.isoformat()

        archived_at: str | Unset = UNSET
        if not isinstance(self.archived_at, Unset):
            archived_at = self.archived_at.isoformat()

        object_write_trace_id = self.object_write_trace_id

        properties_with_history: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties_with_history, Unset):
            properties_with_history = self.properties_with_history.to_dict()

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "archived": archived,
                "createdAt": created_at,
                "id": id,
                "new": new,
                "properties": properties,
                "updatedAt": updated_at,
            }
        )
        if archived_at is not UNSET:
            field_dict["archivedAt"] = archived_at
        if object_write_trace_id is not UNSET:
            field_dict["objectWriteTraceId"] = object_write_trace_id
        if properties_with_history is not UNSET:
            field_dict["propertiesWithHistory"] = properties_with_history
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.simple_public_upsert_object_202609_properties import (
            SimplePublicUpsertObject202609Properties,
        )
        from ..models.simple_public_upsert_object_202609_properties_with_history import (
            SimplePublicUpsertObject202609PropertiesWithHistory,
        )

        d = dict(src_dict)
        archived = d.pop("archived")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        id = d.pop("id")

        new = d.pop("new")

        properties = SimplePublicUpsertObject202609Properties.from_dict(d.pop("properties"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        _archived_at = d.pop("archivedAt", UNSET)
        archived_at: datetime.datetime | Unset
        if isinstance(_archived_at, Unset):
            archived_at = UNSET
        else:
            archived_at = datetime.datetime.fromisoformat(_archived_at)

        object_write_trace_id = d.pop("objectWriteTraceId", UNSET)

        _properties_with_history = d.pop("propertiesWithHistory", UNSET)
        properties_with_history: SimplePublicUpsertObject202609PropertiesWithHistory | Unset
        if isinstance(_properties_with_history, Unset):
            properties_with_history = UNSET
        else:
            properties_with_history = SimplePublicUpsertObject202609PropertiesWithHistory.from_dict(
                _properties_with_history
            )

        url = d.pop("url", UNSET)

        simple_public_upsert_object_202609 = cls(
            archived=archived,
            created_at=created_at,
            id=id,
            new=new,
            properties=properties,
            updated_at=updated_at,
            archived_at=archived_at,
            object_write_trace_id=object_write_trace_id,
            properties_with_history=properties_with_history,
            url=url,
        )

        simple_public_upsert_object_202609.additional_properties = d
        return simple_public_upsert_object_202609

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
