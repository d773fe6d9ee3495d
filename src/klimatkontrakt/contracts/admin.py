from django.contrib import admin

from klimatkontrakt.contracts.models import (
    Commitment,
    CommitmentChange,
    CommitmentStatus,
    Contract,
    ContractVersion,
)


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["municipality", "title"]


@admin.register(ContractVersion)
class ContractVersionAdmin(admin.ModelAdmin):
    list_display = ["contract", "year", "state", "is_published", "signed_at"]
    list_filter = ["state", "is_published"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or not obj.is_signed

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or not obj.is_signed


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "status", "planned_year"]
    list_filter = ["version__year", "status"]
    search_fields = ["title"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or not obj.version.is_signed

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return obj is None or not obj.version.is_signed


@admin.register(CommitmentStatus)
class CommitmentStatusAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "municipality", "carries_over", "order"]


@admin.register(CommitmentChange)
class CommitmentChangeAdmin(admin.ModelAdmin):
    list_display = ["lineage", "version", "action", "user", "at"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
