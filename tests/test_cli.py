import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from klimatkontrakt import cli

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def test_serve_maps_host_and_port():
    assert cli._serve_args(["--host", "0.0.0.0", "--port", "9000"]) == ["runserver", "0.0.0.0:9000"]
    assert cli._serve_args([]) == ["runserver", "127.0.0.1:8000"]
    assert cli._serve_args(["--host=::1", "--noreload"]) == [
        "runserver",
        "[::1]:8000",
        "--noreload",
    ]


def _runner(var_dir: Path):  # type: ignore[no-untyped-def]
    env = {
        "KLIMATKONTRAKT_VAR_DIR": str(var_dir),
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

    return run


@pytest.fixture(scope="module")
def demo_install(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A fresh install through the console command: migrated, then the demo loaded."""
    var_dir = tmp_path_factory.mktemp("var")
    run = _runner(var_dir)
    migrated = run("migrate", "--no-input")
    return var_dir, run, migrated, run("demo")


def test_console_command_migrates_and_loads_the_demo(demo_install):
    tmp_path, run, migrated, r = demo_install
    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "klimatkontrakt.sqlite3").exists()
    assert r.returncode == 0, r.stderr
    assert "Demo loaded." in r.stdout
    # The README's promise: `make run` gives a demo editor to log in with.
    assert "Demo user karlstad-redaktor (admin in Karlstad)" in r.stdout
    r = run("import-municipalities", "/nonexistent.xls")
    assert r.returncode != 0 and "nonexistent" in r.stderr


def test_measure_import_into_a_new_plan_creates_it_territorial(demo_install, tmp_path):
    _, run, _, demo = demo_install
    assert demo.returncode == 0, demo.stderr
    plan = "Klimatinvesteringsplan Karlstad (geografisk)"
    refused = tmp_path / "fel.csv"
    refused.write_text(
        "name;sector;department;start_year;lifetime_years;capex_sek;opex_change_sek_per_year;"
        "reduction_t_per_year\nElbussar;Bussar;TFF;2026;12;50000000;-1000000;5000\n",
        encoding="utf-8",
    )
    r = run("investments", "import", str(refused), "--municipality", "1780", "--plan", plan)
    assert r.returncode != 0 and "the plan was not created" in r.stderr
    r = run("investments", "show", "--municipality", "1780", "--plan", plan)
    assert r.returncode != 0 and "no investment plan named" in r.stderr
    good = tmp_path / "atgarder.csv"
    good.write_text(refused.read_text(encoding="utf-8").replace("Bussar", "Transporter"))
    r = run("investments", "import", str(good), "--municipality", "1780", "--plan", plan)
    assert r.returncode == 0, r.stderr
    assert (
        f"Created the investment plan '{plan}' for Karlstad: territorial, BAU per SMHI sector "
        "(CO2), 2022–2030, budget path cemus-2023; unpublished."
    ) in r.stdout
    assert f"atgarder.csv: 1 measures added, 0 updated in {plan}." in r.stdout
    shown = run("investments", "show", "--municipality", "1780", "--plan", plan)
    assert shown.returncode == 0, shown.stderr
    assert "Elbussar: 5,000.0 t/yr" in shown.stdout and "Pathway: none" not in shown.stdout


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
