"""`klimatkontrakt import-grants`, `fetch-grants` and `portfolio`."""

import json

import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.funding.models import Grant
from tests.funding.grant_files import swecris, swecris_row
from tests.gdp_server import fake_gdp


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "swecris.csv"
    good.write_bytes(
        swecris(
            swecris_row(
                "2023-1_Vinnova", "212000-1850", "Karlstads kommun", "Vinnova", "100.0", "2023.0"
            ),
            swecris_row(
                "2023-1_Vinnova", "212000-1850", "Karlstads kommun", "Vinnova", "50.0", "2024.0"
            ),
        )
    )
    bad = tmp_path / "bad.csv"
    bad.write_bytes(swecris(swecris_row("2023-2_Vinnova", "1", "X", "Vinnova", "1.0", "2023.0")))
    return good, bad


def test_import_then_portfolio_json(files, karlstad, group_organisation_factory):
    group_organisation_factory(
        municipality=karlstad,
        name="Karlstads kommun",
        org_number="212000-1850",
        kind="municipality",
    )
    good, bad = files
    assert "2 grants new" in _run("import_grants", str(good), "--source", "swecris")
    assert "already imported" in _run("import_grants", str(good), "--source", "swecris")
    with pytest.raises(CommandError, match="bad.csv"):
        _run("import_grants", str(bad), "--source", "swecris")
    assert Grant.objects.count() == 2
    out = json.loads(_run("portfolio", "--municipality", "1780", "--format", "json"))
    assert out["total_sek"] == 150.0 and out["by_funder"] == {"Vinnova": 150.0}
    assert out["by_year"] == {"2023": 100.0, "2024": 50.0}
    assert out["grants"] == 2 and out["unmatched"] == 0
    karlstad.in_climate_contract = True
    karlstad.save()
    (city,) = json.loads(_run("portfolio", "--all", "--format", "json"))
    assert city["municipality"] == "1780" and city["total_sek"] == 150.0


def test_import_for_one_city(files, karlstad):
    good, _bad = files
    out = _run("import_grants", str(good), "--source", "swecris", "--municipality", "1780")
    assert "0 rows of other cities" in out
    assert Grant.objects.filter(municipality=karlstad, match="name").count() == 2
    with pytest.raises(CommandError, match="9999"):
        _run("import_grants", str(good), "--municipality", "9999")


def test_fetch_grants_from_the_api(db, settings, tmp_path, karlstad):
    with fake_gdp() as server:
        server.pages = ["finansieradeaktiviteter_0.json", "finansieradeaktiviteter_1.json"]
        settings.FUNDING_GDP_URLS = {"Vinnova": server.base_url}
        settings.FUNDING_GDP_CACHE_DIR = tmp_path
        assert "4 grants new" in _run("fetch_grants", "--funder", "vinnova")
        assert "unchanged" in _run("fetch_grants", "--funder", "Vinnova")
        with pytest.raises(CommandError, match="Formas"):
            _run("fetch_grants", "--funder", "Formas")
    settings.FUNDING_GDP_CACHE_DIR = tmp_path / "empty"
    with pytest.raises(CommandError, match="når inte servern"):
        _run("fetch_grants", "--funder", "Vinnova")
    assert Grant.objects.count() == 4


def test_a_saved_api_answer_is_imported_as_a_file(tmp_path, karlstad):
    from tests.gdp_server import FIXTURES

    path = tmp_path / "vinnova.json"
    path.write_bytes((FIXTURES / "finansieradeaktiviteter_0.json").read_bytes())
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="vinnova.json"):
        call_command("import_grants", str(path), "--source", "gdp", stdout=StringIO(), stderr=err)
    assert "rad 1, kolumn finansiarNamn: finansiären saknas" in err.getvalue()
    assert not Grant.objects.exists()
    assert "3 grants new" in _run(
        "import_grants", str(path), "--source", "gdp", "--funder", "Vinnova"
    )
    assert set(Grant.objects.values_list("funder_name", flat=True)) == {"Vinnova"}
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(CommandError, match="broken.json"):
        _run("import_grants", str(broken), "--source", "gdp", "--funder", "Vinnova")
