"""Settings for bench/tips.py: the test settings, PostgreSQL, and a rate limit high enough for a load test."""

from config.settings.test import *  # noqa: F403

HARBOURLINE_TIP_RATE_LIMITS = {"submit": (10**9, 3600), "lookup": (10**9, 600)}
