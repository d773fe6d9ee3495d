"""The follow-up's models now belong to indicators, plans, training and goals.

State only: every table keeps its name and every row stays. Content types (and with them the
permissions and admin log entries that point at them) move to the new app labels.
"""

from django.db import migrations

MOVED = {
    "indicator": "indicators",
    "indicatortarget": "indicators",
    "indicatorvalue": "indicators",
    "actionplan": "plans",
    "workpackage": "plans",
    "actionstatus": "plans",
    "action": "plans",
    "actionupdate": "plans",
    "actionimport": "plans",
    "followupchange": "plans",
    "training": "training",
    "goalteam": "goals",
    "goalperson": "goals",
}


def move_content_types(apps, schema_editor):  # type: ignore[no-untyped-def]
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app_label in MOVED.items():
        old = content_type.objects.using(db).filter(app_label="followup", model=model)
        if content_type.objects.using(db).filter(app_label=app_label, model=model).exists():
            old.delete()
        else:
            old.update(app_label=app_label)


def restore_content_types(apps, schema_editor):  # type: ignore[no-untyped-def]
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app_label in MOVED.items():
        content_type.objects.using(db).filter(app_label=app_label, model=model).update(
            app_label="followup"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("followup", "0005_goal_teams_and_changes"),
        ("indicators", "0001_initial"),
        ("plans", "0001_initial"),
        ("training", "0001_initial"),
        ("goals", "0001_initial"),
        ("investments", "0006_measure_actions_in_plans"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # Models that point at others go first.
                migrations.DeleteModel(name="ActionUpdate"),
                migrations.DeleteModel(name="ActionImport"),
                migrations.DeleteModel(name="FollowupChange"),
                migrations.DeleteModel(name="Action"),
                migrations.DeleteModel(name="WorkPackage"),
                migrations.DeleteModel(name="ActionStatus"),
                migrations.DeleteModel(name="ActionPlan"),
                migrations.DeleteModel(name="IndicatorTarget"),
                migrations.DeleteModel(name="IndicatorValue"),
                migrations.DeleteModel(name="Indicator"),
                migrations.DeleteModel(name="GoalPerson"),
                migrations.DeleteModel(name="GoalTeam"),
                migrations.DeleteModel(name="Training"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
