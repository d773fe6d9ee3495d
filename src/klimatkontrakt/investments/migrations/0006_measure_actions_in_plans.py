"""Measure.actions points at plans.Action (the same table, followup_action): state only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("investments", "0005_plan_baseline_from_footprint"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="measure",
                    name="actions",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="measures",
                        to="plans.action",
                        verbose_name="linked action-plan actions",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
