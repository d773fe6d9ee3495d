"""Calls in from the template file (service, `klimatkontrakt import-calls`, the page) and one
call entered by hand: all or nothing, the same file twice counts once, national editors only."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from klimatkontrakt.funding.models import Call, CallImport
from klimatkontrakt.funding.services.calls import import_calls
from klimatkontrakt.sources.errors import SourceError
from tests.funding.call_factories import agency_editor

FIXTURES = Path(__file__).parent / "fixtures" / "calls"
GOOD = (FIXTURES / "calls_template.csv").read_bytes()
BAD = (FIXTURES / "calls_template_bad.csv").read_bytes()


@pytest.fixture
def national(db):
    return agency_editor()


def test_import_stores_calls_and_the_same_file_again_changes_nothing(national):
    first = import_calls(national, "mall.csv", GOOD)
    assert (first.created, first.updated, first.already_imported) == (2, 0, False)
    again = import_calls(national, "kopia.csv", GOOD)
    assert again.already_imported and Call.objects.count() == 2
    record = CallImport.objects.get()
    assert record.rows == 2 and record.imported_by == national
    assert set(Call.objects.values_list("source_import", flat=True)) == {record.pk}


def test_a_bad_file_is_refused_whole(national):
    with pytest.raises(SourceError) as caught:
        import_calls(national, "dålig.csv", BAD)
    assert {p.row for p in caught.value.problems} == {3, 4, 5}
    assert not Call.objects.exists() and not CallImport.objects.exists()


def test_a_municipal_editor_may_not_import_calls(editor):
    with pytest.raises(PermissionDenied):
        import_calls(editor, "mall.csv", GOOD)
    assert not Call.objects.exists()


def test_the_agency_is_linked_and_others_stay_by_name(national):
    import_calls(national, "mall.csv", GOOD)
    energy = Call.objects.get(reference="2027-00010")
    assert energy.funder is not None and energy.funder.name == "Energimyndigheten"
    region = Call.objects.get(title="Regionalt klimatstöd")
    assert region.funder is None and region.funder_name == "Region Värmland"


def test_import_calls_command(db, tmp_path):
    path = tmp_path / "utlysningar.csv"
    path.write_bytes(GOOD)
    call_command("import_calls", str(path))
    call_command("import_calls", str(path))
    assert Call.objects.count() == 2 and CallImport.objects.count() == 1
    bad = tmp_path / "dålig.csv"
    bad.write_bytes(BAD)
    with pytest.raises(CommandError, match="rad 4"):
        call_command("import_calls", str(bad))
    assert Call.objects.count() == 2


def test_import_page_for_national_editors_only(client, national, editor):
    client.force_login(editor)
    assert client.get("/utlysningar/import/").status_code == 403
    client.force_login(national)
    upload = SimpleUploadedFile("mall.csv", GOOD, content_type="text/csv")
    r = client.post("/utlysningar/import/", {"file": upload}, follow=True)
    assert r.status_code == 200 and "2 utlysningar tillagda" in r.content.decode()
    bad = SimpleUploadedFile("dålig.csv", BAD, content_type="text/csv")
    r = client.post("/utlysningar/import/", {"file": bad})
    page = r.content.decode()
    assert "dålig.csv, rad 4, kolumn stänger" in page
    assert Call.objects.count() == 2


def test_one_call_entered_on_the_page(client, national):
    client.force_login(national)
    data = {
        "funder_name": "Region Värmland",
        "title": "Regionalt stöd till cykelvägar",
        "closes_on": "2027-05-01",
        "categories": "cykel, resor",
    }
    r = client.post("/utlysningar/ny/", data)
    call = Call.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/utlysningar/{call.pk}/"
    assert call.categories == ["cykel", "resor"] and call.source == "entry"
    page = client.get(f"/utlysningar/{call.pk}/").content.decode()
    assert "Regionalt stöd till cykelvägar" in page and "cykel, resor" in page
    r = client.post("/utlysningar/ny/", {**data, "funder_name": "", "title": "Utan finansiär"})
    assert r.status_code == 200 and Call.objects.count() == 1


def test_template_download_has_the_documented_columns(client):
    body = client.get("/utlysningar/mall.csv").content.decode("utf-8-sig")
    assert (
        body.splitlines()[0]
        == "funder;reference;title;description;opens;closes;link;categories;sectors"
    )
