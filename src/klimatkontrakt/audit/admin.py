"""The change log in the admin, to read only: an entry is evidence and is never edited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klimatkontrakt.audit.models import ChangeLogEntry


@admin.register(ChangeLogEntry)
class ChangeLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "municipality", "user", "action", "object_type", "object_id", "label"]
    list_filter = ["action", "object_type", "municipality"]
    search_fields = ["label", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [
        "at",
        "municipality",
        "user",
        "action",
        "object_type",
        "object_id",
        "label",
        "before",
        "after",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
