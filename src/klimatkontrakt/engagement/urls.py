from django.urls import path  # noqa: F401

from klimatkontrakt.engagement.views import local_contracts, proposals  # noqa: F401

app_name = "engagement"

# Local climate contracts
local_contract_patterns: list = []


# Proposals
proposal_patterns: list = []


urlpatterns = local_contract_patterns + proposal_patterns
