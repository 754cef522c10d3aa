"""Minimal settings for the floor app: the same database and cache as the tip line, nothing else."""

from config.settings.base import CACHES, DATABASES  # noqa: F401  (the same database and shared cache)

SECRET_KEY = "bench-floor-only-not-a-secret-0123456789-abcdefghijklmnop"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "bench.floor"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
ROOT_URLCONF = "bench.floor.urls"
TEMPLATES: list[dict[str, object]] = []
USE_TZ = True
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
RATELIMIT_USE_CACHE = "default"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
