from django.contrib import admin

from klimatkontrakt.organisations.models import (
    County,
    Department,
    Membership,
    Municipality,
    Organisation,
)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "in_climate_contract"]
    list_filter = ["in_climate_contract", "county"]
    search_fields = ["code", "name"]
    # Set from the shipped list by `klimatkontrakt contract-cities`, the one truth.
    readonly_fields = ["in_climate_contract"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "municipality"]
    list_filter = ["kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
