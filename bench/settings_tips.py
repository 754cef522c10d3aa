"""Settings for bench/tips.py: the test settings, PostgreSQL, and a rate limit high enough for a load test."""

from config.settings.test import *  # noqa: F403

HARBOURLINE_RATE_LIMITS = {**HARBOURLINE_RATE_LIMITS, "tip_submit": (10**9, 3600), "tip_lookup": (10**9, 600)}  # noqa: F405
