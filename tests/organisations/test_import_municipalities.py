import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.organisations.models import County, Municipality
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.scb import read_code_list


def test_reads_scbs_real_code_list(shared_data):
    codes = read_code_list(shared_data / "kommunlankod_2023.xls")
    assert len(codes.counties) == 21
    assert len(codes.municipalities) == 290
    assert codes.municipalities["1780"] == ("Karlstad", "17")
    assert codes.municipalities["0114"] == ("Upplands Väsby", "01")
    assert codes.counties["17"] == "Värmlands län"


@pytest.mark.django_db
def test_cli_imports_all_municipalities_once(shared_data, capsys):
    call_command("import_municipalities", str(shared_data / "kommunlankod_2023.xls"))
    assert Municipality.objects.count() == 290
    assert County.objects.count() == 21
    assert Municipality.objects.get(code="1780").county.code == "17"
    call_command("import_municipalities", str(shared_data / "kommunlankod_2023.xls"))
    assert Municipality.objects.count() == 290
    assert "0 created, 0 updated" in capsys.readouterr().out.splitlines()[-1]


@pytest.mark.django_db
def test_bundled_list_matches_scbs_file(shared_data):
    bundled = read_code_list(BUNDLED_CODE_LIST)
    real = read_code_list(shared_data / "kommunlankod_2023.xls")
    assert bundled == real


@pytest.mark.django_db
def test_renamed_municipality_is_updated_not_duplicated(tmp_path):
    f = tmp_path / "codes.csv"
    f.write_text("Kod;Namn\n17;Värmlands län\n1780;Karlstad\n", encoding="utf-8")
    import_municipalities(f)
    f.write_text("Kod;Namn\n17;Värmlands län\n1780;Karlstads stad\n", encoding="cp1252")
    summary = import_municipalities(f)
    assert summary.municipalities_updated == 1
    assert Municipality.objects.get(code="1780").name == "Karlstads stad"


@pytest.mark.django_db
def test_bad_rows_are_named_and_nothing_is_imported(tmp_path):
    f = tmp_path / "trasig.csv"
    f.write_text("Kod;Namn\n17;Värmlands län\n1780;Karlstad\n17x1;Fel\n1881;\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        import_municipalities(f)
    message = str(err.value)
    assert "trasig.csv, rad 4, kolumn A" in message
    assert "trasig.csv, rad 5, kolumn B: namnet är tomt" in message
    assert Municipality.objects.count() == 0
    with pytest.raises(CommandError, match="rad 4"):
        call_command("import_municipalities", str(f))


@pytest.mark.django_db
def test_missing_county_is_refused(tmp_path):
    f = tmp_path / "codes.csv"
    f.write_text("Kod,Namn\n1780,Karlstad\n", encoding="utf-8-sig")
    with pytest.raises(SourceError, match="länet 17 saknas"):
        import_municipalities(f)
