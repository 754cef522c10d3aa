"""Settings for the gunicorn processes of test_edge.py: the test settings with a small tip allowance.

HARBOURLINE_TRUSTED_PROXIES, DATABASE_URL and REDIS_URL come from the environment, as in production."""

from config.settings.test import *  # noqa: F403
from config.settings.test import HARBOURLINE_RATE_LIMITS

HARBOURLINE_RATE_LIMITS = {**HARBOURLINE_RATE_LIMITS, "tip_submit": (4, 3600)}
