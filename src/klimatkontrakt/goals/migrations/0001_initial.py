"""The goals tables, created by the follow-up app's migrations 0001-0005, become this app's
models: state only, no row or table touched (followup 0006 lets go of them)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("followup", "0005_goal_teams_and_changes"),
        ("emissions", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="GoalTeam",
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
                        (
                            "is_published",
                            models.BooleanField(
                                default=False,
                                help_text="Names, roles and departments are shown to everyone; e-mail never is.",
                                verbose_name="shown publicly",
                            ),
                        ),
                        (
                            "goal",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="team",
                                to="emissions.goal",
                                verbose_name="goal",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "goal team",
                        "verbose_name_plural": "goal teams",
                        "db_table": "followup_goalteam",
                    },
                ),
                migrations.CreateModel(
                    name="GoalPerson",
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
                        (
                            "role",
                            models.CharField(
                                choices=[("coordinator", "Coordinator"), ("member", "Team member")],
                                max_length=12,
                                verbose_name="role in the team",
                            ),
                        ),
                        ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                        (
                            "title",
                            models.CharField(
                                help_text="E.g. climate strategist.",
                                max_length=200,
                                verbose_name="title",
                            ),
                        ),
                        (
                            "organisation",
                            models.CharField(
                                blank=True,
                                help_text="A company or organisation outside the municipal group.",
                                max_length=200,
                                verbose_name="other organisation",
                            ),
                        ),
                        (
                            "email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="work e-mail"
                            ),
                        ),
                        ("order", models.PositiveIntegerField(default=0)),
                        (
                            "department",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="goal_people",
                                to="organisations.department",
                                verbose_name="department or company",
                            ),
                        ),
                        (
                            "team",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="people",
                                to="goals.goalteam",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "goal team member",
                        "verbose_name_plural": "goal team members",
                        "db_table": "followup_goalperson",
                        "ordering": ["team", "role", "order", "pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("role", "coordinator")),
                                fields=("team",),
                                name="one_goal_coordinator",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
