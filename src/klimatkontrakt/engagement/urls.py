from django.urls import path  # noqa: F401

from klimatkontrakt.engagement.views import local_contracts, proposals  # noqa: F401

app_name = "engagement"

# Local climate contracts
local_contract_patterns: list = []


# Proposals
from klimatkontrakt.engagement.views import proposal_work  # noqa: E402

P = "kommun/<str:code>/forslag/"
proposal_patterns: list = [
    path(P, proposals.proposal_list, name="proposals"),
    path(P + "lamna/", proposals.submit_citizen, name="proposal_submit"),
    path(P + "lamna/elev/", proposals.submit_pupil, name="proposal_submit_pupil"),
    path(P + "<int:pk>/", proposals.proposal_detail, name="proposal"),
    path(P + "arbete/", proposal_work.work, name="proposal_work"),
    path(P + "arbete/publicera/", proposal_work.publish_many, name="proposal_publish_many"),
    path(P + "ny/", proposal_work.new, name="proposal_new"),
    path(P + "import/", proposal_work.import_file, name="proposal_import"),
    path(P + "urval/", proposal_work.select, name="proposal_select"),
    path(P + "tilldela/", proposal_work.assign, name="proposal_assign"),
    path(P + "statusar/", proposal_work.states, name="proposal_states"),
    path(P + "<int:pk>/granska/", proposal_work.moderate, name="proposal_moderate"),
    path(P + "<int:pk>/sla-ihop/", proposal_work.merge, name="proposal_merge"),
    path(P + "<int:pk>/status/", proposal_work.change_state, name="proposal_state"),
    path(P + "<int:pk>/svara/", proposal_work.answer, name="proposal_answer"),
]


urlpatterns = local_contract_patterns + proposal_patterns
