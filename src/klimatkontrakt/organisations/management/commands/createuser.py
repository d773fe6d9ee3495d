import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.organisations.models import Membership, Municipality
from klimatkontrakt.organisations.services import create_user


class Command(BaseCommand):
    help = (
        "Create a user, optionally with a role in a municipality. The password is asked for, "
        "or read from the environment variable KLIMATKONTRAKT_PASSWORD."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--municipality", help="SCB code, e.g. 1780")
        parser.add_argument("--role", default="editor", choices=Membership.Role.values)
        parser.add_argument("--superuser", action="store_true")

    def handle(self, *args, **o):  # type: ignore[no-untyped-def]
        password = os.environ.get("KLIMATKONTRAKT_PASSWORD") or getpass.getpass("Password: ")
        if not password:
            raise CommandError("A password is required.")
        org = None
        if o["municipality"]:
            try:
                org = Municipality.objects.get(code=o["municipality"]).organisation
            except Municipality.DoesNotExist as exc:
                raise CommandError(f"No municipality with code {o['municipality']}") from exc
        try:
            create_user(
                o["username"],
                password,
                email=o["email"],
                organisation=org,
                role=o["role"],
                superuser=o["superuser"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        where = f" as {o['role']} in {org}" if org else ""
        self.stdout.write(f"Created user {o['username']}{where}.")
