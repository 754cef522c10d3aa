import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from harbourline.accounts.models import Agency, User
from harbourline.accounts.permissions import Role
from harbourline.accounts.services import user_create


class Command(BaseCommand):
    help = (
        "Create the first administrator of a new installation, with a temporary password printed once "
        "(valid 72 hours). At first login they choose a new password, then set up their authenticator."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--agency", required=True, help="Agency name or short name (load_country first).")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--coordinator",
            action="store_true",
            help="Make the national coordinator instead (who also manages users and agencies). One account "
            "is never both: an administrator does not read case content.",
        )

    def handle(
        self, *args: Any, username: str, agency: str, email: str, coordinator: bool, **options: Any
    ) -> None:
        found = Agency.objects.filter(Q(name=agency) | Q(short_name=agency)).first()
        if found is None:
            raise CommandError(
                f"No agency called {agency!r}. Run `manage.py load_country` or check the name."
            )
        if User.objects.filter(username=username).exists():
            raise CommandError(f"The username {username!r} is taken.")
        password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
        roles = [Role.NATIONAL_COORDINATOR] if coordinator else [Role.ADMINISTRATOR]
        user_create(actor=None, username=username, password=password, roles=roles, agency=found, email=email)
        self.stdout.write(
            self.style.SUCCESS(f"Created {username} ({', '.join(r.label for r in roles)}, {found.name}).")
        )
        self.stdout.write(f"Temporary password (shown once): {password}")
