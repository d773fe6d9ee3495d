# LedgerImport takes the shared file-import record's field names; columns are renamed, so
# every stored import is kept.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("footprint", "0002_free_text_notes_and_sources"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="ledgerimport", name="unique_import_hash"),
        migrations.RenameField(
            model_name="ledgerimport", old_name="file_name", new_name="filename"
        ),
        migrations.RenameField(
            model_name="ledgerimport", old_name="content_hash", new_name="sha256"
        ),
        migrations.RenameField(model_name="ledgerimport", old_name="lines", new_name="rows"),
        migrations.RenameField(
            model_name="ledgerimport", old_name="created", new_name="imported_at"
        ),
        migrations.AlterField(
            model_name="ledgerimport",
            name="filename",
            field=models.CharField(max_length=300),
        ),
        migrations.AlterField(
            model_name="ledgerimport",
            name="rows",
            field=models.PositiveIntegerField(),
        ),
        migrations.AlterModelOptions(
            name="ledgerimport", options={"ordering": ["imported_at", "pk"]}
        ),
        migrations.AddConstraint(
            model_name="ledgerimport",
            constraint=models.UniqueConstraint(
                fields=("ledger", "sha256"), name="unique_import_hash"
            ),
        ),
    ]
