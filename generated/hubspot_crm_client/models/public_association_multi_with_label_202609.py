from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.multi_associated_object_with_label_202609 import (
        MultiAssociatedObjectWithLabel202609,
    )
    from ..models.paging import Paging
    from ..models.public_object_id import PublicObjectId


T = TypeVar("T", bound="PublicAssociationMultiWithLabel202609")


@_attrs_define
class PublicAssociationMultiWithLabel202609:
    """
    Attributes:
        from_ (PublicObjectId):  Example: {'id': '37295'}.
        to (list[MultiAssociatedObjectWithLabel202609]):
        paging (Paging | Unset): Present only when there are more pages. Example: {'next': {'after': 'NTI1Cg%3D%3D'}}.
    """

    from_: PublicObjectId
    to: list[MultiAssociatedObjectWithLabel202609]
    paging: Paging | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.to_dict()

        to = []
        for to_item_data in self.to:
            to_item = to_item_data.to_dict()
            to.append(to_item)

        paging: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paging, Unset):
            paging = self.paging.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
            }
        )
        if paging is not UNSET:
            field_dict["paging"] = paging

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.multi_associated_object_with_label_202609 import (
            MultiAssociatedObjectWithLabel202609,
        )
        from ..models.paging import Paging
        from ..models.public_object_id import PublicObjectId

        d = dict(src_dict)
        from_ = PublicObjectId.from_dict(d.pop("from"))

        to = []
        _to = d.pop("to")
        for to_item_data in _to:
            to_item = MultiAssociatedObjectWithLabel202609.from_dict(to_item_data)

            to.append(to_item)

        _paging = d.pop("paging", UNSET)
        paging: Paging | Unset
        if isinstance(_paging, Unset):
            paging = UNSET
        else:
            paging = Paging.from_dict(_paging)

        public_association_multi_with_label_202609 = cls(
            from_=from_,
            to=to,
            paging=paging,
        )

        public_association_multi_with_label_202609.additional_properties = d
        return public_association_multi_with_label_202609

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
