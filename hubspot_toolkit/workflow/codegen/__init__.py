"""spec/ → generated/: bundle the documents and run the pinned openapi-python-client."""
