"""The funding app's models, one module per concept (grants, calls), re-exported here."""

from klimatkontrakt.funding.models.calls import (  # noqa: F401
    Application,
    Call,
    CallImport,
    CallNotice,
)
from klimatkontrakt.funding.models.grants import (  # noqa: F401
    Grant,
    GrantImport,
    GrantMeasureLink,
    GrantSource,
    GroupOrganisation,
    RecipientKind,
)
