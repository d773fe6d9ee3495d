"""`klimatkontrakt backup` and `restore`, as an operator runs them: the demo (with its ledgers,
a contract draft edited through the API and an uploaded file) is backed up, restored into a new
database and var directory, and every GET endpoint of the OpenAPI schema answers byte for byte
as before, for a visitor and for the editor. SQLite, or PostgreSQL when the run uses it.
"""

import hashlib
import itertools
import json
import re
import urllib.parse
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.demo_snapshot import Snapshot, copy_installation
from tests.live_install import Installation, Server, postgres_url

pytestmark = pytest.mark.slow

KARLSTAD, OTHER = "1780", "0180"
EDITOR, PASSWORD = "karlstad-redaktor", "klimat-2030-demo"
MEDIA_FILE = "uploads/2024/bilaga.pdf"
EDITED = "Ändrad i utkastet ✓"
EDITED_JSON = json.dumps(EDITED).encode()[1:-1]  # as the API writes it
MAX_PATHS = 200  # per path template: bounds the crawl whatever the demo grows to
NO_SUCH_ID = 2**31 - 1

Answers = dict[str, tuple[int, str, bytes]]


@dataclass
class Source:
    inst: Installation
    archive: Path
    anonymous: Answers
    editor: Answers


def _ints(value: Any, key: str) -> Iterator[int]:
    """Every integer under `key` anywhere in a JSON document."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, int) and not isinstance(v, bool):
                yield v
            yield from _ints(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from _ints(v, key)


def crawl(srv: Server) -> Answers:
    """GET every GET operation of the OpenAPI schema. Path parameters come from what the API
    itself lists: an id parameter takes the ids found in the answers under the same path (the
    list beside it), plus one that does not exist; a year, the years seen; until nothing new."""
    schema = srv.get("/api/openapi.json").json()
    operations = [
        (path, list(ops["get"].get("parameters", [])))
        for path, ops in schema["paths"].items()
        if "get" in ops
    ]
    answers: Answers = {}
    found: dict[str, set[int]] = {}  # url -> the ids in its answer
    years: set[int] = set()
    for _round in range(4):
        before = len(answers)
        for template, params in operations:
            for url in _urls(template, params, found, sorted(years)):
                if url in answers:
                    continue
                r = srv.get(url)
                assert r.status < 500, (url, r.body[:500])
                kind = r.headers.get("content-type", "")
                answers[url] = (r.status, kind, r.body)
                if r.status == 200 and kind.startswith("application/json"):
                    doc = r.json()
                    found[url] = set(_ints(doc, "id"))
                    years.update(y for key in ("year", "version_year") for y in _ints(doc, key))
        if len(answers) == before:
            break
    return answers


def _ids_under(found: dict[str, set[int]], prefix: str) -> list[int]:
    """Ids listed by the answers under prefix, or else under its parent path."""
    for head in (prefix, prefix.rstrip("/").rsplit("/", 1)[0] + "/"):
        ids = set().union(*(v for url, v in found.items() if url.startswith(head)))
        if ids:
            return sorted(ids)
    return []


def _urls(
    template: str, params: list[dict[str, Any]], found: dict[str, set[int]], years: list[int]
) -> list[str]:
    paths = [template]
    for name in [p["name"] for p in params if p["in"] == "path"]:
        marker = "{" + name + "}"
        expanded = []
        for path in paths:
            head = path.split(marker)[0]
            if name == "code":
                values = [KARLSTAD, OTHER]
            elif name == "year":
                values = [str(y) for y in years]
            else:
                values = [str(i) for i in [*_ids_under(found, head), NO_SUCH_ID]]
            expanded += [path.replace(marker, value) for value in values]
        paths = expanded[:MAX_PATHS]
    query_names = {p["name"] for p in params if p["in"] == "query"}
    queries: list[dict[str, Any]] = [{}]
    if "municipality" in query_names:
        queries = [{"municipality": KARLSTAD}, {}]
    if "from_year" in query_names:
        queries = [{"from_year": a, "to_year": b} for a, b in itertools.pairwise(years)]
    if "contract_only" in query_names:
        queries.append({"contract_only": "true"})
    urls = []
    for path in paths:
        extra = []
        if "ledger" in query_names:
            extra = [{"ledger": i} for i in _ids_under(found, path)[:5]]
        for query in queries + extra:
            urls.append(path + (f"?{urllib.parse.urlencode(query)}" if query else ""))
    return urls


def _both_identities(srv: Server) -> tuple[Answers, Answers]:
    anonymous = crawl(srv)
    srv.login(EDITOR, PASSWORD)
    editor = crawl(srv)
    srv.cookies.clear()
    return anonymous, editor


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, demo_snapshot: Snapshot) -> Iterator[Source]:
    """The demo, a draft edited through the API, an uploaded file; its answers and its backup.
    The installation starts as a copy of one where `migrate` and `demo` ran."""
    var = tmp_path_factory.mktemp("source") / "var"
    with copy_installation(demo_snapshot, var) as inst:
        (var / "media" / MEDIA_FILE).parent.mkdir(parents=True)
        (var / "media" / MEDIA_FILE).write_bytes(b"%PDF-1.4 bilaga\n" + bytes(range(256)))
        with inst.serve() as srv:
            srv.login(EDITOR, PASSWORD)
            assert (
                srv.send_json("POST", f"/api/contracts/{KARLSTAD}/versions/2024/next", {}).status
                == 201
            )
            c = srv.get(f"/api/contracts/{KARLSTAD}/versions/2025/commitments").json()[0]
            r = srv.send_json(
                "PATCH",
                f"/api/contracts/{KARLSTAD}/commitments/{c['id']}",
                {"edit_version": c["edit_version"], "title": EDITED},
            )
            assert r.status == 200, r.body
            srv.cookies.clear()
            anonymous, editor = _both_identities(srv)
        archive = tmp_path_factory.mktemp("archive") / "klimatkontrakt-backup.zip"
        out = inst.run("backup", "--out", str(archive))
        assert "3 ledger files, 1 uploaded files" in out.stdout
        yield Source(inst, archive, anonymous, editor)


def test_round_trip_answers_every_api_request_byte_for_byte(source: Source, tmp_path: Path) -> None:
    # The crawl reached the draft, the ledgers and the timestamps the test is about.
    editor_bodies = b"".join(body for _status, _type, body in source.editor.values())
    assert EDITED_JSON in editor_bodies
    assert EDITED_JSON not in b"".join(b for _s, _t, b in source.anonymous.values())
    assert re.search(rb"T\d\d:\d\d:\d\d\.\d{6}", editor_bodies), "no timestamp with microseconds"
    assert any(
        u.startswith(f"/api/v1/footprint/{KARLSTAD}/lines/") and a[0] == 200
        for u, a in source.editor.items()
    )
    assert sum(a[0] == 200 for a in source.editor.values()) > 50

    with Installation.create(tmp_path / "restored") as target:
        out = target.run("restore", str(source.archive))
        assert "3 ledger files, 1 uploaded files" in out.stdout
        assert (tmp_path / "restored" / "media" / MEDIA_FILE).read_bytes() == (
            source.inst.var_dir / "media" / MEDIA_FILE
        ).read_bytes()
        with target.serve() as srv:
            anonymous, editor = _both_identities(srv)
    for before, after in ((source.anonymous, anonymous), (source.editor, editor)):
        assert after.keys() == before.keys()
        differing = [url for url in before if before[url] != after[url]]
        assert not differing, (differing[:5], [(before[u], after[u]) for u in differing[:1]])


def test_restore_refuses_an_installation_that_is_not_empty(source: Source) -> None:
    r = source.inst.run("restore", str(source.archive), check=False)
    assert r.returncode != 0
    assert "This installation is not empty" in r.stderr and "nothing was changed" in r.stderr


def test_restore_refuses_a_damaged_archive_before_writing_anything(
    source: Source, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(source.archive) as old, zipfile.ZipFile(damaged, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name.endswith(".parquet"):  # one bit changed in each ledger file
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            new.writestr(name, data)
    var = tmp_path / "target"
    with Installation.create(var) as target:
        r = target.run("restore", str(damaged), check=False)
        assert r.returncode != 0 and "does not match its checksum" in r.stderr
        assert "Nothing was restored" in r.stderr
        assert not (var / "ledgers").exists() and not (var / "media").exists()
        # The database was not even migrated: the installation is as new.
        assert "[ ]" in target.run("showmigrations", "contracts").stdout


def test_restore_is_all_or_nothing(source: Source, tmp_path: Path) -> None:
    """A row that cannot be loaded (the last line, after every other row went in) leaves no rows
    and no files behind."""
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(source.archive) as old, zipfile.ZipFile(broken, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        for name in old.namelist():
            if name == "manifest.json":
                continue
            data = old.read(name)
            if name == "database.jsonl":
                bad = {"model": "contracts.commitment", "pk": 1, "fields": {"version": 999999}}
                data += (json.dumps(bad) + "\n").encode()
                entry = next(e for e in manifest["files"] if e["path"] == name)
                entry["sha256"], entry["bytes"] = hashlib.sha256(data).hexdigest(), len(data)
            new.writestr(name, data)
        new.writestr("manifest.json", json.dumps(manifest))
    var = tmp_path / "target"
    with Installation.create(var) as target:
        r = target.run("restore", str(broken), check=False)
        assert r.returncode != 0
        assert not (var / "ledgers").exists() and not (var / "media").exists()
        # Now empty and migrated, the same installation takes the good archive.
        target.run("restore", str(source.archive))
        assert len(list((var / "ledgers").rglob("*.parquet"))) == 3


def test_backup_does_not_overwrite_a_file(source: Source) -> None:
    r = source.inst.run("backup", "--out", str(source.archive), check=False)
    assert r.returncode != 0 and "already exists" in r.stderr


@pytest.mark.skipif(not postgres_url(), reason="PostgreSQL: set DATABASE_URL (as CI does)")
def test_a_sqlite_backup_restores_into_postgresql(tmp_path: Path) -> None:
    """Across databases the answers are the same documents; PostgreSQL's jsonb keeps an object's
    keys in its own order (a stored report's data), so JSON is compared parsed."""
    with Installation.create(tmp_path / "sqlite", postgres=False) as sqlite:
        sqlite.run("migrate", "--no-input")
        sqlite.run("demo")
        sqlite.run("backup", "--out", str(tmp_path / "b.zip"))
        with sqlite.serve() as srv:
            srv.login(EDITOR, PASSWORD)  # the editor sees all the visitor sees, and the drafts
            before = crawl(srv)
    with Installation.create(tmp_path / "pg", postgres=True) as pg:
        pg.run("restore", str(tmp_path / "b.zip"))
        with pg.serve() as srv:
            srv.login(EDITOR, PASSWORD)
            after = crawl(srv)
    assert after.keys() == before.keys()
    for url, (status, kind, body) in before.items():
        assert after[url][:2] == (status, kind), url
        if kind.startswith("application/json"):
            assert json.loads(after[url][2]) == json.loads(body), url
        else:
            assert after[url][2] == body, url


def test_restore_refuses_a_backup_of_another_release(source: Source, tmp_path: Path) -> None:
    other = tmp_path / "newer.zip"
    with zipfile.ZipFile(source.archive) as old, zipfile.ZipFile(other, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        manifest["migrations"]["contracts"].append("9999_from_a_later_release")
        for name in old.namelist():
            if name != "manifest.json":
                new.writestr(name, old.read(name))
        new.writestr("manifest.json", json.dumps(manifest))
    not_a_backup = tmp_path / "notes.zip"
    not_a_backup.write_bytes(b"just text")
    with Installation.create(tmp_path / "target") as target:
        r = target.run("restore", str(other), check=False)
        assert r.returncode != 0
        assert "other database migrations than this release's" in r.stderr
        assert "contracts 9999_from_a_later_release" in r.stderr
        r = target.run("restore", str(not_a_backup), check=False)
        assert r.returncode != 0 and "is not a Klimatkontrakt backup" in r.stderr
        assert "[ ]" in target.run("showmigrations", "contracts").stdout
