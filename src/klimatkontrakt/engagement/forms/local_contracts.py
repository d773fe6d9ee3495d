"""local contracts (forms)."""
