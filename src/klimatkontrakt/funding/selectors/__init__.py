"""The funding app's selectors, one module per concept: grants, calls."""
