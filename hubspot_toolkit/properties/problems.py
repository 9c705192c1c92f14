"""One refused property value, named the way HubSpot names it in its error bodies."""

from dataclasses import dataclass

from hubspot_toolkit.properties.validation import OUR_RULE_CODES

# HubSpot's codes. Source of each: the error handling page
# https://developers.hubspot.com/docs/api-reference/error-handling (PROPERTY_DOESNT_EXIST,
# INVALID_INTEGER) and the captures cited beside the rules in values.py.
PROPERTY_DOESNT_EXIST = "PROPERTY_DOESNT_EXIST"
INVALID_INTEGER = "INVALID_INTEGER"  # HubSpot's code for every number property, decimals too
INVALID_OPTION = "INVALID_OPTION"
INVALID_LONG = "INVALID_LONG"
INVALID_DATE = "INVALID_DATE"
READ_ONLY_VALUE = "READ_ONLY_VALUE"
LEADING_TRAILING_WHITESPACE = "LEADING_TRAILING_WHITESPACE"

# OURS, not HubSpot's: the line items guide states these two rules but no source shows the code
# or message HubSpot answers with, so these names are invented (and documented as such).
NEGATIVE_PRICE = "NEGATIVE_PRICE"
INVALID_BILLING_PERIOD = "INVALID_BILLING_PERIOD"
# The codes of validation rules other than ALPHA_ONLY are ours too (properties/validation.py).
OUR_CODES = frozenset({NEGATIVE_PRICE, INVALID_BILLING_PERIOD}) | OUR_RULE_CODES


@dataclass(frozen=True)
class PropertyProblem:
    """Why one property (and its value, when a value is at fault) was refused."""

    name: str
    code: str
    message: str
    value: str | None
