from django.contrib import admin

from klimatkontrakt.comparison.models import Figure, SourceFile


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "publisher", "edition", "edition_date", "rows"]
    readonly_fields = ["sha256", "imported_at", "imported_by"]
    search_fields = ["file_name", "publisher"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["municipality", "key", "year", "number", "source_file"]
    list_filter = ["key", "source_file"]
    search_fields = ["municipality__name", "municipality__code"]
    raw_id_fields = ["municipality", "source_file"]
