from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from harbourline.audit.dbroles import apply, create_roles_sql, existing_objects_sql, runtime_grants_sql


class Command(BaseCommand):
    help = (
        "PostgreSQL only, run once as a superuser (DATABASE_URL of e.g. postgres): create the owner role that "
        "runs migrations and the runtime role the application uses, give the owner the database and its "
        "objects, and grant the runtime role what it needs (audit rows: insert and read only). Migrations "
        "re-apply the grants when HARBOURLINE_DB_RUNTIME_ROLE is set. --print shows the SQL instead."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--owner", default="harbourline_owner")
        parser.add_argument("--runtime", default="harbourline_app")
        parser.add_argument("--print", action="store_true", dest="print_only")

    def handle(self, *args: Any, owner: str, runtime: str, print_only: bool, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("db_roles is for PostgreSQL; SQLite has no roles.")
        if owner == runtime:
            raise CommandError("The owner and the runtime role must be different roles.")
        database = connection.settings_dict["NAME"]
        statements = [
            *create_roles_sql(owner=owner, runtime=runtime, database=database),
            *existing_objects_sql(owner),
            *runtime_grants_sql(runtime),
        ]
        if print_only:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic():
            apply(statements)
        self.stdout.write(
            self.style.SUCCESS(
                f"Roles ready on {database}: migrations as {owner} (DATABASE_OWNER_URL), the application as "
                f"{runtime} (DATABASE_URL, HARBOURLINE_DB_RUNTIME_ROLE={runtime}). Set their passwords with "
                "\\password in psql."
            )
        )
