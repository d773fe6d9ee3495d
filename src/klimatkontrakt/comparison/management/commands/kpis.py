import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from klimatkontrakt.comparison.tables import download_table, records
from klimatkontrakt.documents.tables import csv_bytes
from klimatkontrakt.organisations.selectors import municipality_names


class Command(BaseCommand):
    help = (
        "Print the national comparison's figures: one object per municipality with its SCB "
        "code, name, the six keys and per key its source files and editions (docs/comparison.md)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("codes", nargs="*", help="SCB municipality codes, e.g. 1780")
        parser.add_argument("--all", action="store_true", help="every municipality")
        parser.add_argument(
            "--format",
            choices=["json", "csv", "csv-intl"],
            default="json",
            help="json; csv for Swedish Excel (semicolons, decimal comma); csv-intl",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not options["all"] and not options["codes"]:
            raise CommandError(_("Name municipality codes or give --all."))
        codes = None if options["all"] else set(options["codes"])
        unknown = (codes or set()) - set(municipality_names())
        if unknown:
            raise CommandError(
                _("Unknown municipality code(s): %(codes)s") % {"codes": ", ".join(sorted(unknown))}
            )
        if options["format"] == "json":
            found = records(codes)
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
            return
        dialect = "sv" if options["format"] == "csv" else "intl"
        body = csv_bytes(download_table(codes), dialect)
        self.stdout.write(body.decode("utf-8"), ending="")  # with its BOM, for Excel
