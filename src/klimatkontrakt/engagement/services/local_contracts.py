"""local contracts (services)."""
