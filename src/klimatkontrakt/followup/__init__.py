"""Migration history only: the follow-up's tables belong to indicators, plans, goals, training."""
