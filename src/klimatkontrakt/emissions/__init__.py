"""Territorial emissions from SMHI's releases, carbon budgets, goals and the BAU forecast."""
