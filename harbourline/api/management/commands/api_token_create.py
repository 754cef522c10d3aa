from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from harbourline.accounts.models import Agency, User
from harbourline.api.models import Scope
from harbourline.api.services import api_token_create


class Command(BaseCommand):
    help = (
        "Make an integration token for a partner system, as the administrator named by --by. The token is "
        "printed once. Roles that read case content wait for a second administrator's approval."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--by", required=True, help="Username of the administrator making the token.")
        parser.add_argument("--name", required=True, help="The partner system.")
        parser.add_argument("--agency", required=True, help="Short name or id of the agency it acts for.")
        parser.add_argument("--role", action="append", required=True, help="A role code; repeat for more.")
        parser.add_argument(
            "--scope", action="append", required=True, choices=Scope.values, help="Repeat for more."
        )
        parser.add_argument("--days", type=int, default=90, help="Days until it expires (at most 366).")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["by"], is_active=True).first()
        if actor is None:
            raise CommandError(f"There is no active user {options['by']!r}.")
        ref = options["agency"]
        agency = Agency.objects.filter(short_name=ref).first() or (
            Agency.objects.filter(pk=int(ref)).first() if ref.isdigit() else None
        )
        if agency is None:
            raise CommandError(f"There is no agency {ref!r}.")
        try:
            token, raw = api_token_create(
                actor,
                name=options["name"],
                agency=agency,
                roles=options["role"],
                scopes=options["scope"],
                expires_at=timezone.now() + datetime.timedelta(days=options["days"]),
            )
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from error
        waiting = token.user.pending_changes.filter(status="pending").exists()
        self.stdout.write(
            f"Token {token.pk} for {token.name} ({agency}), expires {token.expires_at:%Y-%m-%d}."
        )
        self.stdout.write("Copy it now; it is not shown again:")
        self.stdout.write(raw)
        if waiting:
            self.stdout.write(
                self.style.WARNING(
                    "Some roles read case content: they apply once a second administrator approves the pending "
                    f"change for user {token.user.username} (Accounts, changes waiting for approval)."
                )
            )
