"""Settings shared by every environment. Everything secret or site-specific comes from the environment."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "django_ratelimit",
    # Harbourline, platform first
    "harbourline.core",
    "harbourline.crypto",
    "harbourline.audit",
    "harbourline.accounts",
    "harbourline.country",
    "harbourline.api",
    # case management
    "harbourline.cases",
    "harbourline.cases.screening",
    # awareness
    "harbourline.public",
    "harbourline.public.tips",
    "harbourline.campaign",
    # capacity building
    "harbourline.training",
    "harbourline.justice",
    "harbourline.referrals",
    "harbourline.reference",
    # figures
    "harbourline.stats",
]

FILE_UPLOAD_HANDLERS = [
    "harbourline.core.uploads.SizeLimitUploadHandler",  # stops an upload at the view's limit as it streams
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
HARBOURLINE_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "harbourline.core.middleware.RefuseNulMiddleware",
    "harbourline.accounts.middleware.SessionLifetimeMiddleware",
    "harbourline.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "harbourline.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "harbourline.core.context_processors.harbourline",
                "harbourline.referrals.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'harbourline.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet; SQLite cannot create the file's directory itself.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A read replica for dashboards and exports (harbourline.stats.routers): an analyst's heavy query never slows
# case work. Without DATABASE_REPLICA_URL every read goes to the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=600, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["harbourline.stats.routers.StatsReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: 30 minutes idle (refreshed on each request), 12 hours at most (middleware).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "harbourline.core.errors.csrf_failure"
HARBOURLINE_SESSION_MAX_AGE = 12 * 60 * 60

# Lockout (django-axes): five failures lock the username for an hour, whatever comes after.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# One rule for the client address (harbourline.core.client_address), shared with the rate limits.
AXES_CLIENT_IP_CALLABLE = "harbourline.core.client_address.client_address"
# Attempted usernames are kept as a keyed hash (HMAC under the blind-index key), never in clear; successful
# logins are in Harbourline's own audit trail, so axes keeps no access log of its own.
AXES_USERNAME_CALLABLE = "harbourline.accounts.axes_username.attempted_username"
AXES_HANDLER = "harbourline.accounts.axes_username.HashedUsernameHandler"
AXES_DISABLE_ACCESS_LOG = True

OTP_TOTP_ISSUER = "Harbourline"

# Languages: staff work in English; the public site also speaks Kwéyòl and Spanish.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("acf", "Kwéyòl"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "harbourline" / "locale"]
TIME_ZONE = "America/St_Lucia"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("HARBOURLINE_MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Content Security Policy: nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "harbourline.api.authentication.IntegrationTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Harbourline API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"YesNoUnknownEnum": "harbourline.public.tips.models.YesNoUnknown"},
}

# Shared state for every worker process: Redis when REDIS_URL is set (production), else a table in the
# database (`createcachetable`). Rate limits and lockouts count across processes either way.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("HARBOURLINE_CACHE_PREFIX", "harbourline"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "harbourline.core.cache.AtomicDatabaseCache",
            "LOCATION": "harbourline_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# The proxies in front of the application (addresses or networks, comma-separated). Empty: the connecting
# address is the client. Otherwise X-Forwarded-For is read from the right, skipping these.
HARBOURLINE_TRUSTED_PROXIES = env_list("HARBOURLINE_TRUSTED_PROXIES")

# Rate limits (django-ratelimit), per client address unless said otherwise: (requests, seconds).
RATELIMIT_USE_CACHE = "default"
HARBOURLINE_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "tip_submit": (20, 3600),
    "tip_lookup": (30, 600),
    # Wrong PINs on the phone test: per address for one participant, and per address in all (a workshop
    # room shares one address). Nobody elsewhere can use up a participant's tries.
    "training_pin_participant": (5, 900),
    "training_pin": (60, 900),
    "certificate_verify": (60, 600),
    "password_reset": (5, 3600),
    # Reset mails to one address, whoever asks: no flood of mail to a colleague.
    "password_reset_email": (3, 3600),
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The address staff open Harbourline at, for links in notification emails (a case number and a link only).
SITE_URL = os.environ.get("HARBOURLINE_SITE_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "harbourline@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

# Field encryption: a key file (JSON) or HARBOURLINE_FIELD_KEYS / HARBOURLINE_BLIND_INDEX_KEY in the
# environment. Keys never live in the database.
HARBOURLINE_KEY_FILE = os.environ.get("HARBOURLINE_KEY_FILE", "")
HARBOURLINE_COUNTRY = os.environ.get("HARBOURLINE_COUNTRY", "saint_lucia")
# The address the public reaches the site by (https://...), for links printed on paper: the certificate's QR
# code and verification link. Never taken from the request, whose host depends on how the trainer got in.
HARBOURLINE_PUBLIC_URL = os.environ.get("HARBOURLINE_PUBLIC_URL", "").strip().rstrip("/")
HARBOURLINE_DEMO_MODE = False
# Figures shown publicly, shared outside government or downloaded by an analyst show counts below this as "<5".
HARBOURLINE_SMALL_CELL = int(os.environ.get("HARBOURLINE_SMALL_CELL", "5"))
# The dashboard asks the worker to rebuild its summary counts when they are older than this (minutes).
HARBOURLINE_FIGURES_MAX_AGE = int(os.environ.get("HARBOURLINE_FIGURES_MAX_AGE", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
FORM_RENDERER = "harbourline.core.forms.HarbourlineFormRenderer"
# axes.W006 asks to lock by IP address too. Government offices share one NAT address, so locking by IP would
# lock a whole ministry out; the requirement is to lock the account, whatever address the attempts come from.
# django_ratelimit.W001: Django's own Redis backend (atomic INCR) and Harbourline's database cache (incr under
# a row lock, harbourline.core.cache) are not on the library's short list of backends.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "django_ratelimit.W001"]

INSTALLED_APPS += ["harbourline.jobs"]

# Audit trail and background work (django-tasks). Rows are appended without a lock and sealed into an HMAC
# chain by the worker; signed checkpoints are written outside the database. The scheduler
# (`manage.py scheduler`) enqueues these jobs; "every" is in seconds.
HARBOURLINE_AUDIT_CHECKPOINT_DIR = Path(
    os.environ.get("HARBOURLINE_AUDIT_CHECKPOINT_DIR", BASE_DIR / "var" / "audit-checkpoints")
)
HARBOURLINE_AUDIT_SEAL_MAX_DELAY = int(os.environ.get("HARBOURLINE_AUDIT_SEAL_MAX_DELAY", "300"))
HARBOURLINE_JOB_FILES_DIR = Path(os.environ.get("HARBOURLINE_JOB_FILES_DIR", MEDIA_ROOT / "jobs"))
HARBOURLINE_JOB_FILES_KEEP_HOURS = 24
HARBOURLINE_DB_RUNTIME_ROLE = os.environ.get("HARBOURLINE_DB_RUNTIME_ROLE", "")
HARBOURLINE_SCHEDULE = {
    "audit-seal": {"task": "harbourline.audit.tasks.audit_seal_task", "every": 5},
    "audit-checkpoint": {"task": "harbourline.audit.tasks.audit_checkpoint_task", "every": 60 * 60},
    "job-files-cleanup": {"task": "harbourline.jobs.tasks.job_files_cleanup_task", "every": 60 * 60},
    "task-results-prune": {"task": "harbourline.jobs.tasks.task_results_prune_task", "every": 60 * 60},
    "retention-purge": {"task": "harbourline.jobs.tasks.retention_purge_task", "every": 30 * 24 * 60 * 60},
}
