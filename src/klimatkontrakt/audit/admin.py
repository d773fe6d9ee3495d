"""The change log in the admin, to read only: an entry is evidence and is never edited."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.audit import selectors
from klimatkontrakt.audit.models import ChangeLogEntry


class ActorFilter(admin.SimpleListFilter):
    title = _("person")
    parameter_name = "actor"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        found = ChangeLogEntry.objects.values_list("actor", flat=True).distinct()
        ids = sorted({i for i in found if i is not None})
        names = selectors.account_names(ids)
        return [("system", selectors.actor_text(None, names))] + [
            (str(i), selectors.actor_text(i, names)) for i in ids
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value == "system":
            return queryset.filter(actor=None)
        if value and value.isdigit():
            return queryset.filter(actor=int(value))
        return queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    title = _("object type")
    parameter_name = "object_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return selectors.object_types()

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(ChangeLogEntry)
class ChangeLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "municipality", "who", "action", "type_name", "object_id", "label"]
    list_filter = [
        ActorFilter,
        ObjectTypeFilter,
        "action",
        ("at", admin.DateFieldListFilter),
        "municipality",
    ]
    search_fields = ["label", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [
        "at",
        "municipality",
        "who",
        "action",
        "type_name",
        "object_type",
        "object_id",
        "label",
        "changes",
        "before",
        "after",
    ]
    exclude = ["actor"]

    @admin.display(description=_("who"))
    def who(self, obj: ChangeLogEntry) -> str:
        return selectors.actor_text(obj.actor, selectors.account_names([obj.actor]))

    @admin.display(description=_("object type"), ordering="object_type")
    def type_name(self, obj: ChangeLogEntry) -> str:
        return selectors.type_name(obj.object_type)

    @admin.display(description=_("before and after"))
    def changes(self, obj: ChangeLogEntry) -> SafeString:
        return format_html_join(
            "\n",
            "<p><strong>{}</strong>: {} → {}</p>",
            ((c.name, c.before or "–", c.after or "–") for c in selectors.changes_of(obj)),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
