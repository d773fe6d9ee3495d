from django.urls import path  # noqa: F401

from klimatkontrakt.engagement.views import local_contract_editor, local_contracts, proposals  # noqa: F401

app_name = "engagement"

# Local climate contracts
lc = "kommun/<str:code>/lokalt-klimatkontrakt/"
local_contract_patterns: list = [
    path(lc, local_contracts.public_page, name="lc_public"),
    path(lc + "anmalan/", local_contracts.sign_up, name="lc_signup"),
    path(lc + "bekrafta/<str:token>/", local_contracts.confirm, name="lc_confirm"),
    path(lc + "rapport/<str:token>/", local_contracts.report, name="lc_report"),
    path(lc + "undertecknare/", local_contracts.signatory_list, name="lc_signatories"),
    path(lc + "undertecknare/<int:pk>/lank/", local_contracts.send_link, name="lc_send_link"),
    path(lc + "undertecknare/<int:pk>/beslut/", local_contract_editor.decide, name="lc_decide"),
    path(
        lc + "atagande/<int:pk>/lankar/", local_contract_editor.pledge_links, name="lc_pledge_links"
    ),
    path(lc + "ej-rapporterat/", local_contracts.not_reported, name="lc_not_reported"),
    path(lc + "redigera/", local_contract_editor.manage, name="lc_manage"),
    path(lc + "redigera/version/ny/", local_contract_editor.version_edit, name="lc_version_new"),
    path(
        lc + "redigera/version/<int:number>/",
        local_contract_editor.version_edit,
        name="lc_version_edit",
    ),
    path(
        lc + "redigera/version/<int:number>/publicera/",
        local_contract_editor.version_publish,
        name="lc_version_publish",
    ),
    path(lc + "redigera/katalog/ny/", local_contract_editor.standard_edit, name="lc_standard_new"),
    path(
        lc + "redigera/katalog/<int:pk>/",
        local_contract_editor.standard_edit,
        name="lc_standard_edit",
    ),
]


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
