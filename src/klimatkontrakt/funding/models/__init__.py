"""The funding app's models, one module per concept (grants, calls), re-exported here."""

# Grants

# Calls
