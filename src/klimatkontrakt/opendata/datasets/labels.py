"""Readable Swedish labels for the code columns (`status_label_sv`): the owning app's own
choice labels, translated to Swedish whatever language the build runs in."""

from __future__ import annotations

from typing import Any

from django.utils import translation


def swedish(label: Any) -> str:
    """A lazy or plain label in Swedish."""
    with translation.override("sv"):
        return str(label)
