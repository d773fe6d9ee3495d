from django.contrib import admin

from klimatkontrakt.goals.models import GoalPerson, GoalTeam


class PersonInline(admin.TabularInline):
    model = GoalPerson
    extra = 0


@admin.register(GoalTeam)
class GoalTeamAdmin(admin.ModelAdmin):
    list_display = ["goal", "is_published"]
    list_filter = ["is_published", "goal__municipality"]
    inlines = [PersonInline]
