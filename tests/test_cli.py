import secrets
import subprocess
import sys
from pathlib import Path

from klimatkontrakt import cli

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
    # The README's promise: `make run` gives a demo editor to log in with.
    assert "Demo user karlstad-redaktor (admin in Karlstad)" in r.stdout


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
