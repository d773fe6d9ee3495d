"""No personal data in any open file: the demo's release (every dataset, the installation's files
and each publishing municipality's) scanned for e-mail addresses, personal identity numbers and
telephone numbers, and for every name, address and number of a person the database holds
(accounts, contact persons of actions, local-contract signatories and proposals, residents who
signed, the goal teams' e-mail addresses, the text of a proposal as sent before moderation)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from klimatkontrakt.engagement.models import LocalContract, Proposal, Signatory
from klimatkontrakt.goals.models import GoalPerson
from klimatkontrakt.opendata import selectors, services
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.models import Action
from tests.engagement.local_contract_factories import PledgeFactory
from tests.engagement.proposal_factories import citizen_proposal

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# YYMMDD or YYYYMMDD (day + 60 for a co-ordination number), a dash or plus, four digits; a
# whole word, so that a run of digits inside a UUID (a commitment's id) is not one.
PERSONAL_NUMBER = re.compile(
    r"(?<![\w-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"[-+]\d{4}(?![\w-])"
)


def _open_files() -> list[Path]:
    release = selectors.current_release()
    assert release is not None, "the demo builds a release of the open data"
    folder = Path(settings.OPENDATA_DIR) / str(release.pk)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _personal_values() -> set[str]:
    values: set[str] = set()
    for user in get_user_model().objects.all():
        values |= {user.username, user.email, user.get_full_name()}
    for fields in (
        Action.objects.values_list("contact_name", "contact_email"),
        GoalPerson.objects.values_list("email"),
        Signatory.objects.values_list("contact_name", "contact_email", "contact_phone"),
        Signatory.objects.filter(kind=Signatory.Kind.RESIDENT).values_list("name"),
        Proposal.objects.values_list("contact_name", "contact_email", "contact_phone"),
        Proposal.objects.exclude(original_text="").values_list("original_text"),
    ):
        for row in fields:
            values.update(row)
    # Short values (initials, "Ja") would match by chance; names and addresses are longer.
    return {v.strip() for v in values if v and len(v.strip()) >= 5}


@pytest.mark.django_db
def test_no_open_file_holds_personal_data(demo):
    # Beside the demo's people: a published citizen's proposal with contact details and a
    # resident who signed Karlstad's local contract with a pledge, agreeing to be shown.
    karlstad = Municipality.objects.get(code="1780")
    citizen_proposal(karlstad, contact_name="Hemlig Medborgarsson")
    PledgeFactory(
        signatory__contract=LocalContract.objects.filter(municipality=karlstad).first(),
        signatory__kind=Signatory.Kind.RESIDENT,
        signatory__name="Hemlig Invånare Persson",
        signatory__org_number="",
        signatory__org_sector="",
        signatory__size="",
    )
    services.build_release()
    files = _open_files()
    assert any(p.name == "datapackage.json" for p in files)
    assert len(files) >= 2 * 9 + 1  # both formats of the nine datasets and the package
    personal = _personal_values()
    assert {"Hemlig Medborgarsson", "Hemlig Invånare Persson"} <= personal
    assert len(personal) >= 10
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern in (EMAIL, PERSONAL_NUMBER):
            found += [f"{path.name}: {m.group(0)}" for m in pattern.finditer(text)]
        found += [f"{path.name}: {value}" for value in personal if value in text]
    assert found == []


def test_the_scan_finds_what_it_looks_for():
    """The patterns match an address and identity numbers as people write them, and leave an
    organisation number (third digit 2 or more) and a year range alone."""
    assert EMAIL.search("kontakt: anna.berg@karlstad.se,")
    assert PERSONAL_NUMBER.search("19800101-1234") and PERSONAL_NUMBER.search(";850615+2345;")
    assert PERSONAL_NUMBER.search("850675-2345")  # a co-ordination number
    assert not PERSONAL_NUMBER.search("212000-1850")  # Karlstads kommun's organisation number
    assert not PERSONAL_NUMBER.search("2020-2024") and not PERSONAL_NUMBER.search("12345678")
    assert not PERSONAL_NUMBER.search("9b720604-3156-4a1e-8c1e-0b4f5d3c2a10")  # a UUID
