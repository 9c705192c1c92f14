from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.association_spec_with_label_202609 import AssociationSpecWithLabel202609


T = TypeVar("T", bound="MultiAssociatedObjectWithLabel202609")


@_attrs_define
class MultiAssociatedObjectWithLabel202609:
    """
    Attributes:
        association_types (list[AssociationSpecWithLabel202609]):
        to_object_id (int | str):
    """

    association_types: list[AssociationSpecWithLabel202609]
    to_object_id: int | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        association_types = []
        for association_types_item_data in self.association_types:
            association_types_item = association_types_item_data.to_dict()
            association_types.append(association_types_item)

        to_object_id: int | str
        to_object_id = self.to_object_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "associationTypes": association_types,
                "toObjectId": to_object_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.association_spec_with_label_202609 import AssociationSpecWithLabel202609

        d = dict(src_dict)
        association_types = []
        _association_types = d.pop("associationTypes")
        for association_types_item_data in _association_types:
            association_types_item = AssociationSpecWithLabel202609.from_dict(
                association_types_item_data
            )

            association_types.append(association_types_item)

        def _parse_to_object_id(data: object) -> int | str:
            return cast(int | str, data)

        to_object_id = _parse_to_object_id(d.pop("toObjectId"))

        multi_associated_object_with_label_202609 = cls(
            association_types=association_types,
            to_object_id=to_object_id,
        )

        multi_associated_object_with_label_202609.additional_properties = d
        return multi_associated_object_with_label_202609

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
