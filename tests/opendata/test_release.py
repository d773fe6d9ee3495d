"""Building a release of the open files, as the nightly task, the page and the command do:
whole or not at all, the data package describes what was written, the files are served with
their tags, nothing outside the release's folder is reachable. Two small datasets stand in for
the registry here (tests/opendata/test_open_files.py builds the real ones)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from klimatkontrakt.opendata import selectors, services
from klimatkontrakt.opendata.datasets.base import CC0, MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.opendata.models import Release

ROWS = [
    {"municipality_code": "0180", "municipality_name": "Stockholm", "year": 2021, "tonnes": 1.5},
    {"municipality_code": "1780", "municipality_name": "Karlstad", "year": 2020, "tonnes": None},
    {"municipality_code": "1780", "municipality_name": "Karlstad", "year": 2022,
     "tonnes": Decimal("2.25")},
]  # fmt: skip


def _rows(municipality):  # type: ignore[no-untyped-def]
    return [r for r in ROWS if municipality is None or r["municipality_code"] == municipality.code]


FIGURES = Dataset(
    key="figures",
    title_sv="Siffror",
    title_en="Figures",
    description_sv="En rad per kommun och år.",
    description_en="One row per municipality and year.",
    fields=(
        *MUNICIPALITY_FIELDS,
        Field("year", "year", "År.", "Year.", required=True),
        Field("tonnes", "number", "Utsläpp.", "Emissions.", unit="t CO2e"),
    ),
    rows=_rows,
    primary_key=("municipality_code", "year"),
)
DATES = Dataset(
    key="dates",
    title_sv="Datum",
    title_en="Dates",
    description_sv="Ett datum per kommun.",
    description_en="One date per municipality.",
    fields=(
        *MUNICIPALITY_FIELDS,
        Field("day", "date", "Dag.", "Day."),
        Field("state", "string", "Läge.", "State.", enum=("open", "closed")),
    ),
    rows=lambda m: [
        {"municipality_code": "1780", "municipality_name": "Karlstad",
         "day": datetime.date(2024, 5, 1), "state": "open"}
    ] if m is None or m.code == "1780" else [],
    licence=CC0,
    year_field="",
    defines_publisher=False,
)  # fmt: skip


@pytest.fixture
def registry(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(services, "all_datasets", lambda: [FIGURES, DATES])
    from klimatkontrakt.opendata import views

    monkeypatch.setattr(views, "all_datasets", lambda: [FIGURES, DATES])


@pytest.fixture
def places(karlstad, other_municipality):  # type: ignore[no-untyped-def]
    return karlstad, other_municipality


def test_a_release_writes_both_formats_and_the_packages(db, registry, places, settings):
    release = services.build_release()
    assert release.status == Release.Status.DONE
    folder = settings.OPENDATA_DIR / str(release.pk)
    csv_text = (folder / "figures.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines() == [
        "municipality_code,municipality_name,year,tonnes",
        "0180,Stockholm,2021,1.5",
        "1780,Karlstad,2020,",
        "1780,Karlstad,2022,2.25",
    ]
    assert not csv_text.startswith("\ufeff")
    data = json.loads((folder / "dates.json").read_text(encoding="utf-8"))
    assert data == [
        {"municipality_code": "1780", "municipality_name": "Karlstad", "day": "2024-05-01",
         "state": "open"}
    ]  # fmt: skip
    # Both municipalities have rows of a dataset that makes a publisher (figures): one package each.
    assert release.manifest["municipalities"] == ["0180", "1780"]
    package = json.loads((folder / "1780" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [
        "figures.csv", "figures.json", "dates.csv", "dates.json"
    ]  # fmt: skip
    assert (folder / "1780" / "figures.csv").read_text().count("\n") == 3  # header + 2 rows
    # Stockholm has no dates: no files of them, and its package leaves them out.
    assert not (folder / "0180" / "dates.csv").exists()
    assert not (folder / "0180" / "dates.json").exists()
    stockholm = json.loads((folder / "0180" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in stockholm["resources"]] == ["figures-csv", "figures-json"]
    whole = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(r for r in whole["resources"] if r["name"] == "figures-csv")
    assert figures["licenses"][0]["name"] == "CC-BY-4.0"
    assert figures["schema"]["primaryKey"] == ["municipality_code", "year"]
    tonnes = next(f for f in figures["schema"]["fields"] if f["name"] == "tonnes")
    assert (tonnes["type"], tonnes["unit"]) == ("number", "t CO2e")
    dates = next(r for r in whole["resources"] if r["name"] == "dates-json")
    assert dates["licenses"][0]["name"] == "CC0-1.0"
    assert {lic["name"] for lic in whole["licenses"]} == {"CC-BY-4.0", "CC0-1.0"}
    assert selectors.temporal_coverage("figures") == (2020, 2022)
    assert selectors.temporal_coverage("figures", "0180") == (2021, 2021)
    assert selectors.temporal_coverage("dates") is None


def test_the_data_packages_pass_frictionless_validation(db, registry, places, settings):
    import frictionless

    release = services.build_release()
    folder = settings.OPENDATA_DIR / str(release.pk)
    for descriptor in (
        folder / "datapackage.json",
        folder / "1780" / "datapackage.json",
        folder / "0180" / "datapackage.json",
    ):
        report = frictionless.validate(str(descriptor))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_file_that_breaks_its_schema(db, registry, places, settings):
    """The validation above can fail: a duplicate primary key is reported."""
    import frictionless

    ROWS.append(dict(ROWS[0]))
    try:
        release = services.build_release()
    finally:
        ROWS.pop()
    report = frictionless.validate(
        str(settings.OPENDATA_DIR / str(release.pk) / "datapackage.json")
    )
    assert not report.valid
    assert "primary-key" in {e[0] for e in report.flatten(["type"])}


def test_a_failing_dataset_leaves_no_files_and_the_last_release_current(
    db, registry, places, settings, monkeypatch
):
    first = services.build_release()

    def broken(municipality):  # type: ignore[no-untyped-def]
        yield ROWS[0]
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "all_datasets", lambda: [FIGURES, DATES, _with(broken)])
    with pytest.raises(RuntimeError):
        services.build_release()
    failed = Release.objects.order_by("-created").first()
    assert failed.status == Release.Status.FAILED and "database went away" in failed.error
    assert selectors.current_release() == first
    assert sorted(p.name for p in settings.OPENDATA_DIR.iterdir()) == [str(first.pk)]
    assert selectors.last_failure() == failed


def _with(rows):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(FIGURES, key="broken", rows=rows)


def test_a_row_with_other_keys_than_the_fields_is_refused(db, registry, places, monkeypatch):
    shifted = _with(lambda m: [{**ROWS[0], "extra": 1}])
    monkeypatch.setattr(services, "all_datasets", lambda: [shifted])
    with pytest.raises(ValueError, match="extra"):
        services.build_release()
    assert selectors.current_release() is None


def test_old_releases_are_pruned_to_the_two_newest(db, registry, places, settings):
    builds = [services.build_release() for _ in range(3)]
    kept = sorted(int(p.name) for p in settings.OPENDATA_DIR.iterdir())
    assert kept == [builds[1].pk, builds[2].pk]
    assert selectors.current_release() == builds[2]


def test_files_are_served_with_tags_and_nothing_outside_the_release(db, registry, places, client):
    services.build_release()
    answer = client.get("/data/figures.csv")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(answer.streaming_content).startswith(b"municipality_code,")
    tag = answer["ETag"]
    assert client.get("/data/figures.csv", HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert _json(client.get("/data/datapackage.json"))["name"] == "klimatkontrakt"
    assert _json(client.get("/data/1780/datapackage.json"))["name"] == "klimatkontrakt-1780"
    assert client.get("/data/1780/figures.json").status_code == 200
    for bad in ("../klimatkontrakt.sqlite3", "1780/../../x", ".1.tmp/figures.csv", "nope.csv",
                "9999/datapackage.json", "%2e%2e/secret"):  # fmt: skip
        assert client.get(f"/data/{bad}").status_code == 404, bad
    assert client.post("/data/figures.csv").status_code == 405


def _json(answer):  # type: ignore[no-untyped-def]
    return json.loads(b"".join(answer.streaming_content))


def test_no_release_yet_gives_404_and_the_page_says_so(db, registry, client):
    assert client.get("/data/datapackage.json").status_code == 404
    page = client.get("/oppna-data/")
    assert page.status_code == 200
    assert "Inga öppna data har byggts ännu" in page.content.decode()


def test_the_page_lists_each_dataset_with_files_sizes_licence_and_years(
    db, registry, places, client
):
    services.build_release()
    text = client.get("/oppna-data/").content.decode()
    assert "Siffror" in text and "/data/figures.csv" in text and "/data/figures.json" in text
    assert "CC BY 4.0" in text and "CC0 1.0" in text
    assert "2020–2022" in text
    assert "/data/datapackage.json" in text
    one = client.get("/oppna-data/?kommun=0180").content.decode()
    assert "/data/0180/figures.csv" in one and "2021" in one
    assert "/data/0180/dates.csv" not in one and "inget publicerat ännu" in one
    assert "/data/0180/datapackage.json" in one
    english = client.get("/oppna-data/", HTTP_ACCEPT_LANGUAGE="en", headers={"Cookie": ""})
    assert english.status_code == 200


def test_an_editor_rebuilds_on_demand_and_the_public_cannot(db, registry, places, client, editor):
    assert client.post("/oppna-data/bygg/").status_code == 302  # to the login page
    assert Release.objects.count() == 0
    client.force_login(editor)
    answer = client.post("/oppna-data/bygg/", follow=True)
    assert answer.status_code == 200
    # The task ran at once here (tests' immediate backend): the release is current.
    release = selectors.current_release()
    assert release is not None and release.trigger == Release.Trigger.ON_DEMAND


def test_someone_without_an_editor_role_cannot_rebuild(db, registry, client, viewer):
    client.force_login(viewer)
    assert client.post("/oppna-data/bygg/").status_code == 403
    assert Release.objects.count() == 0


def test_the_command_builds_and_reports(db, registry, places, capsys):
    call_command("opendata", "build")
    out = json.loads(capsys.readouterr().out)
    assert out["datasets"] == {"figures": 3, "dates": 1}
    assert out["municipalities"] == ["0180", "1780"]
    call_command("opendata", "status")
    assert json.loads(capsys.readouterr().out)["release"] == out["release"]


def test_the_worker_builds_a_release_every_night_from_three(db, registry, places):
    """The worker's schedule (jobs/schedule.py) enqueues the nightly build once a night; the
    task ran at once here (the tests' immediate backend)."""
    from datetime import datetime

    from django.utils import timezone

    from klimatkontrakt.jobs import schedule

    def nightly(*moment):  # type: ignore[no-untyped-def]
        when = timezone.make_aware(datetime(*moment))
        return [n for n in schedule.run_due(when) if n == "open-data"]

    assert nightly(2026, 12, 5, 12, 0) == []  # the first start only counts from now
    assert nightly(2026, 12, 6, 2, 59) == []
    assert selectors.current_release() is None
    assert nightly(2026, 12, 6, 3, 1) == ["open-data"]
    assert nightly(2026, 12, 6, 9, 0) == []
    release = selectors.current_release()
    assert release is not None and release.trigger == Release.Trigger.SCHEDULED
    assert nightly(2026, 12, 7, 3, 0) == ["open-data"]
