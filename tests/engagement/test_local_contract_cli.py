"""`klimatkontrakt local-contracts --format json`, the API, the public page and the follow-up
report give the same totals: one selector behind them all."""

import io
import json

from django.core.management import call_command

from klimatkontrakt.reports.builder import gather
from klimatkontrakt.reports.render import body_html, docx
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import PledgeFactory, SignatoryFactory, report

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory


def _cli(*args):
    out = io.StringIO()
    call_command("local_contracts", "--municipality", "1780", *args, stdout=out)
    return out.getvalue()


def test_cli_api_page_and_report_agree(client, signatory, local_contract):
    elbilar, own = signatory.pledges.order_by("pk")
    report(elbilar, 2024, "12.5")
    report(own, 2024, "1.25", status="started")
    resident = SignatoryFactory(contract=local_contract, kind="resident", name="")
    PledgeFactory(signatory=resident)
    cli = json.loads(_cli("--format", "json"))
    assert cli["year"] == 2024
    assert cli["signatories"] == {"organisation": 1, "resident": 1, "total": 2}
    assert cli["pledges"] == {"not_started": 0, "started": 1, "done": 1, "not_reported": 1}
    assert cli["reported_reduction_t"]["total"] == 13.75
    assert cli["reported_reduction_t"]["by_sector"] == {
        "Avfall (inkl.avlopp)": 1.25, "Transporter": 12.5,
    }  # fmt: skip
    assert cli["overlap_sectors"] == []
    api = client.get("/api/local-contracts/1780/totals").json()
    assert api == cli
    data = gather(local_contract.municipality, 2024)["local_contracts"]
    assert {k: v for k, v in data.items() if k != "available"} == cli
    html = body_html(gather(local_contract.municipality, 2024), "sv")
    page = client.get("/kommun/1780/lokalt-klimatkontrakt/").content.decode()
    for text in (html, page):
        assert "13,8" in text and "12,5" in text  # total and Transport, one decimal
    assert docx(gather(local_contract.municipality, 2024), "en")[:2] == b"PK"


def test_text_format_and_unknown_municipality(local_contract):
    assert "Karlstad 2" in _cli()
    import pytest
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("local_contracts", "--municipality", "9999", stdout=io.StringIO())
