"""local contracts (views)."""
