from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.property_map import PropertyMap


T = TypeVar("T", bound="SimplePublicObjectBatchInputUpsert")


@_attrs_define
class SimplePublicObjectBatchInputUpsert:
    """
    Example:
        {'id': 'SKU-1001', 'idProperty': 'external_line_item_id', 'objectWriteTraceId': 'trace-1001', 'properties':
            {'quantity': '2'}}

    Attributes:
        id (str): The value of `idProperty` that identifies the line item; the record id when `idProperty` is absent.
        properties (PropertyMap): Property names and their values, all as strings. Example: {'name': '1 year
            implementation consultation', 'price': '900.00'}.
        id_property (str | Unset): A property whose values are unique among line items, for example a custom
            `external_line_item_id` created with `hasUniqueValue: true`.
        object_write_trace_id (str | Unset): Echoed back in this input's result, for tracing.
    """

    id: str
    properties: PropertyMap
    id_property: str | Unset = UNSET
    object_write_trace_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        properties = self.properties.to_dict()

        id_property = self.id_property

        object_write_trace_id = self.object_write_trace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "properties": properties,
            }
        )
        if id_property is not UNSET:
            field_dict["idProperty"] = id_property
        if object_write_trace_id is not UNSET:
            field_dict["objectWriteTraceId"] = object_write_trace_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.property_map import PropertyMap

        d = dict(src_dict)
        id = d.pop("id")

        properties = PropertyMap.from_dict(d.pop("properties"))

        id_property = d.pop("idProperty", UNSET)

        object_write_trace_id = d.pop("objectWriteTraceId", UNSET)

        simple_public_object_batch_input_upsert = cls(
            id=id,
            properties=properties,
            id_property=id_property,
            object_write_trace_id=object_write_trace_id,
        )

        simple_public_object_batch_input_upsert.additional_properties = d
        return simple_public_object_batch_input_upsert

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
