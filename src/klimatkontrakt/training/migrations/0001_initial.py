"""The training tables, created by the follow-up app's migrations 0001-0005, become this app's
models: state only, no row or table touched (followup 0006 lets go of them)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("followup", "0005_goal_teams_and_changes"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Training",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("held_on", models.DateField(verbose_name="date")),
                        (
                            "concept",
                            models.CharField(
                                help_text="The course or concept used.",
                                max_length=200,
                                verbose_name="training concept",
                            ),
                        ),
                        (
                            "audience",
                            models.CharField(
                                choices=[("body", "Board or committee"), ("staff", "Staff")],
                                max_length=10,
                                verbose_name="trained",
                            ),
                        ),
                        (
                            "participants",
                            models.PositiveIntegerField(
                                blank=True, null=True, verbose_name="participants"
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                        (
                            "department",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="trainings",
                                to="organisations.department",
                                verbose_name="board, committee or department",
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="trainings",
                                to="organisations.municipality",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "training",
                        "verbose_name_plural": "trainings",
                        "db_table": "followup_training",
                        "ordering": ["municipality", "-held_on", "pk"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
