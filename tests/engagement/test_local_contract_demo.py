"""The demo's local climate contract: ten standard pledges, twenty example organisations with
valid numbers and example.org addresses, one year of reports; loading it twice adds nothing."""

from klimatkontrakt.engagement.local_contract_demo import load_demo_local_contract
from klimatkontrakt.engagement.models import PledgeReport, Signatory, StandardPledge
from klimatkontrakt.sources.orgnumber import normalise_org_number


def test_the_demo_is_labelled_and_loads_once(karlstad):
    assert load_demo_local_contract() == 20
    assert load_demo_local_contract() == 0
    assert StandardPledge.objects.count() == 10
    signatories = list(Signatory.objects.all())
    assert len(signatories) == 20 and all(s.is_example and s.is_active for s in signatories)
    assert all(s.name.startswith("Exempel") for s in signatories)
    assert all(s.contact_email.endswith("@example.org") for s in signatories)
    assert all(normalise_org_number(s.org_number).startswith("00") for s in signatories)
    assert len({r.year for r in PledgeReport.objects.all()}) == 1
