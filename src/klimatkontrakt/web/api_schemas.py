"""Schemas every app's API shares, so that the OpenAPI document has one of each."""

from typing import Any

from ninja import Schema


class Error(Schema):
    """The body of every 4xx answer: a message, and per field for invalid input."""

    detail: str
    errors: dict[str, Any] | None = None
