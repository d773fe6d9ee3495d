"""proposals (forms)."""
