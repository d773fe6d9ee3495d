"""The actor becomes a plain account id, kept when the account is erased (it was a link to the
account, emptied by the erasure). Existing entries keep the id their link held."""

from typing import Any

from django.conf import settings
from django.db import migrations, models


def copy_user_ids(apps: Any, schema_editor: Any) -> None:
    entry = apps.get_model("audit", "ChangeLogEntry")
    entry.objects.filter(user__isnull=False).update(actor=models.F("user_id"))


def copy_actor_ids(apps: Any, schema_editor: Any) -> None:
    entry = apps.get_model("audit", "ChangeLogEntry")
    user = apps.get_model(settings.AUTH_USER_MODEL)
    existing = user.objects.filter(pk=models.OuterRef("actor"))
    entry.objects.filter(models.Exists(existing)).update(user_id=models.F("actor"))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="changelogentry",
            name="actor",
            field=models.PositiveBigIntegerField(
                blank=True, db_index=True, null=True, verbose_name="account"
            ),
        ),
        migrations.RunPython(copy_user_ids, copy_actor_ids),
        migrations.RemoveField(
            model_name="changelogentry",
            name="user",
        ),
        migrations.AlterField(
            model_name="changelogentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "created"),
                    ("updated", "changed"),
                    ("deleted", "deleted"),
                    ("imported", "imported"),
                    ("import_deleted", "import removed"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.AddIndex(
            model_name="changelogentry",
            index=models.Index(
                fields=["municipality", "-at"], name="audit_chang_municip_6e7304_idx"
            ),
        ),
    ]
