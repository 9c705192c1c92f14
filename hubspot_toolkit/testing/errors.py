"""The stand-in's one error: bad use, said in one line."""

from hubspot_toolkit.errors import HubSpotToolkitError, install_hint


class StandInError(HubSpotToolkitError):
    """A test asked the stand-in for something it cannot do; the message says what, in one line
    (an unknown object type or property, bad marker options, both fixtures at once, ...)."""


def missing_extra(what: str, error: ModuleNotFoundError) -> StandInError:
    return StandInError(
        f"{what} needs the [testing] extra (no module {error.name!r}): " + install_hint("testing")
    )
