"""Which of our operations an upstream path is, and in which of HubSpot's API versions.

HubSpot publishes each operation under v3 and under date versions (`2026-03`, `2026-09`, …):
`/crm/objects/<version>/line_items/batch/upsert` (some versions publish the generic
`/crm/objects/<version>/{objectType}/batch/upsert` instead) and
`/crm/associations/<version>/{fromObjectType}/{toObjectType}/batch/read`. A path is ours when it
is one of those; betas (`2026-09-beta`) and v4 are not tracked.
"""

import re
from dataclasses import dataclass

from hubspot_toolkit.spec.versions import READ, UPSERT, V3, versioned

DATED = r"(?P<version>\d{4}-\d{2})"
VERSION = re.compile(r"^(v3|\d{4}-\d{2})$")  # the versions we follow; betas and v4 are not

# operation -> (folder under HubSpot's spec collection's root, file name): where the collection
# files each version's document (`<folder>/<rollout>/<version>/<file>`)
LAYOUT = {
    UPSERT: ("PublicApiSpecs/CRM/Line Items/Rollouts", "lineItems.json"),
    READ: ("PublicApiSpecs/CRM/Associations/Rollouts", "associations.json"),
}

# operation -> (the v3 path, the dated path pattern, the dated path as we write it)
_KINDS = {
    UPSERT: (
        "/crm/v3/objects/line_items/batch/upsert",
        re.compile(rf"^/crm/objects/{DATED}/(line_items|\{{objectType\}})/batch/upsert$"),
        "/crm/objects/{version}/line_items/batch/upsert",
    ),
    READ: (
        "/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/read",
        re.compile(
            rf"^/crm/associations/{DATED}/\{{fromObjectType\}}/\{{toObjectType\}}/batch/read$"
        ),
        "/crm/associations/{version}/{{fromObjectType}}/{{toObjectType}}/batch/read",
    ),
}


@dataclass(frozen=True)
class Tracked:
    """An upstream operation we track: which one, which version, and our path for it."""

    operation: str  # our v3 operationId, the operation's name across versions
    version: str  # "v3" or "YYYY-MM"
    upstream_path: str  # as HubSpot publishes it
    path: str  # as spec/ writes it (the generic upsert specialised to line_items)

    @property
    def operation_id(self) -> str:
        """Our operationId for this version: v3 keeps its name, others say their version."""
        return versioned(self.operation, self.version)

    @property
    def is_generic(self) -> bool:
        return self.path != self.upstream_path


def tracked(path: str, method: str) -> Tracked | None:
    """The tracked operation that method and path are, or None."""
    if method != "post":
        return None
    for operation, (v3_path, dated, ours) in _KINDS.items():
        if path == v3_path:
            return Tracked(operation, V3, path, path)
        match = dated.match(path)
        if match:
            version = match["version"]
            return Tracked(operation, version, path, ours.format(version=version))
    return None
