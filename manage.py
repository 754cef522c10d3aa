#!/usr/bin/env python
"""Django's command-line utility for Harbourline."""

import os
import sys

# Commands that need more than the application's runtime database role (which may only insert and read audit
# rows and owns no table): they connect as the owner role from DATABASE_OWNER_URL when it is set.
OWNER_COMMANDS = {"migrate", "restore", "rotate_keys"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if len(sys.argv) > 1 and sys.argv[1] in OWNER_COMMANDS and os.environ.get("DATABASE_OWNER_URL"):
        os.environ["DATABASE_URL"] = os.environ["DATABASE_OWNER_URL"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
