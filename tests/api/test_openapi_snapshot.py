"""The API's published contract against its committed snapshot (tests/api/openapi_snapshot.json).

Fails on an unannounced breaking change: an operation removed, a field removed from a 2xx answer,
an input newly required (a parameter or a body field). Additions pass (a new operation, a new
optional input, a new field).

To make a breaking change: announce it in docs/api.md ("Change log", usually with a new version),
then regenerate the snapshot with

    KLIMATKONTRAKT_API_SNAPSHOT=update PYTHONPATH=src \
        .venv/bin/pytest tests/api/test_openapi_snapshot.py

and commit both. The update refuses to record a breaking change while the change log is the one
the snapshot was taken with. Regenerate after additions too, so that they become the contract.
"""

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from django.test import Client

SNAPSHOT = Path(__file__).with_name("openapi_snapshot.json")
API_DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
HOW = (
    "Announce it in docs/api.md (Change log) and regenerate the snapshot: "
    "KLIMATKONTRAKT_API_SNAPSHOT=update PYTHONPATH=src .venv/bin/pytest "
    "tests/api/test_openapi_snapshot.py"
)


def _changelog_hash() -> str:
    text = API_DOC.read_text(encoding="utf-8")
    log = text.split("## Change log", 1)[1] if "## Change log" in text else ""
    log = re.split(r"\n## ", log, maxsplit=1)[0]
    return hashlib.sha256(log.strip().encode()).hexdigest()


def _resolve(schema: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _fields(schema: dict[str, Any], node: Any, prefix: str, seen: frozenset[str]) -> set[str]:
    """Every field path of an answer: `title`, `commitments[].title`, ..."""
    if isinstance(node, dict) and "$ref" in node:
        if node["$ref"] in seen:
            return set()
        seen = seen | {node["$ref"]}
    node = _resolve(schema, node)
    if not isinstance(node, dict):
        return set()
    out: set[str] = set()
    for key in ("anyOf", "oneOf", "allOf"):
        for part in node.get(key, []):
            out |= _fields(schema, part, prefix, seen)
    if node.get("type") == "array" and "items" in node:
        out |= _fields(schema, node["items"], f"{prefix}[]", seen)
    for name, sub in (node.get("properties") or {}).items():
        path = f"{prefix}.{name}" if prefix else name
        out.add(path)
        out |= _fields(schema, sub, path, seen)
    return out


def contract(schema: dict[str, Any]) -> dict[str, Any]:
    """What a client relies on, per operation: its inputs (and which are required) and the
    fields of its 2xx answers."""
    ops: dict[str, Any] = {}
    for path, methods in sorted(schema["paths"].items()):
        for method, op in sorted(methods.items()):
            params = {
                f"{p['in']}:{p['name']}": bool(p.get("required")) for p in op.get("parameters", [])
            }
            body = _resolve(
                schema,
                (op.get("requestBody") or {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {}),
            )
            for name in (body or {}).get("properties", {}) if isinstance(body, dict) else ():
                params[f"body:{name}"] = name in body.get("required", [])
            if op.get("requestBody", {}).get("required") and not (body or {}).get("properties"):
                params["body"] = True
            answers = {}
            for code, answer in op.get("responses", {}).items():
                if str(code).startswith("2"):
                    node = (answer.get("content") or {}).get("application/json", {}).get("schema")
                    answers[str(code)] = sorted(_fields(schema, node, "", frozenset()))
            ops[f"{method.upper()} {path}"] = {
                "inputs": dict(sorted(params.items())),
                "answers": answers,
            }
    return ops


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    problems = []
    for op, before in old.items():
        after = new.get(op)
        if after is None:
            problems.append(f"{op}: removed")
            continue
        for name, required in after["inputs"].items():
            if required and not before["inputs"].get(name, False):
                problems.append(f"{op}: input {name} is now required")
        for code, fields in before["answers"].items():
            if code not in after["answers"]:
                problems.append(f"{op}: answer {code} removed")
                continue
            for field in sorted(set(fields) - set(after["answers"][code])):
                problems.append(f"{op}: answer {code} lost the field {field}")
    return problems


def _current() -> dict[str, Any]:
    return contract(Client().get("/api/v1/openapi.json").json())


def test_the_api_has_no_unannounced_breaking_change(db):
    now = _current()
    if os.environ.get("KLIMATKONTRAKT_API_SNAPSHOT") == "update":
        old = json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else None
        if (
            old
            and breaking_changes(old["operations"], now)
            and old["changelog"] == _changelog_hash()
        ):
            raise AssertionError(
                "Breaking changes, and docs/api.md's change log is unchanged: announce them "
                "first.\n" + "\n".join(breaking_changes(old["operations"], now))
            )
        snapshot = {"changelog": _changelog_hash(), "operations": now}
        SNAPSHOT.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
    old = json.loads(SNAPSHOT.read_text())["operations"]
    problems = breaking_changes(old, now)
    assert not problems, "Breaking API changes:\n" + "\n".join(problems) + "\n" + HOW


def test_the_snapshot_catches_removals_and_new_requirements_and_lets_additions_pass(db):
    old = _current()
    op = "GET /api/v1/contracts/{code}/versions/{year}/commitments"
    assert "[].title" in old[op]["answers"]["200"] and "query:limit" in old[op]["inputs"]
    added = json.loads(json.dumps(old))
    added["GET /api/v1/new-things/"] = {"inputs": {"query:limit": False}, "answers": {}}
    added[op]["inputs"]["query:new_filter"] = False
    added[op]["answers"]["200"].append("[].new_field")
    assert breaking_changes(old, added) == []

    removed = json.loads(json.dumps(old))
    del removed[op]
    assert breaking_changes(old, removed) == [f"{op}: removed"]

    lost = json.loads(json.dumps(old))
    lost[op]["answers"]["200"].remove("[].title")
    assert breaking_changes(old, lost) == [f"{op}: answer 200 lost the field [].title"]

    required = json.loads(json.dumps(old))
    required[op]["inputs"]["query:limit"] = True
    assert breaking_changes(old, required) == [f"{op}: input query:limit is now required"]


def test_every_operation_with_a_session_also_takes_an_api_token(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["BearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    secured = [
        op for methods in schema["paths"].values() for op in methods.values() if op.get("security")
    ]
    assert secured  # the writes at least
    assert all({"BearerAuth": []} in op["security"] for op in secured)
