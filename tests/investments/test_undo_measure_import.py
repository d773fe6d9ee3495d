"""A measure import made by mistake can be removed: the measures it created go, after a
confirmation page, with a change log entry; a refused file leaves no import record."""

import pytest

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.investments.models import Measure, MeasureImport
from klimatkontrakt.investments.services import import_measures
from klimatkontrakt.sources.errors import SourceError
from tests.investments.conftest import give_sectors
from tests.investments.test_measure_import import GOOD, HEADER

pytestmark = pytest.mark.django_db


def test_removing_an_import_removes_the_measures_it_created(client, empty_plan, editor):
    give_sectors(empty_plan)
    first = HEADER + "Cykelpool;Resor;Miljöförvaltningen;2025;5;150000;10000;10;;;beteende\n"
    import_measures(empty_plan, first.encode(), "forsta.csv", user=editor)
    result = import_measures(empty_plan, GOOD.encode(), "atgarder.csv", user=editor)
    assert (result.created, result.updated) == (1, 1)
    record = MeasureImport.objects.get(filename="atgarder.csv")
    client.force_login(editor)
    base = f"/kommun/1780/investeringsplan/{empty_plan.pk}/atgarder/"
    url = f"{base}import/{record.pk}/ta-bort/"
    assert url in client.get(base).content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200 and "atgarder.csv" in confirm.content.decode()
    assert client.post(url).status_code == 302
    assert list(Measure.objects.values_list("name", flat=True)) == ["Cykelpool"]
    entry = ChangeLogEntry.objects.exclude(action="imported").get()
    assert (entry.actor, entry.object_type, entry.object_id) == (
        editor.pk,
        "investments.measureimport",
        str(record.pk),
    )
    assert entry.before["measures_removed"] == ["Värmepumpar i förskolor"]
    assert "atgarder.csv" in client.get(base).content.decode()  # the change log on the page


def test_viewers_cannot_remove_an_import(client, empty_plan, editor, viewer):
    give_sectors(empty_plan)
    import_measures(empty_plan, GOOD.encode(), "atgarder.csv", user=editor)
    record = MeasureImport.objects.get()
    client.force_login(viewer)
    url = f"/kommun/1780/investeringsplan/{empty_plan.pk}/atgarder/import/{record.pk}/ta-bort/"
    assert client.post(url).status_code == 403
    assert Measure.objects.count() == 2


def test_a_refused_file_leaves_no_import_record(empty_plan, editor):
    give_sectors(empty_plan)
    bad = HEADER + "Cykelpool;Resor;Okänd förvaltning;2025;5;150000;10000;12;;;beteende\n"
    with pytest.raises(SourceError):
        import_measures(empty_plan, bad.encode(), "fel.csv", user=editor)
    assert not MeasureImport.objects.exists() and not Measure.objects.exists()
