"""The funding app's models, one module per concept (grants, calls), re-exported here."""

# Grants
from klimatkontrakt.funding.models.grants import (  # noqa: F401
    Grant,
    GrantImport,
    GrantMeasureLink,
    GrantSource,
    GroupOrganisation,
    RecipientKind,
)

# Calls
