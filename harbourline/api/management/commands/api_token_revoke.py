from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from harbourline.accounts.models import User
from harbourline.api.models import ApiToken
from harbourline.api.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke an integration token at once, as the administrator named by --by."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token_id", type=int)
        parser.add_argument("--by", required=True, help="Username of the administrator.")

    def handle(self, *args: Any, token_id: int, by: str, **options: Any) -> None:
        actor = User.objects.filter(username=by, is_active=True).first()
        token = ApiToken.objects.filter(pk=token_id).first()
        if actor is None or token is None:
            raise CommandError("No such administrator or token.")
        try:
            api_token_revoke(actor, token=token)
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Token {token_id} ({token.name}) is revoked."))
