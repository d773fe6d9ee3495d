"""The funding app's services, one module per concept: grants, calls."""
