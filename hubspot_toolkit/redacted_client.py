"""The generated AuthenticatedClient, minus the token in its repr (attrs would print it)."""

from hubspot_crm_client import AuthenticatedClient


class RedactedClient(AuthenticatedClient):
    """An AuthenticatedClient whose repr() and str() never show the token."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, token='***')"

    __str__ = __repr__
