"""The funding app's models, one module per concept (grants, calls), re-exported here."""

# Grants

# Calls
from klimatkontrakt.funding.models.calls import (  # noqa: F401
    Application,
    Call,
    CallImport,
    CallNotice,
)
