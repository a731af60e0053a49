"""Device interfaces (one Protocol per kind), their drivers and mocks. Never imports Qt."""
