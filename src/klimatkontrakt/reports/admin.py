"""Follow-up reports in the admin, to look at only: an approved report is a frozen snapshot and
every change goes through the report services (draft, approve, publish)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klimatkontrakt.reports.models import FollowUpReport


@admin.register(FollowUpReport)
class FollowUpReportAdmin(admin.ModelAdmin):
    list_display = ["municipality", "year", "state", "is_published", "approved_at"]
    list_filter = ["state", "is_published", "year"]
    search_fields = ["municipality__name"]
    fields = ["municipality", "year", "state", "is_published", "gathered_at", "approved_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
