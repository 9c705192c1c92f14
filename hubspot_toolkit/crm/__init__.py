"""HubSpot's CRM tables that the client, the server and the suite all read: object types in
every spelling HubSpot resolves, and association type ids."""
