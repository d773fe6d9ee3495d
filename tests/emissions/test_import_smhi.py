"""Importing SMHI releases: all or nothing, idempotent, releases side by side."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.emissions import demo, selectors, services
from klimatkontrakt.emissions.models import EmissionValue, Release
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.errors import SourceError


def _small_report(path: Path, release: str, value: float = 100.0, bad: object = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Koldioxid (CO2)"
    ws.append(["Rapportnamn:", f"Länsrapport, {release}"])
    ws.append(["Emissioner av Koldioxid (CO2)"])
    ws.append(["Enhet: ton/år"])
    ws.append([])
    ws.append([None, None, None, None, 2021, 2022])
    ws.append(["Huvudsektor", "Undersektor", "Län", "Kommun", "CO2", "CO2"])
    ws.append(["Alla", "Alla", "Värmlands län", "Karlstad", value, value])
    ws.append(["Alla", "Alla", "Värmlands län", "Hammarö", 5.0, 5.0 if bad is None else bad])
    wb.save(path)
    return path


def test_real_report_is_stored_per_area_sector_and_year(co2_release):
    release = co2_release
    assert (release.gas, release.unit, release.release_date) == ("CO2", "t", date(2024, 4, 18))
    assert release.is_current
    assert release.years[0] == 1990 and release.years[-1] == 2022
    assert EmissionValue.objects.filter(release=release).count() == 312 * 62 * 12
    karlstad = Municipality.objects.get(code="1780")
    history = selectors.sector_history(release, karlstad)
    assert len(history.sectors) == 9
    assert "Egen uppvärmning av bostäder och lokaler" in history.sectors
    # Values are SMHI's doubles as published: the sector rows add up to the total row.
    assert history.values.sum(axis=0) == pytest.approx(history.total, rel=1e-9)
    # The sum checks found SMHI's own discrepancies and kept them on the release.
    assert len(release.discrepancies) == 2188
    assert {d["check"] for d in release.discrepancies} == {"subsectors->sector", "counties->nation"}


def test_same_file_twice_counts_once(co2_release, co2_file):
    again = services.import_report(co2_file)
    assert not again.created and again.release == co2_release
    assert Release.objects.count() == 1
    assert EmissionValue.objects.count() == 312 * 62 * 12


def test_other_file_with_same_release_date_is_refused(municipalities, tmp_path):
    services.import_report(_small_report(tmp_path / "a.xlsx", "2025-03-31"))
    with pytest.raises(services.ReleaseConflict, match="already imported from another file"):
        services.import_report(_small_report(tmp_path / "b.xlsx", "2025-03-31", value=101))
    assert Release.objects.count() == 1
    assert EmissionValue.objects.count() == 4


def test_malformed_file_changes_nothing(municipalities, tmp_path):
    with pytest.raises(SourceError) as err:
        services.import_report(_small_report(tmp_path / "bad.xlsx", "2025-03-31", bad="x"))
    assert str(err.value).startswith("bad.xlsx, rad 8, kolumn F:")
    assert Release.objects.count() == 0 and EmissionValue.objects.count() == 0


def test_unknown_municipality_is_refused(municipalities, tmp_path):
    assert Municipality.objects.filter(name="Hammarö").update(name="Hammarö-X") == 1
    with pytest.raises(SourceError, match="rad 8, kolumn D: 'Hammarö' finns inte i SCB:s kodlista"):
        services.import_report(_small_report(tmp_path / "a.xlsx", "2025-03-31"))
    assert Release.objects.count() == 0


def test_no_municipalities_loaded_is_a_clear_error(db, tmp_path):
    with pytest.raises(SourceError, match="load the SCB code list first"):
        services.import_report(_small_report(tmp_path / "a.xlsx", "2025-03-31"))


def test_releases_are_kept_side_by_side_newest_is_current(municipalities, tmp_path):
    old = services.import_report(_small_report(tmp_path / "a.xlsx", "2024-04-18")).release
    new = services.import_report(_small_report(tmp_path / "b.xlsx", "2025-03-31", 90)).release
    older = services.import_report(_small_report(tmp_path / "c.xlsx", "2023-01-01", 80)).release
    current = {r.pk for r in Release.objects.filter(is_current=True)}
    assert current == {new.pk}
    assert selectors.current_release("CO2") == new
    assert Release.objects.count() == 3
    services.delete_release(new)
    assert selectors.current_release("CO2") == old
    assert older.pk in set(Release.objects.values_list("pk", flat=True))


def test_demo_subset_is_replaced_by_smhi_full_file(demo_emissions, co2_file):
    assert {r.release.gas for r in demo_emissions} == {"CO2", "GGT"}
    assert Release.objects.get(gas="CO2").file_name.startswith("demo-")
    full = services.import_report(co2_file).release
    assert Release.objects.filter(gas="CO2").get() == full
    again = demo.load_demo_emissions()  # the CO2 demo is skipped, GGT already there
    assert [(r.release.gas, r.created) for r in again] == [("GGT", False)]
    assert Release.objects.filter(gas="CO2").get() == full


def test_demo_is_idempotent(demo_emissions):
    count = EmissionValue.objects.count()
    again = demo.load_demo_emissions()
    assert [r.created for r in again] == [False, False]
    assert EmissionValue.objects.count() == count


def test_import_smhi_command(municipalities, co2_file, tmp_path):
    out = io.StringIO()
    call_command("import_smhi", str(co2_file), stdout=out)
    assert "Imported CO2 release 2024-04-18: 232128 values" in out.getvalue()
    assert "2188 totals differ" in out.getvalue()
    out = io.StringIO()
    call_command("import_smhi", str(co2_file), stdout=out)
    assert "Already imported" in out.getvalue()
    with pytest.raises(CommandError, match="rad 8, kolumn F"):
        call_command("import_smhi", str(_small_report(tmp_path / "x.xlsx", "2025-01-01", bad="?")))
