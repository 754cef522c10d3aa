import base64
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from harbourline.accounts.demo import DEMO_PASSWORD
from harbourline.accounts.models import AuthenticatorDevice, User
from harbourline.accounts.services import recovery_codes_issue


class Command(BaseCommand):
    help = "Print the demo logins, each with fresh recovery codes for the second factor (demo installations only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="Where the server answers (make run passes its own).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HARBOURLINE_DEMO_MODE:
            raise CommandError("Demo logins exist only in demo installations (HARBOURLINE_DEMO_MODE).")
        users = list(User.objects.filter(is_demo=True).select_related("agency").order_by("pk"))
        if not users:
            raise CommandError("No demo users: run `manage.py seed_demo` first.")
        lines = [
            "",
            f"Harbourline demo logins (fictional data). Open {options['url']} and log in.",
            f"Every demo user's password: {DEMO_PASSWORD}",
            "Second factor: type one of the recovery codes below (each works once; rerun `make run` or",
            "`manage.py demo_logins` for new ones), or add the TOTP secret to an authenticator app.",
            "",
            f"{'username':<13} {'role':<22} {'agency':<16} {'recovery codes':<19} TOTP secret",
        ]
        for user in users:
            codes = recovery_codes_issue(actor=user, user=user, count=3)
            device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).first()
            secret = (
                base64.b32encode(device.bin_key).decode().rstrip("=") if device else "(enrols at first login)"
            )
            agency = user.agency.display_name if user.agency else ""
            lines.append(
                f"{user.username:<13} {', '.join(user.role_labels()):<22} {agency:<16} {' '.join(codes[:2]):<19} {secret}"
            )
        self.stdout.write("\n".join(lines) + "\n")
