from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail
    from ..models.links import Links
    from ..models.string_array_map import StringArrayMap


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """HubSpot's error body, for every status other than 200, 207 and 429.

    Example:
        {'status': 'error', 'category': 'MISSING_SCOPES', 'correlationId': 'aeb5f871-7f07-4993-9211-075dc63e7cbf',
            'message': "This app hasn't been granted all required scopes to make this call.", 'context': {'missingScopes':
            ['scope1', 'scope2']}, 'links': {}}

    Attributes:
        correlation_id (UUID): A unique id for this request; quote it to HubSpot support.
        message (str): A human-readable explanation.
        category (str | Unset): The kind of error, for example VALIDATION_ERROR or MISSING_SCOPES.
        context (StringArrayMap | Unset):  Example: {'missingScopes': ['scope1', 'scope2']}.
        errors (list[ErrorDetail] | Unset):
        links (Links | Unset): Links to resources or documents related to the batch. Example: {}.
        sub_category (str | Unset):
    """

    correlation_id: UUID
    message: str
    category: str | Unset = UNSET
    context: StringArrayMap | Unset = UNSET
    errors: list[ErrorDetail] | Unset = UNSET
    links: Links | Unset = UNSET
    sub_category: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        correlation_id = str(self.correlation_id)

        message = self.message

        category = self.category

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        sub_category = self.sub_category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "correlationId": correlation_id,
                "message": message,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if context is not UNSET:
            field_dict["context"] = context
        if errors is not UNSET:
            field_dict["errors"] = errors
        if links is not UNSET:
            field_dict["links"] = links
        if sub_category is not UNSET:
            field_dict["subCategory"] = sub_category

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_detail import ErrorDetail
        from ..models.links import Links
        from ..models.string_array_map import StringArrayMap

        d = dict(src_dict)
        correlation_id = UUID(d.pop("correlationId"))

        message = d.pop("message")

        category = d.pop("category", UNSET)

        _context = d.pop("context", UNSET)
        context: StringArrayMap | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = StringArrayMap.from_dict(_context)

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

        sub_category = d.pop("subCategory", UNSET)

        error = cls(
            correlation_id=correlation_id,
            message=message,
            category=category,
            context=context,
            errors=errors,
            links=links,
            sub_category=sub_category,
        )

        error.additional_properties = d
        return error

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
