from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.organisations.models import ApiToken
from klimatkontrakt.organisations.tokens import DEFAULT_DAYS, create_token


class Command(BaseCommand):
    help = (
        "Create an API token for a user and print it once (it is stored hashed and cannot be "
        "shown again). The token acts with the user's roles; scope read cannot write."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument("--scope", required=True, choices=ApiToken.Scope.values)
        parser.add_argument(
            "--days", type=int, default=DEFAULT_DAYS, help=f"valid days (default {DEFAULT_DAYS})"
        )

    def handle(self, *args, **o):  # type: ignore[no-untyped-def]
        try:
            user = get_user_model().objects.get(username=o["username"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user {o['username']}") from exc
        try:
            issued = create_token(user, o["name"], o["scope"], o["days"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"Token {issued.token.name!r} ({issued.token.scope}) for {user.get_username()}, "
            f"valid until {issued.token.expires:%Y-%m-%d}. It is shown only this once:"
        )
        self.stdout.write(issued.secret)
