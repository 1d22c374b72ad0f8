"""The one settings module: every value comes from the environment through typed helpers.

UTBLICK_ENV chooses the defaults: ``development`` (the default, for `make run`),
``test`` (set by the test suite) or ``production``.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by ``<name>_FILE``."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


UTBLICK_ENV = env_str("UTBLICK_ENV", "development")
if UTBLICK_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("UTBLICK_ENV must be development, test or production")
PRODUCTION = UTBLICK_ENV == "production"

DATA_DIR = Path(env_str("UTBLICK_DATA_DIR", str(Path.cwd() / "data"))).resolve()


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production")
    # Development and tests: one key per checkout, kept beside the database.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", UTBLICK_ENV == "development")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Unset in development: open data and DCAT build their IRIs from the request's own address.
SITE_URL_CONFIGURED = bool(env_str("SITE_URL").strip())

#: Kolada's API (e.g. https://api.kolada.se/v3): when set, the worker fetches the
#: municipalities' Agenda 2030 indicators once a day. Off (empty) by default and in tests.
KOLADA_API_URL = env_str("UTBLICK_KOLADA_API_URL", "").rstrip("/")
if PRODUCTION and not SITE_URL_CONFIGURED:
    raise ImproperlyConfigured(
        "SITE_URL is required in production: the public https address, e.g. "
        "https://utblick.example.se (open data, the DCAT catalogue and e-mailed links carry it)"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_filters",
    "csp",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "utblick.core",
    "utblick.municipalities",
    "utblick.organisation",
    "utblick.accounts",
    "utblick.sso",
    "utblick.policies",
    "utblick.partners",
    "utblick.activities",
    "utblick.funding",
    "utblick.travel",
    "utblick.agenda",
    "utblick.imports",
    "utblick.intake",
    "utblick.followup",
    "utblick.actionplans",
    "utblick.reviews",
    "utblick.reports",
    "utblick.compliance",
    "utblick.termchange",
    "utblick.jobs",
    "utblick.public",
    "utblick.api",
    "ninja",  # API docs: Swagger UI from ninja/static, served locally (no CDN)
    "utblick.onboarding",
    "utblick.dashboard",
    "utblick.search",
    "utblick.peers",
    "utblick.euimport",
    "utblick.platformadmin",
    "utblick.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "utblick.api.middleware.ProblemMiddleware",
    "utblick.core.middleware.RefuseControlCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "utblick.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "utblick.core.notfound.OwnNotFoundPage",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "utblick.urls"
WSGI_APPLICATION = "utblick.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "utblick.accounts.context_processors.navigation",
                "utblick.public.context_processors.languages",
            ],
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'utblick.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0 if UTBLICK_ENV == "test" else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Requests are short: PostgreSQL's JIT compiles a plan whose estimated cost passes
    # jit_above_cost, which for the Att göra count at 100 000 activities took 138 of
    # 243 ms. Off unless DATABASE_URL says otherwise (?options=-c%20jit%3Don).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a writing transaction takes the write lock at BEGIN, so two
        # concurrent saves queue up instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if UTBLICK_ENV == "test":
        # A file, not memory: the browser tests' live server then opens its own
        # connections instead of sharing one across threads.
        DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if UTBLICK_ENV == "test":
    # Hashing strength is not under test; a fast hasher keeps the suite quick.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# django-axes first: a locked-out sign-in is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Background work (reports, imports, intake, reminders): django-tasks' database backend,
# run by `utblick worker` beside the web server. The same database holds the queue, so
# any number of workers on any number of machines share it (PostgreSQL: SKIP LOCKED).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["utblick.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected static files only matter in production; elsewhere they are served
# straight from the apps (and WhiteNoise would warn about a missing folder).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static"))) if PRODUCTION else None
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Development and tests serve static files straight from the apps' folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Limits on uploaded spreadsheets and documents, checked before parsing: the
# defaults are in utblick.core.uploads.Limits; any of them by name here, e.g.
# UPLOAD_MAX_BYTES=20971520 or UPLOAD_MAX_SECONDS=30 in the environment.
UPLOAD_LIMITS: dict[str, int] = {
    name: value
    for name, value in {
        "max_bytes": env_int("UPLOAD_MAX_BYTES", 0),
        "max_document_bytes": env_int("UPLOAD_MAX_DOCUMENT_BYTES", 0),
        "max_rows": env_int("UPLOAD_MAX_ROWS", 0),
        "max_seconds": env_int("UPLOAD_MAX_SECONDS", 0),
    }.items()
    if value
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "utblick@localhost")


def _networks(name: str) -> list[str]:
    """Addresses or networks (``10.0.0.5``, ``10.0.0.0/24``); a typo stops the start."""
    values = env_list(name, [])
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {value!r} is no IP address or network") from exc
    return values


# The reverse proxies in front of Utblick. Only a request from one of these has
# its client address read from X-Forwarded-For; otherwise REMOTE_ADDR counts.
UTBLICK_TRUSTED_PROXIES = _networks("UTBLICK_TRUSTED_PROXIES")

# Sign-in throttling (django-axes): this many failures for one username from one
# address lock that pair for the cool-off time; the right password is refused too.
AXES_FAILURE_LIMIT = env_int("UTBLICK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("UTBLICK_LOGIN_LOCK_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "utblick.core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "utblick.accounts.views.locked_out"  # a Swedish page, 429
# The lock lasts the cool-off time from the last counted failure; tries while
# locked do not prolong it, so "try again in 15 minutes" is true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True

# Anonymous forms (the accessibility report): this many per client address in the window.
UTBLICK_ANONYMOUS_FORM_LIMIT = env_int("UTBLICK_ANONYMOUS_FORM_LIMIT", 5)
UTBLICK_ANONYMOUS_FORM_WINDOW = timedelta(
    minutes=env_int("UTBLICK_ANONYMOUS_FORM_WINDOW_MINUTES", 10)
)

# How long a member's e-mail invitation link is valid.
UTBLICK_INVITATION_DAYS = env_int("UTBLICK_INVITATION_DAYS", 7)

# Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 10)
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
