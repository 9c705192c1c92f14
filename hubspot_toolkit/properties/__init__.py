"""Line item property definitions in the shape of HubSpot's Properties API, and the rules by
which HubSpot refuses property values. Free of server dependencies (stdlib and jsonschema):
the reference server, the contract suite and the bulk command line share it."""

from hubspot_toolkit.properties.definitions import (
    DEFAULT_FILE,
    SHIPPED_UNIQUE_KEY,
    PropertiesFileError,
    PropertyDefinition,
    PropertyDefinitions,
)
from hubspot_toolkit.properties.problems import OUR_CODES, PropertyProblem

__all__ = [
    "DEFAULT_FILE",
    "OUR_CODES",
    "SHIPPED_UNIQUE_KEY",
    "PropertiesFileError",
    "PropertyDefinition",
    "PropertyDefinitions",
    "PropertyProblem",
]
