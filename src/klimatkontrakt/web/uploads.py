"""The file field of every import form, and the refusal of a request too large to be one.

Each uploaded file may be at most `settings.MAX_UPLOAD_BYTES` (`KLIMATKONTRAKT_MAX_UPLOAD_MB`,
docs/deployment.md "Limits on uploads"); an empty or too large file is refused by the form with
a message naming it. A request whose declared length exceeds `settings.MAX_REQUEST_BYTES` is
answered 413 before Django reads its body.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


def megabytes(size: int) -> str:
    return number_format(size / (1 << 20), 0 if size >= 10 << 20 else 1, force_grouping=True)


class UploadField(forms.FileField):
    """A file of an import: not empty, and not larger than the upload limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_empty_file", True)  # refused below, with the file's name
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)
        return upload


def check_upload(upload: Any) -> None:
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise forms.ValidationError(
            _("%(name)s is empty."), code="empty_file", params={"name": name}
        )
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise forms.ValidationError(
            _("%(name)s is %(size)s MB, more than the %(limit)s MB a file may be."),
            code="too_large",
            params={"name": name, "size": megabytes(size), "limit": megabytes(limit)},
        )


class RequestSizeMiddleware:
    """413 with a readable page for a request declared larger than any accepted upload."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(
                render_to_string(
                    "413.html",
                    {"limit": megabytes(settings.MAX_UPLOAD_BYTES)},
                    request=request,
                ),
                status=413,
            )
        return self.get_response(request)
