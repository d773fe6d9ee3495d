"""The funding app's forms, one module per concept: grants, calls."""
