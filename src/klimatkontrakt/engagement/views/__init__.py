"""One module per concept: local_contracts, proposals."""
