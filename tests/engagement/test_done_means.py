"""Issue 16's "Done means", end to end through the public surface: pages, e-mail, API, commands
and the yearly follow-up report. A strategist publishes the local contract, a company signs up
without an account, confirms, is approved and reports through its e-mailed link; a class's
proposals come in as a file, are published, selected, assigned, answered and found by school and
grade; every reader then gives the same totals."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from klimatkontrakt.engagement.models import Proposal, Signatory
from klimatkontrakt.reports.builder import gather
from klimatkontrakt.reports.render import body_html
from tests.engagement.local_contract_factories import link_in

pytestmark = pytest.mark.django_db

LC = "/kommun/1780/lokalt-klimatkontrakt/"
P = "/kommun/1780/forslag/"

CLASS_FILE = (
    "förslag;skola;årskurs;tema;inkommen\n"
    "Cykelställ med tak vid Norrskolan;Exempelskolan Norr;5B;transporter;2024-03-04\n"
    "Solceller på idrottshallens tak;Exempelskolan Norr;5B;energi;2024-03-04\n"
    "Vegetarisk dag varje vecka;Exempelskolan Norr;5B;mat;2024-03-04\n"
    "Fler papperskorgar för sortering;Exempelskolan Syd;5A;avfall;2024-03-04\n"
    "Gångfartsgata vid skolan;Exempelskolan Norr;6A;transporter;2024-03-04\n"
)


def _cli(command, *args):
    out = io.StringIO()
    call_command(command, "--municipality", "1780", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def _publish_contract(editor_client):
    """The strategist's part: the rule, a version of the text and the catalogue, by the pages."""
    assert editor_client.post(LC + "redigera/", {"min_pledges": "2"}).status_code == 302
    r = editor_client.post(
        LC + "redigera/version/ny/",
        {"title": "Karlstads lokala klimatkontrakt (exempel)", "text": "Vi minskar utsläppen."},
    )
    assert r.status_code == 302
    assert editor_client.post(LC + "redigera/version/1/publicera/").status_code == 302
    for title, sector, unit, default, source in [
        ("Elbilar i tjänsten", "Transporter", "bil", "1,5", "Exempelkälla"),
        ("Sortera avfallet", "Avfall (inkl.avlopp)", "ton", "", ""),
    ]:
        r = editor_client.post(
            LC + "redigera/katalog/ny/",
            {"title": title, "sector": sector, "unit": unit, "default_t_per_unit": default,
             "default_source": source, "is_active": "on"},
        )  # fmt: skip
        assert r.status_code == 302, r.content.decode()


def _sign_up_confirm_approve_report(editor_client, year):
    visitor = Client()
    page = visitor.get(LC).content.decode()
    assert "Karlstads lokala klimatkontrakt (exempel)" in page and "Elbilar i tjänsten" in page
    signup = visitor.get(LC + "anmalan/").content.decode()
    catalogue = editor_client.get(LC + "redigera/").content.decode()
    assert "Sortera avfallet" in signup and "Sortera avfallet" in catalogue
    form = {
        "kind": "organisation", "name": "Exempel Åkeri AB", "org_number": "556012-5790",
        "org_sector": "business", "size": "10-49", "contact_name": "Anna Exempel",
        "contact_email": "anna@example.org", "contact_phone": "054-00 00 00",
        "consent_to_publish": "on",
    }  # fmt: skip
    for standard_pk in _standard_pks(signup):
        form |= {f"p{standard_pk}-chosen": "on", f"p{standard_pk}-baseline_year": "2022",
                 f"p{standard_pk}-baseline_value": "4", f"p{standard_pk}-target_value": "0",
                 f"p{standard_pk}-target_year": "2030"}  # fmt: skip
    assert visitor.post(LC + "anmalan/", form).status_code == 302
    # A resident signs up too, without an e-mail address: waits directly for approval.
    resident = {k: v for k, v in form.items() if k.startswith("p")} | {"kind": "resident"}
    assert visitor.post(LC + "anmalan/", resident).status_code == 302

    (confirmation,) = mail.outbox
    assert confirmation.to == ["anna@example.org"]
    assert visitor.post(link_in(confirmation)).status_code == 302
    for s in Signatory.objects.all():
        assert editor_client.get(LC + "undertecknare/").status_code == 200
        r = editor_client.post(LC + f"undertecknare/{s.pk}/beslut/", {"decision": "approve"})
        assert r.status_code == 302
    company = Signatory.objects.get(kind="organisation")
    assert company.state == "approved"

    r = editor_client.post(LC + f"undertecknare/{company.pk}/lank/?year={year}")
    assert r.status_code == 302
    report_link = link_in(mail.outbox[-1])
    assert mail.outbox[-1].to == ["anna@example.org"]
    assert visitor.get(report_link).status_code == 200
    cars, waste = company.pledges.order_by("pk")
    answers = {
        f"r{cars.pk}-status": "done", f"r{cars.pk}-quantity": "4",
        f"r{cars.pk}-what_was_done": "Fyra elbilar i stället för dieselbilar",
        f"r{waste.pk}-status": "started", f"r{waste.pk}-reported_t": "2,5",
    }  # fmt: skip
    assert visitor.post(report_link, answers).status_code == 302
    assert visitor.get(report_link).status_code == 404  # used once


def _standard_pks(signup_page):
    return sorted({int(n) for n in re.findall(r'name="p(\d+)-chosen"', signup_page)})


def _local_contract_totals_agree(municipality, year):
    totals = Client().get(f"/api/local-contracts/1780/totals?year={year}").json()
    assert totals["year"] == year
    assert totals["signatories"] == {"organisation": 1, "resident": 1, "total": 2}
    assert totals["pledges"] == {"not_started": 0, "started": 1, "done": 1, "not_reported": 2}
    assert totals["reported_reduction_t"]["total"] == 8.5  # 4 cars × 1.5 t + 2.5 t
    assert totals["reported_reduction_t"]["by_sector"] == {
        "Avfall (inkl.avlopp)": 2.5, "Transporter": 6.0,
    }  # fmt: skip
    assert _cli("local_contracts", "--year", str(year)) == totals
    report = gather(municipality, year)["local_contracts"]
    assert {k: v for k, v in report.items() if k != "available"} == totals
    page = Client().get(LC + f"?year={year}").content.decode()
    html = body_html(gather(municipality, year), "sv")
    for text in (page, html):
        section = text.split('id="h-local-contracts"')[-1] if text is html else text
        assert '<th scope="row">Totalt</th><td class="num">8,5</td>' in section
        assert '<td>Transporter</td><td class="num">6,0</td>' in section
        assert '<td>Undertecknare totalt</td><td class="num">2</td>' in section
        assert '<td>Åtaganden: Genomfört</td><td class="num">1</td>' in section
        assert '<th scope="col" class="num">Antal</th>' in section


def _import_and_publish_class_file(editor_client, tmp_path):
    path = tmp_path / "klass-5b.csv"
    path.write_text(CLASS_FILE, encoding="utf-8")
    with path.open("rb") as upload:
        r = editor_client.post(P + "import/", {"file": upload, "channel": "pupils_council"})
    assert r.status_code == 302, r.content.decode()
    with path.open("rb") as upload:  # the same file again counts once
        editor_client.post(P + "import/", {"file": upload, "channel": "pupils_council"})
    assert Proposal.objects.count() == 5
    assert "Solceller" not in Client().get(P).content.decode()  # waiting for moderation
    waiting = editor_client.get(P + "arbete/").content.decode()
    ids = [p.pk for p in Proposal.objects.all() if f'value="{p.pk}"' in waiting]
    assert len(ids) == 5
    assert editor_client.post(P + "arbete/publicera/", {"proposals": ids}).status_code == 302


def _select_assign_answer(editor_client, department):
    norr_5 = {p.text: p.pk for p in Proposal.objects.filter(school="Exempelskolan Norr", grade=5)}
    syd = Proposal.objects.get(school="Exempelskolan Syd").pk
    chosen = [*norr_5.values(), syd]
    r = editor_client.post(P + "urval/", {"proposals": chosen, "reason": "Klassens val"})
    assert r.status_code == 302
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    r = editor_client.post(
        P + "tilldela/",
        {"proposals": chosen, "department": department.pk, "deadline": deadline},
    )
    assert r.status_code == 302
    r = editor_client.post(
        P + f"{norr_5['Cykelställ med tak vid Norrskolan']}/svara/",
        {"decision": "accepted", "text": "Taket byggs till hösten."},
    )
    assert r.status_code == 302
    r = editor_client.post(
        P + f"{norr_5['Solceller på idrottshallens tak']}/svara/",
        {"decision": "rejected", "text": "Inte nu.", "reason": "Taket bär inte solcellerna."},
    )
    assert r.status_code == 302


def _proposal_totals_agree(municipality, year):
    api = Client().get("/api/proposals/1780/totals").json()
    cli = _cli("proposals")
    report = gather(municipality, year)["proposals"]
    for key in ("total", "by_channel", "by_state", "by_department", "by_decision", "selected",
                "answered", "overdue", "median_days_to_answer", "answered_share"):  # fmt: skip
        assert api[key] == cli[key] == report[key], key
    assert (cli["total"], cli["selected"], cli["answered"], cli["overdue"]) == (5, 4, 2, 0)
    assert cli["by_decision"] == {
        "accepted": 1, "rejected": 1, "already_done": 0, "in_progress": 0,
    }  # fmt: skip
    assert cli["by_department"] == {"Teknik- och fastighetsförvaltningen": 4}
    assert cli["median_days_to_answer"] == 0
    assert cli["answered_share"] == 0.5
    page = Client().get(P).content.decode()
    assert "<dt>Publicerade förslag</dt><dd>5</dd>" in page
    assert "<dt>Utvalda</dt><dd>4</dd>" in page
    assert "<dt>Besvarade</dt><dd>2 (50" in page
    assert "<dt>Försenade svar</dt><dd>0</dd>" in page
    html = body_html(gather(municipality, year), "sv")
    assert "5 publicerade förslag, 4 utvalda, 2 besvarade, 0 försenade" in html


def test_done_means(editor_client, karlstad, tmp_path, department):
    year = timezone.now().year - 1
    _publish_contract(editor_client)
    _sign_up_confirm_approve_report(editor_client, year)
    _local_contract_totals_agree(karlstad, year)

    _import_and_publish_class_file(editor_client, tmp_path)
    _select_assign_answer(editor_client, department)
    # The class finds its own proposals by school and grade, with their answers.
    page = Client().get(P, {"skola": "Exempelskolan Norr", "arskurs": "5"}).content.decode()
    for text in ("Cykelställ med tak", "Solceller", "Vegetarisk dag"):
        assert text in page
    assert "Papperskorgar" not in page and "Gångfartsgata" not in page
    assert "Bifallet: Taket byggs till hösten." in page and "Avslaget: Inte nu." in page
    rejected = Proposal.objects.get(text__startswith="Solceller").pk
    detail = Client().get(P + f"{rejected}/").content.decode()
    assert "Taket bär inte solcellerna." in detail  # the reason, on the proposal's page
    assert "<dt>Status</dt><dd>Besvarat</dd>" in detail and "<dt>Besvarat</dt>" in detail
    _proposal_totals_agree(karlstad, year)
