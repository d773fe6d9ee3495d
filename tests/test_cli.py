import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from klimatkontrakt import cli
from klimatkontrakt.contracts.models import Commitment, ContractVersion
from klimatkontrakt.organisations.models import Municipality

ROOT = Path(__file__).resolve().parents[1]


def test_serve_maps_host_and_port():
    assert cli._serve_args(["--host", "0.0.0.0", "--port", "9000"]) == ["runserver", "0.0.0.0:9000"]
    assert cli._serve_args([]) == ["runserver", "127.0.0.1:8000"]
    assert cli._serve_args(["--host=::1", "--noreload"]) == [
        "runserver",
        "[::1]:8000",
        "--noreload",
    ]


def test_console_command_migrates_and_loads_the_demo(tmp_path):
    env = {
        "KLIMATKONTRAKT_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),
    }

    def run(*a: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "klimatkontrakt", *a],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    r = run("migrate", "--no-input")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "klimatkontrakt.sqlite3").exists()
    r = run("import-municipalities", "/nonexistent.xls")
    assert r.returncode != 0 and "nonexistent" in r.stderr
    r = run("demo")
    assert r.returncode == 0, r.stderr
    assert "Demo loaded." in r.stdout


@pytest.mark.django_db
def test_demo_is_idempotent_and_ready_to_browse(client):
    call_command("demo")
    counts = (
        Municipality.objects.count(),
        ContractVersion.objects.count(),
        Commitment.objects.count(),
    )
    call_command("demo")
    assert (
        Municipality.objects.count(),
        ContractVersion.objects.count(),
        Commitment.objects.count(),
    ) == counts
    assert counts[0] == 290
    years = list(
        ContractVersion.objects.filter(contract__municipality__code="1780").values_list(
            "year", flat=True
        )
    )
    assert years == [2023, 2024]
    page = client.get("/kommun/1780/")
    assert "/kommun/1780/kontrakt/jamfor/?fran=2023&amp;till=2024" in page.content.decode()
    diff = client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024")
    assert diff.status_code == 200
    d = diff.context["diff"]
    assert d.added and d.removed and d.changed and d.carried_over
    text = client.get("/kommun/1780/kontrakt/2024/").content.decode()
    assert "fossil" in text.lower() and "110 MSEK" in text


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "KLIMATKONTRAKT_ENV": "production",
        "KLIMATKONTRAKT_SECRET_KEY": secrets.token_urlsafe(50),
        "KLIMATKONTRAKT_ALLOWED_HOSTS": "klimat.karlstad.example",
        "KLIMATKONTRAKT_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),
    }
    r = subprocess.run(
        [sys.executable, "-m", "klimatkontrakt", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        "KLIMATKONTRAKT_ENV": "production",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),
    }
    r = subprocess.run(
        [sys.executable, "-m", "klimatkontrakt", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode != 0 and "KLIMATKONTRAKT_SECRET_KEY" in r.stderr
