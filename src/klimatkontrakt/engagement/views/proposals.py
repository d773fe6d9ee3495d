"""proposals (views)."""
