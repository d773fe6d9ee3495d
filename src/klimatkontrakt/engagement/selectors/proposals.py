"""proposals (selectors)."""
