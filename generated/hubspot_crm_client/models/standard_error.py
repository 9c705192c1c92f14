from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail
    from ..models.links import Links
    from ..models.string_array_map import StringArrayMap


T = TypeVar("T", bound="StandardError")


@_attrs_define
class StandardError:
    """One failed input of a batch.

    Example:
        {'status': 'error', 'category': 'OBJECT_NOT_FOUND', 'message': 'No record with id 37295.', 'context': {'ids':
            ['37295']}, 'errors': [], 'links': {}}

    Attributes:
        category (str):
        context (StringArrayMap):  Example: {'missingScopes': ['scope1', 'scope2']}.
        message (str):
        status (str):
        errors (list[ErrorDetail] | Unset):
        links (Links | Unset): Links to resources or documents related to the batch. Example: {}.
        id (str | Unset):
        sub_category (str | Unset):
    """

    category: str
    context: StringArrayMap
    message: str
    status: str
    errors: list[ErrorDetail] | Unset = UNSET
    links: Links | Unset = UNSET
    id: str | Unset = UNSET
    sub_category: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        context = self.context.to_dict()

        message = self.message

        status = self.status

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        id = self.id

        sub_category = self.sub_category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "context": context,
                "message": message,
                "status": status,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if links is not UNSET:
            field_dict["links"] = links
        if id is not UNSET:
            field_dict["id"] = id
        if sub_category is not UNSET:
            field_dict["subCategory"] = sub_category

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_detail import ErrorDetail
        from ..models.links import Links
        from ..models.string_array_map import StringArrayMap

        d = dict(src_dict)
        category = d.pop("category")

        context = StringArrayMap.from_dict(d.pop("context"))

        message = d.pop("message")

        status = d.pop("status")

        _errors = d.pop("errors", UNSET)
        errors: list[ErrorDetail] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ErrorDetail.from_dict(errors_item_data)

                errors.append(errors_item)

        _links = d.pop("links", UNSET)
        links: Links | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = Links.from_dict(_links)

        id = d.pop("id", UNSET)

        sub_category = d.pop("subCategory", UNSET)

        standard_error = cls(
            category=category,
            context=context,
            message=message,
            status=status,
            errors=errors,
            links=links,
            id=id,
            sub_category=sub_category,
        )

        standard_error.additional_properties = d
        return standard_error

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
