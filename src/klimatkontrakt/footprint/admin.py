"""Ledgers in the admin, to look at only: their lines live in Parquet files that the import
service writes and removes, so an edit or a delete here would leave them out of step."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klimatkontrakt.footprint.models import Ledger, LedgerImport


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ImportInline(ReadOnly, admin.TabularInline):
    model = LedgerImport
    fields = ["filename", "rows", "encoding", "imported_at", "imported_by"]
    readonly_fields = ["filename", "rows", "encoding", "imported_at", "imported_by"]
    extra = 0


@admin.register(Ledger)
class LedgerAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "municipality", "scope", "published", "include_in_report", "updated"]
    list_filter = ["published", "example_data", "municipality"]
    search_fields = ["name", "municipality__name"]
    inlines = [ImportInline]
