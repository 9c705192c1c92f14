from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RateLimitError")


@_attrs_define
class RateLimitError:
    """The body of a 429 answer.

    Example:
        {'status': 'error', 'message': 'You have reached your ten_secondly_rolling limit.', 'errorType': 'RATE_LIMIT',
            'correlationId': 'c033cdaa-2c40-4a64-ae48-b4cec88dad24', 'policyName': 'TEN_SECONDLY_ROLLING'}

    Attributes:
        status (str):  Example: error.
        message (str):
        error_type (str):  Example: RATE_LIMIT.
        correlation_id (UUID):
        policy_name (str | Unset): The limit that was reached, for example TEN_SECONDLY_ROLLING or DAILY.
    """

    status: str
    message: str
    error_type: str
    correlation_id: UUID
    policy_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        message = self.message

        error_type = self.error_type

        correlation_id = str(self.correlation_id)

        policy_name = self.policy_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "message": message,
                "errorType": error_type,
                "correlationId": correlation_id,
            }
        )
        if policy_name is not UNSET:
            field_dict["policyName"] = policy_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = d.pop("status")

        message = d.pop("message")

        error_type = d.pop("errorType")

        correlation_id = UUID(d.pop("correlationId"))

        policy_name = d.pop("policyName", UNSET)

        rate_limit_error = cls(
            status=status,
            message=message,
            error_type=error_type,
            correlation_id=correlation_id,
            policy_name=policy_name,
        )

        rate_limit_error.additional_properties = d
        return rate_limit_error

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
