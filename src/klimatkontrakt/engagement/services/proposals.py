"""proposals (services)."""
