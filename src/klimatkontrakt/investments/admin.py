from django.contrib import admin

from klimatkontrakt.investments.models import (
    BaselineSector,
    CoBenefit,
    Funding,
    FundingSource,
    InvestmentPlan,
    Measure,
)


class BaselineInline(admin.TabularInline):
    model = BaselineSector
    extra = 0


@admin.register(InvestmentPlan)
class InvestmentPlanAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "municipality",
        "scope",
        "department",
        "is_example",
        "is_published",
        "include_in_report",
    ]
    list_filter = ["scope", "is_published", "is_example"]
    search_fields = ["name", "municipality__name"]
    inlines = [BaselineInline]


class CoBenefitInline(admin.TabularInline):
    model = CoBenefit
    extra = 0


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "sector", "start_year", "reduction_t_per_year", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "plan__name"]
    inlines = [CoBenefitInline, FundingInline]


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "municipality",
        "kind",
        "funder",
        "total_sek",
        "first_year",
        "last_year",
    ]
    list_filter = ["kind"]
