"""Ledger storage through Django's storage API: the local folder (default) and an S3-compatible
bucket (a local moto server) give the same figures on the page and in the API; imports, undo and
the health check write and delete through the storage."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import reverse

from klimatkontrakt.footprint import selectors, services
from tests.s3 import S3Server, s3_server
from tests.sources.ledger_files import ROWS, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with s3_server() as server:
        yield server


def _use_bucket(settings, s3: S3Server, prefix: str = "") -> str:  # type: ignore[no-untyped-def]
    bucket = s3.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "ledgers": s3.storage_setting(bucket, prefix)}
    return bucket


def _answers(client, code: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The footprint page and the API's figures, with the ledger's and files' ids taken out."""
    selectors._CACHE.clear()
    urls = [
        reverse("footprint:overview", args=[code]),
        f"/api/footprint/{code}/",
        f"/api/footprint/{code}/breakdown/",
        f"/api/footprint/{code}/lines/?limit=500",
    ]
    out = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        text = re.sub(
            r"(reskontra=|ledger=|/inkop/|/synlighet/ledger/|\"id\": ?|\"ledger\": ?)\d+",
            r"\1N",
            text,
        )
        text = re.sub(r"(csrfmiddlewaretoken\" value=\"|X-CSRFToken\": \")[^\"]+", r"\1", text)
        out[url] = text
    return out


def _import(editor, karlstad, tmp_path):  # type: ignore[no-untyped-def]
    rows = [*ROWS * 30]
    path = write_csv(tmp_path / "leverantorsreskontra.csv", rows=rows)
    result = services.import_ledger(editor, karlstad, [("leverantorsreskontra.csv", path)])
    services.set_published(editor, result.ledger, True)
    return result


def test_the_figures_are_the_same_from_the_folder_and_from_a_bucket(
    client, editor, karlstad, tmp_path, ledger_dir, settings, s3
):
    client.force_login(editor)
    local = _import(editor, karlstad, tmp_path)
    from_folder = _answers(client, karlstad.code)
    assert len(list(ledger_dir.rglob("*.parquet"))) == 1
    services.delete_import(editor, local.imported[0])
    assert not list(ledger_dir.rglob("*.parquet"))

    bucket = _use_bucket(settings, s3, prefix="klimatkontrakt")
    result = _import(editor, karlstad, tmp_path)
    item = result.imported[0]
    assert s3.keys(bucket) == [f"klimatkontrakt/{item.parquet}"]
    assert item.parquet == f"{karlstad.code}/{item.sha256}.parquet"
    assert not list(ledger_dir.rglob("*.parquet"))  # nothing stored locally, only staged
    from_bucket = _answers(client, karlstad.code)
    assert from_bucket == from_folder
    assert "120" in from_bucket[f"/api/footprint/{karlstad.code}/"]  # 4 rows x 30, read

    services.delete_import(editor, item)
    assert s3.keys(bucket) == []


def test_the_same_file_in_two_ledgers_keeps_two_objects(editor, karlstad, tmp_path, settings, s3):
    """Deleting one ledger's file must not remove the other's (same content, same name)."""
    bucket = _use_bucket(settings, s3)
    path = write_csv(tmp_path / "l.csv")
    first = services.import_ledger(editor, karlstad, [("l.csv", path)], ledger_name="A")
    second = services.import_ledger(editor, karlstad, [("l.csv", path)], ledger_name="B")
    assert len(s3.keys(bucket)) == 2
    services.delete_import(editor, first.imported[0])
    assert s3.keys(bucket) == [second.imported[0].parquet]
    assert selectors.footprint(second.ledger)["lines"] == 4


def test_a_refused_import_leaves_no_object(editor, karlstad, tmp_path, settings, s3):
    bucket = _use_bucket(settings, s3)
    bad = write_csv(tmp_path / "d.csv", rows=[*ROWS, ("1", "X", "1", "T", "4010", "t", "x", "")])
    with pytest.raises(services.ImportRefused):
        services.import_ledger(editor, karlstad, [("d.csv", bad)])
    assert s3.keys(bucket) == []


def test_health_writes_and_deletes_a_probe_in_the_bucket(client, settings, s3):
    bucket = _use_bucket(settings, s3)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["ledger_storage"] == "ok"
    assert s3.keys(bucket) == []
    settings.STORAGES = {
        **settings.STORAGES,
        "ledgers": s3.storage_setting("no-such-bucket-here"),
    }
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["ledger_storage"] == "failed"


def test_undoing_one_ledgers_file_keeps_another_ledgers_copy_in_the_folder(
    editor, karlstad, tmp_path, ledger_dir
):
    """Two ledgers of one municipality importing the same file: both were stored as
    <code>/<hash>.parquet, so undoing one import removed the other ledger's lines."""
    path = write_csv(tmp_path / "l.csv")
    first = services.import_ledger(editor, karlstad, [("l.csv", path)], ledger_name="A")
    second = services.import_ledger(editor, karlstad, [("l.csv", path)], ledger_name="B")
    assert first.imported[0].parquet != second.imported[0].parquet
    services.delete_import(editor, first.imported[0])
    assert [p.relative_to(ledger_dir).as_posix() for p in ledger_dir.rglob("*.parquet")] == [
        second.imported[0].parquet
    ]
    assert selectors.footprint(second.ledger)["lines"] == 4
