"""The OpenAPI schema tells the truth: one component per schema name, and each operation
documents the error answers it can give, with the body it really sends."""

from typing import Any

import pytest
from pydantic import BaseModel

from klimatkontrakt.api import api

WRITES = {"post", "put", "patch", "delete"}


def _models(annotation: Any, seen: set[type]) -> None:
    """Every pydantic model an annotation reaches (lists, unions, fields of fields)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, seen)
    for arg in getattr(annotation, "__args__", ()) or ():
        _models(arg, seen)


def test_no_two_schemas_share_a_name():
    """django-ninja keys components by class name: a second `GoalOut` silently replaced the
    first in the schema, so one of the two operations documented the wrong body."""
    seen: set[type] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                for model in op.response_models.values():
                    _models(model, seen)
                for model in op.models:
                    _models(model, seen)
    names: dict[str, set[str]] = {}
    for model in seen:
        if model.__name__ in {"Response", "Input"} or model.__module__.startswith("ninja."):
            continue  # ninja's wrappers around each operation's own model
        names.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    assert {n: m for n, m in names.items() if len(m) > 1} == {}
    assert {"GoalOut", "GoalWithTeamOut", "ActionPlanOut", "InvestmentPlanOut"} <= set(names)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix="/api/")


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, op) for p, ms in schema["paths"].items() for m, op in ms.items()]


def test_every_operation_documents_its_error_answers(schema):
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    missing = []
    for path, method, op in _operations(schema):
        expected = set()
        if op.get("parameters") or op.get("requestBody"):
            expected |= {404, 422}
        if op.get("requestBody"):
            expected.add(400)
        if op.get("security"):
            expected |= {401, 403}
        for code in expected:
            answer = op["responses"].get(code)
            if answer is None or answer.get("content") != error:
                missing.append(f"{method.upper()} {path} {code}")
    assert missing == []


def test_writes_that_can_conflict_document_409(schema):
    ops = {(m, p): op for p, m, op in _operations(schema)}
    for key in [
        ("patch", "/api/contracts/{code}/commitments/{pk}"),
        ("post", "/api/contracts/{code}/versions/{year}/sign"),
        ("post", "/api/reports/{code}/{year}/approve"),
    ]:
        assert 409 in ops[key]["responses"], key


# The public's own forms, which can only submit (docs/api.md).
PUBLIC_WRITES = {"POST /api/proposals/{code}/submit"}


def test_every_write_needs_a_session(schema):
    open_writes = [
        f"{m.upper()} {p}"
        for p, m, op in _operations(schema)
        if m in WRITES and not op.get("security")
    ]
    assert set(open_writes) == PUBLIC_WRITES


def test_the_error_schema_is_the_shape_of_real_answers(client, db):
    """401 from ninja's session check, 404 from a view, 422 from input checking: all `Error`."""
    error = api.get_openapi_schema(path_prefix="/api/")["components"]["schemas"]["Error"]
    answers = [
        client.post("/api/emissions/1780/goals", data="{}", content_type="application/json"),
        client.get("/api/contracts/0000"),
        client.get("/api/contracts/0000/versions/0"),
    ]
    assert [a.status_code for a in answers] == [401, 404, 422]
    for answer in answers:
        body = answer.json()
        assert set(body) <= set(error["properties"])
        assert isinstance(body["detail"], str)
