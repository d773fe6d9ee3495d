"""The indicators tables, created by the follow-up app's migrations 0001-0005, become this app's
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
                    name="Indicator",
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
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("unit", models.CharField(max_length=50, verbose_name="unit")),
                        (
                            "direction",
                            models.CharField(
                                choices=[("up", "Higher is better"), ("down", "Lower is better")],
                                max_length=4,
                                verbose_name="direction",
                            ),
                        ),
                        (
                            "source_kind",
                            models.CharField(
                                choices=[
                                    ("manual", "Entered by hand"),
                                    ("kolada", "Kolada KPI"),
                                    ("smhi", "SMHI emission inventory"),
                                    ("footprint", "Computed from the footprint"),
                                    ("plan", "Computed from an action plan"),
                                ],
                                default="manual",
                                max_length=10,
                                verbose_name="source",
                            ),
                        ),
                        (
                            "kolada_kpi",
                            models.CharField(
                                blank=True, max_length=10, verbose_name="Kolada KPI id"
                            ),
                        ),
                        (
                            "kolada_level",
                            models.CharField(
                                choices=[
                                    ("municipality", "Municipality"),
                                    ("region", "Region (county)"),
                                ],
                                default="municipality",
                                help_text="Region: the KPI is published for the region only.",
                                max_length=12,
                                verbose_name="Kolada level",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "is_published",
                            models.BooleanField(default=False, verbose_name="published"),
                        ),
                        (
                            "is_example",
                            models.BooleanField(
                                default=False,
                                help_text="Demo values, not real figures.",
                                verbose_name="example data",
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="indicators",
                                to="organisations.municipality",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "indicator",
                        "verbose_name_plural": "indicators",
                        "db_table": "followup_indicator",
                        "ordering": ["municipality", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="IndicatorTarget",
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
                        ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                        ("value", models.FloatField(verbose_name="target value")),
                        ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                        (
                            "indicator",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="targets",
                                to="indicators.indicator",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "target value",
                        "verbose_name_plural": "target values",
                        "db_table": "followup_indicatortarget",
                        "ordering": ["indicator", "year"],
                    },
                ),
                migrations.CreateModel(
                    name="IndicatorValue",
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
                        ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                        ("value", models.FloatField(verbose_name="value")),
                        (
                            "gender",
                            models.CharField(
                                choices=[("T", "Total"), ("K", "Women"), ("M", "Men")],
                                default="T",
                                max_length=1,
                                verbose_name="gender",
                            ),
                        ),
                        ("provenance", models.CharField(max_length=500, verbose_name="provenance")),
                        ("fetched_at", models.DateTimeField(verbose_name="fetched or entered at")),
                        (
                            "indicator",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="values",
                                to="indicators.indicator",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "indicator value",
                        "verbose_name_plural": "indicator values",
                        "db_table": "followup_indicatorvalue",
                        "ordering": ["indicator", "year", "gender"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="indicator",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("kolada_kpi", ""), _negated=True),
                        fields=("municipality", "kolada_kpi"),
                        name="unique_kolada_indicator",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="indicator",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("source_kind", "kolada"), _negated=True),
                            models.Q(("kolada_kpi", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="kolada_indicator_has_kpi",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="indicatortarget",
                    constraint=models.UniqueConstraint(
                        fields=("indicator", "year"), name="unique_indicator_target"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="indicatorvalue",
                    constraint=models.UniqueConstraint(
                        fields=("indicator", "year", "gender"), name="unique_indicator_value"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
