"""The funding app's views, one module per concept: grants, calls."""
