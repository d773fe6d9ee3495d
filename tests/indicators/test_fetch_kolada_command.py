import socket

import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.cli import main
from klimatkontrakt.indicators.models import Indicator, IndicatorValue

PAGE_1 = "/data/kpi/N07702/municipality/1780?per_page=5000"


def _serve(kolada) -> None:
    kolada.serve(PAGE_1, "data_N07702_1780_page1.json")
    kolada.serve(
        "/data/kpi/N07702/municipality/1780?page=2&per_page=2", "data_N07702_1780_page2.json"
    )


def test_fetch_kolada_for_named_kpis(kolada, karlstad, capsys):
    _serve(kolada)
    call_command("fetch_kolada", "--municipality", "1780", "--kpi", "N07702")
    out = capsys.readouterr().out
    indicator = Indicator.objects.get(municipality=karlstad, kolada_kpi="N07702")
    assert indicator.values.count() == 3
    assert "created indicator for N07702" in out
    assert "3 stored" in out


# The management runner closes database connections when it ends, so this test commits.
@pytest.mark.django_db(transaction=True)
def test_dashed_cli_name_runs_the_command(kolada, karlstad, capsys):
    _serve(kolada)
    main(["fetch-kolada", "--municipality", "1780", "--kpi", "N07702"])
    assert IndicatorValue.objects.filter(indicator__kolada_kpi="N07702").count() == 3


def test_offline_fails_clearly_and_changes_nothing(karlstad, settings, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.KOLADA_BASE_URL = f"http://127.0.0.1:{port}/v3"
    settings.KOLADA_CACHE_DIR = tmp_path
    with pytest.raises(CommandError) as caught:
        call_command("fetch_kolada", "--municipality", "1780", "--kpi", "N07702")
    message = str(caught.value)
    assert f"http://127.0.0.1:{port}/v3/data/kpi/N07702/municipality/1780" in message
    assert "offline" in message and "Nothing was changed" in message
    assert not Indicator.objects.exists()


def test_unknown_municipality(db):
    with pytest.raises(CommandError, match="No municipality with code 9999"):
        call_command("fetch_kolada", "--municipality", "9999")


def test_unknown_kpi(kolada, karlstad):
    with pytest.raises(CommandError, match="N99999"):
        call_command("fetch_kolada", "--municipality", "1780", "--kpi", "N99999")
