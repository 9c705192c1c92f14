"""Contains all the data models used in inputs/outputs"""

from .associated_id import AssociatedId
from .association_spec_with_label import AssociationSpecWithLabel
from .association_spec_with_label_category import AssociationSpecWithLabelCategory
from .batch_input_public_fetch_associations_batch_request import (
    BatchInputPublicFetchAssociationsBatchRequest,
)
from .batch_input_public_object_id import BatchInputPublicObjectId
from .batch_input_simple_public_object_batch_input_upsert import (
    BatchInputSimplePublicObjectBatchInputUpsert,
)
from .batch_response_public_association_multi import BatchResponsePublicAssociationMulti
from .batch_response_public_association_multi_with_errors import (
    BatchResponsePublicAssociationMultiWithErrors,
)
from .batch_response_public_association_multi_with_label import (
    BatchResponsePublicAssociationMultiWithLabel,
)
from .batch_response_public_association_multi_with_label_links import (
    BatchResponsePublicAssociationMultiWithLabelLinks,
)
from .batch_response_public_association_multi_with_label_status import (
    BatchResponsePublicAssociationMultiWithLabelStatus,
)
from .batch_response_public_association_multi_with_label_with_errors import (
    BatchResponsePublicAssociationMultiWithLabelWithErrors,
)
from .batch_response_public_association_multi_with_label_with_errors_links import (
    BatchResponsePublicAssociationMultiWithLabelWithErrorsLinks,
)
from .batch_response_public_association_multi_with_label_with_errors_status import (
    BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus,
)
from .batch_response_simple_public_upsert_object import BatchResponseSimplePublicUpsertObject
from .batch_response_simple_public_upsert_object_with_errors import (
    BatchResponseSimplePublicUpsertObjectWithErrors,
)
from .batch_status import BatchStatus
from .error import Error
from .error_detail import ErrorDetail
from .links import Links
from .multi_associated_object_with_label import MultiAssociatedObjectWithLabel
from .next_page import NextPage
from .paging import Paging
from .previous_page import PreviousPage
from .property_map import PropertyMap
from .public_association_multi import PublicAssociationMulti
from .public_association_multi_with_label import PublicAssociationMultiWithLabel
from .public_fetch_associations_batch_request import PublicFetchAssociationsBatchRequest
from .public_object_id import PublicObjectId
from .public_object_warning import PublicObjectWarning
from .public_object_warning_context import PublicObjectWarningContext
from .rate_limit_error import RateLimitError
from .simple_public_object_batch_input_upsert import SimplePublicObjectBatchInputUpsert
from .simple_public_upsert_object import SimplePublicUpsertObject
from .simple_public_upsert_object_properties_with_history import (
    SimplePublicUpsertObjectPropertiesWithHistory,
)
from .standard_error import StandardError
from .string_array_map import StringArrayMap
from .value_with_timestamp import ValueWithTimestamp

__all__ = (
    "AssociatedId",
    "AssociationSpecWithLabel",
    "AssociationSpecWithLabelCategory",
    "BatchInputPublicFetchAssociationsBatchRequest",
    "BatchInputPublicObjectId",
    "BatchInputSimplePublicObjectBatchInputUpsert",
    "BatchResponsePublicAssociationMulti",
    "BatchResponsePublicAssociationMultiWithErrors",
    "BatchResponsePublicAssociationMultiWithLabel",
    "BatchResponsePublicAssociationMultiWithLabelLinks",
    "BatchResponsePublicAssociationMultiWithLabelStatus",
    "BatchResponsePublicAssociationMultiWithLabelWithErrors",
    "BatchResponsePublicAssociationMultiWithLabelWithErrorsLinks",
    "BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus",
    "BatchResponseSimplePublicUpsertObject",
    "BatchResponseSimplePublicUpsertObjectWithErrors",
    "BatchStatus",
    "Error",
    "ErrorDetail",
    "Links",
    "MultiAssociatedObjectWithLabel",
    "NextPage",
    "Paging",
    "PreviousPage",
    "PropertyMap",
    "PublicAssociationMulti",
    "PublicAssociationMultiWithLabel",
    "PublicFetchAssociationsBatchRequest",
    "PublicObjectId",
    "PublicObjectWarning",
    "PublicObjectWarningContext",
    "RateLimitError",
    "SimplePublicObjectBatchInputUpsert",
    "SimplePublicUpsertObject",
    "SimplePublicUpsertObjectPropertiesWithHistory",
    "StandardError",
    "StringArrayMap",
    "ValueWithTimestamp",
)
