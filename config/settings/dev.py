"""Local settings for `make run`: SQLite, demo mode, a generated key file under var/."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR

# The demo shows the real error pages, never Django's technical pages listing every URL: DEBUG=1 to debug.
DEBUG = env_bool("DEBUG", default=False)  # noqa: F405
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production-0123456789"
HARBOURLINE_KEY_FILE = os.environ.get("HARBOURLINE_KEY_FILE", str(BASE_DIR / "var" / "keys.json"))
HARBOURLINE_DEMO_MODE = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
