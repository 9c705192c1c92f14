"""A client library for accessing HubSpot CRM: associations batch read and line items batch upsert"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
