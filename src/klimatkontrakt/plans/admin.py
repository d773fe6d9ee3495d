from django.contrib import admin

from klimatkontrakt.plans.models import Action, ActionPlan, ActionStatus, ActionUpdate, WorkPackage


class WorkPackageInline(admin.TabularInline):
    model = WorkPackage
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "municipality",
        "kind",
        "owner_name",
        "update_interval_days",
        "is_published",
        "include_in_report",
    ]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "municipality__name"]
    inlines = [WorkPackageInline]


@admin.register(ActionStatus)
class ActionStatusAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "municipality", "is_closed", "order"]
    list_filter = ["municipality"]


class UpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    readonly_fields = ["created_at", "status", "progress", "text", "author"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["identifier", "title", "plan", "status", "progress", "last_update_at"]
    list_filter = ["plan__municipality", "plan", "status"]
    search_fields = ["identifier", "title"]
    inlines = [UpdateInline]
