from django.contrib import admin

from klimatkontrakt.indicators.models import Indicator, IndicatorTarget, IndicatorValue


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


class ValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "municipality",
        "source_kind",
        "kolada_kpi",
        "is_published",
        "include_in_report",
    ]
    list_filter = ["source_kind", "is_published", "is_example"]
    search_fields = ["name", "kolada_kpi", "municipality__name"]
    inlines = [TargetInline, ValueInline]
