"""Follow-up of the contract: indicators, their targets and values (action plans later)."""
