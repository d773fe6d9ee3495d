"""The plans tables, created by the follow-up app's migrations 0001-0005, become this app's
models: state only, no row or table touched (followup 0006 lets go of them)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("followup", "0005_goal_teams_and_changes"),
        ("contracts", "0001_initial"),
        ("indicators", "0001_initial"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ActionPlan",
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
                            "kind",
                            models.CharField(
                                choices=[
                                    ("energy_climate", "Energy and climate plan"),
                                    ("waste", "Waste plan"),
                                    ("traffic", "Traffic plan"),
                                    ("cycling", "Cycling plan"),
                                    ("stormwater", "Stormwater plan"),
                                    ("project", "Project plan"),
                                    ("other", "Other plan"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        (
                            "owner_name",
                            models.CharField(
                                help_text="The coordinator responsible for the document.",
                                max_length=200,
                                verbose_name="owner",
                            ),
                        ),
                        (
                            "start_year",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="from year"
                            ),
                        ),
                        (
                            "end_year",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="to year"
                            ),
                        ),
                        (
                            "update_interval_days",
                            models.PositiveIntegerField(
                                default=90,
                                help_text="Actions not updated within this many days are flagged.",
                                verbose_name="update interval (days)",
                            ),
                        ),
                        (
                            "is_published",
                            models.BooleanField(default=False, verbose_name="published"),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="action_plans",
                                to="organisations.municipality",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "action plan",
                        "verbose_name_plural": "action plans",
                        "db_table": "followup_actionplan",
                        "ordering": ["municipality", "title"],
                    },
                ),
                migrations.CreateModel(
                    name="ActionImport",
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
                        ("filename", models.CharField(max_length=300)),
                        ("sha256", models.CharField(max_length=64)),
                        ("rows", models.PositiveIntegerField()),
                        ("imported_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "imported_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="imports",
                                to="plans.actionplan",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "followup_actionimport",
                    },
                ),
                migrations.CreateModel(
                    name="ActionStatus",
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
                        ("key", models.SlugField(max_length=40, verbose_name="key")),
                        ("name_sv", models.CharField(max_length=60, verbose_name="name (Swedish)")),
                        ("name_en", models.CharField(max_length=60, verbose_name="name (English)")),
                        (
                            "is_closed",
                            models.BooleanField(
                                default=False,
                                help_text="Closed actions are not asked for updates.",
                                verbose_name="closed",
                            ),
                        ),
                        ("order", models.PositiveIntegerField(default=0)),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="action_statuses",
                                to="organisations.municipality",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "action status",
                        "verbose_name_plural": "action statuses",
                        "db_table": "followup_actionstatus",
                        "ordering": ["municipality", "order"],
                    },
                ),
                migrations.CreateModel(
                    name="Action",
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
                        ("identifier", models.CharField(max_length=20, verbose_name="identifier")),
                        ("title", models.CharField(max_length=300, verbose_name="title")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "contact_name",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="contact person"
                            ),
                        ),
                        (
                            "contact_email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="contact e-mail"
                            ),
                        ),
                        (
                            "start_date",
                            models.DateField(blank=True, null=True, verbose_name="start"),
                        ),
                        ("end_date", models.DateField(blank=True, null=True, verbose_name="end")),
                        (
                            "progress",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="progress (%)"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="created"
                            ),
                        ),
                        (
                            "last_update_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="last update"),
                        ),
                        (
                            "commitments",
                            models.ManyToManyField(
                                blank=True,
                                related_name="actions",
                                to="contracts.commitment",
                                verbose_name="linked contract commitments",
                            ),
                        ),
                        (
                            "indicators",
                            models.ManyToManyField(
                                blank=True, related_name="actions", to="indicators.indicator"
                            ),
                        ),
                        (
                            "responsible_department",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="actions",
                                to="organisations.department",
                                verbose_name="responsible department",
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="actions",
                                to="plans.actionplan",
                            ),
                        ),
                        (
                            "status",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="actions",
                                to="plans.actionstatus",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "action",
                        "verbose_name_plural": "actions",
                        "db_table": "followup_action",
                        "ordering": ["plan", "identifier"],
                    },
                ),
                migrations.CreateModel(
                    name="ActionUpdate",
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
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="date"
                            ),
                        ),
                        ("progress", models.PositiveSmallIntegerField(verbose_name="progress (%)")),
                        ("text", models.TextField(verbose_name="text")),
                        (
                            "action",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="updates",
                                to="plans.action",
                            ),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "status",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="plans.actionstatus",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "status update",
                        "verbose_name_plural": "status updates",
                        "db_table": "followup_actionupdate",
                        "ordering": ["action", "-created_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="FollowupChange",
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
                            "kind",
                            models.CharField(
                                choices=[("action", "action"), ("training", "training")],
                                max_length=10,
                            ),
                        ),
                        ("object_id", models.PositiveIntegerField()),
                        ("label", models.CharField(max_length=300)),
                        (
                            "what",
                            models.CharField(
                                choices=[("updated", "changed"), ("deleted", "deleted")],
                                max_length=10,
                            ),
                        ),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("changes", models.JSONField(default=dict)),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="followup_changes",
                                to="organisations.municipality",
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="changes",
                                to="plans.actionplan",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "follow-up change",
                        "verbose_name_plural": "follow-up changes",
                        "db_table": "followup_followupchange",
                        "ordering": ["-at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="WorkPackage",
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
                        ("code", models.CharField(max_length=20, verbose_name="code")),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        ("order", models.PositiveIntegerField(default=0)),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="work_packages",
                                to="plans.actionplan",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "work package",
                        "verbose_name_plural": "work packages",
                        "db_table": "followup_workpackage",
                        "ordering": ["plan", "order", "code"],
                    },
                ),
                migrations.AddField(
                    model_name="action",
                    name="work_package",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="actions",
                        to="plans.workpackage",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="actionplan",
                    constraint=models.UniqueConstraint(
                        fields=("municipality", "title"), name="unique_plan_title"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="actionplan",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("update_interval_days__gte", 1)),
                        name="plan_interval_positive",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="actionimport",
                    constraint=models.UniqueConstraint(
                        fields=("plan", "sha256"), name="unique_action_import"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="actionstatus",
                    constraint=models.UniqueConstraint(
                        fields=("municipality", "key"), name="unique_action_status"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="actionupdate",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("progress__lte", 100)), name="update_progress_max_100"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="workpackage",
                    constraint=models.UniqueConstraint(
                        fields=("plan", "code"), name="unique_work_package_code"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="action",
                    constraint=models.UniqueConstraint(
                        fields=("plan", "identifier"), name="unique_action_identifier"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="action",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("progress__lte", 100)), name="progress_max_100"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="action",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("end_date__isnull", True),
                            ("start_date__isnull", True),
                            ("end_date__gte", models.F("start_date")),
                            _connector="OR",
                        ),
                        name="action_ends_after_start",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
