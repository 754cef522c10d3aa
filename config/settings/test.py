"""Settings for the test suite: fixed test keys, fast hashing, in-memory mail, immediate tasks."""

import os

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
HARBOURLINE_KEY_FILE = ""
# Deterministic test keys (base64 of 32 bytes each): never used outside tests.
HARBOURLINE_FIELD_KEYS = os.environ.get(
    "HARBOURLINE_FIELD_KEYS",
    "t1:dGVzdC1rZXktb25lLXRlc3Qta2V5LW9uZS10ZXN0LWs=",
)
HARBOURLINE_BLIND_INDEX_KEY = "YmxpbmQtaW5kZXgta2V5LWZvci10ZXN0cy1vbmx5LSE="
HARBOURLINE_AUDIT_KEY = "YXVkaXQtY2hhaW4ta2V5LWZvci10ZXN0cy1vbmx5LSE="
# Checkpoints of the audit trail: one folder per test run (tests that look at them use their own tmp_path).
HARBOURLINE_AUDIT_CHECKPOINT_DIR = BASE_DIR / "var" / f"test-audit-checkpoints-{os.getpid()}"  # noqa: F405
HARBOURLINE_JOB_FILES_DIR = BASE_DIR / "var" / f"test-job-files-{os.getpid()}"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per test run, so several runs on one machine do not share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-harbourline-{os.getpid()}.sqlite3")}  # noqa: F405
