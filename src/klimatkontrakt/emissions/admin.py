from django.contrib import admin

from klimatkontrakt.emissions.models import CarbonBudget, Goal, Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["gas", "release_date", "file_name", "is_current", "imported_at"]
    list_filter = ["gas", "is_current"]
    readonly_fields = [f.name for f in Release._meta.fields]


@admin.register(CarbonBudget)
class CarbonBudgetAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "method", "gas", "is_published"]
    list_filter = ["method"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "target_year", "scope", "gas", "is_published"]
