"""Contains all the data models used in inputs/outputs"""

from .associated_id import AssociatedId
from .association_spec_with_label import AssociationSpecWithLabel
from .association_spec_with_label_202609 import AssociationSpecWithLabel202609
from .association_spec_with_label_202609_category import AssociationSpecWithLabel202609Category
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
from .batch_response_public_association_multi_with_label_202609 import (
    BatchResponsePublicAssociationMultiWithLabel202609,
)
from .batch_response_public_association_multi_with_label_202609_links import (
    BatchResponsePublicAssociationMultiWithLabel202609Links,
)
from .batch_response_public_association_multi_with_label_202609_status import (
    BatchResponsePublicAssociationMultiWithLabel202609Status,
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
from .batch_response_simple_public_upsert_object_202509 import (
    BatchResponseSimplePublicUpsertObject202509,
)
from .batch_response_simple_public_upsert_object_202509_links import (
    BatchResponseSimplePublicUpsertObject202509Links,
)
from .batch_response_simple_public_upsert_object_202509_status import (
    BatchResponseSimplePublicUpsertObject202509Status,
)
from .batch_response_simple_public_upsert_object_202609 import (
    BatchResponseSimplePublicUpsertObject202609,
)
from .batch_response_simple_public_upsert_object_202609_links import (
    BatchResponseSimplePublicUpsertObject202609Links,
)
from .batch_response_simple_public_upsert_object_202609_status import (
    BatchResponseSimplePublicUpsertObject202609Status,
)
from .batch_response_simple_public_upsert_object_with_errors import (
    BatchResponseSimplePublicUpsertObjectWithErrors,
)
from .batch_status import BatchStatus
from .error import Error
from .error_detail import ErrorDetail
from .links import Links
from .multi_associated_object_with_label import MultiAssociatedObjectWithLabel
from .multi_associated_object_with_label_202609 import MultiAssociatedObjectWithLabel202609
from .next_page import NextPage
from .paging import Paging
from .previous_page import PreviousPage
from .property_map import PropertyMap
from .public_association_multi import PublicAssociationMulti
from .public_association_multi_with_label import PublicAssociationMultiWithLabel
from .public_association_multi_with_label_202609 import PublicAssociationMultiWithLabel202609
from .public_fetch_associations_batch_request import PublicFetchAssociationsBatchRequest
from .public_object_id import PublicObjectId
from .public_object_warning import PublicObjectWarning
from .public_object_warning_context import PublicObjectWarningContext
from .rate_limit_error import RateLimitError
from .simple_public_object_batch_input_upsert import SimplePublicObjectBatchInputUpsert
from .simple_public_upsert_object import SimplePublicUpsertObject
from .simple_public_upsert_object_202509 import SimplePublicUpsertObject202509
from .simple_public_upsert_object_202509_properties import SimplePublicUpsertObject202509Properties
from .simple_public_upsert_object_202509_properties_with_history import (
    SimplePublicUpsertObject202509PropertiesWithHistory,
)
from .simple_public_upsert_object_202609 import SimplePublicUpsertObject202609
from .simple_public_upsert_object_202609_properties import SimplePublicUpsertObject202609Properties
from .simple_public_upsert_object_202609_properties_with_history import (
    SimplePublicUpsertObject202609PropertiesWithHistory,
)
from .simple_public_upsert_object_properties_with_history import (
    SimplePublicUpsertObjectPropertiesWithHistory,
)
from .standard_error import StandardError
from .string_array_map import StringArrayMap
from .value_with_timestamp import ValueWithTimestamp

__all__ = (
    "AssociatedId",
    "AssociationSpecWithLabel",
    "AssociationSpecWithLabel202609",
    "AssociationSpecWithLabel202609Category",
    "AssociationSpecWithLabelCategory",
    "BatchInputPublicFetchAssociationsBatchRequest",
    "BatchInputPublicObjectId",
    "BatchInputSimplePublicObjectBatchInputUpsert",
    "BatchResponsePublicAssociationMulti",
    "BatchResponsePublicAssociationMultiWithErrors",
    "BatchResponsePublicAssociationMultiWithLabel",
    "BatchResponsePublicAssociationMultiWithLabel202609",
    "BatchResponsePublicAssociationMultiWithLabel202609Links",
    "BatchResponsePublicAssociationMultiWithLabel202609Status",
    "BatchResponsePublicAssociationMultiWithLabelLinks",
    "BatchResponsePublicAssociationMultiWithLabelStatus",
    "BatchResponsePublicAssociationMultiWithLabelWithErrors",
    "BatchResponsePublicAssociationMultiWithLabelWithErrorsLinks",
    "BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus",
    "BatchResponseSimplePublicUpsertObject",
    "BatchResponseSimplePublicUpsertObject202509",
    "BatchResponseSimplePublicUpsertObject202509Links",
    "BatchResponseSimplePublicUpsertObject202509Status",
    "BatchResponseSimplePublicUpsertObject202609",
    "BatchResponseSimplePublicUpsertObject202609Links",
    "BatchResponseSimplePublicUpsertObject202609Status",
    "BatchResponseSimplePublicUpsertObjectWithErrors",
    "BatchStatus",
    "Error",
    "ErrorDetail",
    "Links",
    "MultiAssociatedObjectWithLabel",
    "MultiAssociatedObjectWithLabel202609",
    "NextPage",
    "Paging",
    "PreviousPage",
    "PropertyMap",
    "PublicAssociationMulti",
    "PublicAssociationMultiWithLabel",
    "PublicAssociationMultiWithLabel202609",
    "PublicFetchAssociationsBatchRequest",
    "PublicObjectId",
    "PublicObjectWarning",
    "PublicObjectWarningContext",
    "RateLimitError",
    "SimplePublicObjectBatchInputUpsert",
    "SimplePublicUpsertObject",
    "SimplePublicUpsertObject202509",
    "SimplePublicUpsertObject202509Properties",
    "SimplePublicUpsertObject202509PropertiesWithHistory",
    "SimplePublicUpsertObject202609",
    "SimplePublicUpsertObject202609Properties",
    "SimplePublicUpsertObject202609PropertiesWithHistory",
    "SimplePublicUpsertObjectPropertiesWithHistory",
    "StandardError",
    "StringArrayMap",
    "ValueWithTimestamp",
)
