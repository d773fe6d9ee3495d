"""The engagement app's models, one module per concept, re-exported here."""

# Local climate contracts
from klimatkontrakt.engagement.models.local_contracts import *  # noqa: F403

# Proposals
from klimatkontrakt.engagement.models.proposals import (  # noqa: F401
    Answer,
    Channel,
    IntakeAttempt,
    Proposal,
    ProposalImport,
    ProposalSelection,
    ProposalState,
    ProposalTheme,
)
