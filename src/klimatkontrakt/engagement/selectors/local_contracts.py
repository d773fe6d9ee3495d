"""local contracts (selectors)."""
