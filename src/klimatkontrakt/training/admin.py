from django.contrib import admin

from klimatkontrakt.training.models import Training


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["held_on", "concept", "audience", "department", "municipality"]
    list_filter = ["audience", "municipality"]
    search_fields = ["concept", "municipality__name"]
