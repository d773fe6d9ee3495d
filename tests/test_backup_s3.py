"""`klimatkontrakt backup` and `restore` with the ledgers in an S3-compatible bucket (a local moto
server): the backup reads the Parquet files through the ledger storage, the restore writes them
into the new installation's bucket, and the footprint answers are the same afterwards."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.live_install import Installation, Server
from tests.s3 import s3_server

pytestmark = pytest.mark.slow

KARLSTAD = "1780"
EDITOR, PASSWORD = "karlstad-redaktor", "klimat-2030-demo"
URLS = (
    f"/api/footprint/{KARLSTAD}/",
    f"/api/footprint/{KARLSTAD}/breakdown/",
    f"/api/footprint/{KARLSTAD}/lines/?limit=200",
    f"/kommun/{KARLSTAD}/inkop/",
)


@dataclass
class BucketInstallation(Installation):
    """An installation whose ledger storage is a bucket (the documented environment)."""

    storage_env: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return {**super().env(), **self.storage_env}


def _answers(srv: Server) -> dict[str, bytes]:
    srv.login(EDITOR, PASSWORD)
    out = {}
    for url in URLS:
        r = srv.get(url)
        assert r.status == 200, (url, r.body[:300])
        out[url] = re.sub(
            rb"(X-CSRFToken\": \"|csrfmiddlewaretoken\" value=\")[^\"]+", rb"\1", r.body
        )
    return out


def test_backup_and_restore_carry_the_ledgers_held_in_a_bucket(tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    with s3_server() as s3:
        source_bucket, target_bucket = s3.new_bucket(), s3.new_bucket()
        with Installation.create(tmp_path / "source") as base:
            source = BucketInstallation(
                base.var_dir, base.database_url, s3.environment(source_bucket, "klimatkontrakt")
            )
            source.run("migrate", "--no-input")
            source.run("demo")
            keys = s3.keys(source_bucket)
            assert len(keys) == 3 and all(k.startswith("klimatkontrakt/") for k in keys)
            assert not list((tmp_path / "source").rglob("*.parquet"))  # none kept locally
            with source.serve() as srv:
                before = _answers(srv)
            out = source.run("backup", "--out", str(archive))
            assert "3 ledger files" in out.stdout
        with zipfile.ZipFile(archive) as zf:
            stored = sorted(n for n in zf.namelist() if n.startswith("ledgers/"))
            held = {
                k: s3.client().get_object(Bucket=source_bucket, Key=k)["Body"].read() for k in keys
            }
            assert stored == [k.replace("klimatkontrakt/", "ledgers/", 1) for k in keys]
            assert [zf.read(n) for n in stored] == [held[k] for k in keys]

        with Installation.create(tmp_path / "target") as base:
            target = BucketInstallation(
                base.var_dir, base.database_url, s3.environment(target_bucket)
            )
            s3.client().put_object(Bucket=target_bucket, Key="1780/other.parquet", Body=b"x")
            refused = target.run("restore", str(archive), check=False)
            assert refused.returncode != 0 and "ledger storage holds files" in refused.stderr
            s3.client().delete_object(Bucket=target_bucket, Key="1780/other.parquet")

            out = target.run("restore", str(archive))
            assert "3 ledger files" in out.stdout
            assert s3.keys(target_bucket) == [k.removeprefix("klimatkontrakt/") for k in keys]
            assert not list((tmp_path / "target").rglob("*.parquet"))
            with target.serve() as srv:
                after = _answers(srv)
    assert after == before
