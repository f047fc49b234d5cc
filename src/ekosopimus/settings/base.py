"""Settings shared by every environment. Environment-specific modules extend these."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The checkout root when installed in editable mode (as `make run` does); the data directory
# defaults to var/ there so that a fresh clone keeps its database beside the code.
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("EKOSOPIMUS_DATA_DIR", PROJECT_DIR / "var"))

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The form renderer below finds Django's own widget templates through this app.
    "django.forms",
    "simple_history",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_guid",
    "ekosopimus.jobs",
    "ekosopimus.messaging",
    "ekosopimus.accounts",
    "ekosopimus.agreements",
    "ekosopimus.organizations",
    "ekosopimus.monitoring",
    "ekosopimus.portfolio",
    "ekosopimus.reports",
    "ekosopimus.analysis",
    "ekosopimus.revisions",
    "ekosopimus.legal",
]

MIDDLEWARE = [
    # A probe's question needs no host check, HTTPS, session or log line.
    "ekosopimus.health.HealthMiddleware",
    # Next, so that every log line of a request carries its id.
    "django_guid.middleware.guid_middleware",
    "ekosopimus.lib.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers, before sessions are read for them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ekosopimus.lib.middleware.ChosenLanguageMiddleware",
    # Before anything reads the body: a post too large to read goes back to its page.
    "ekosopimus.lib.oversize.OversizePostMiddleware",
    "ekosopimus.lib.nul.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: a write refused for contention is logged with its user.
    "ekosopimus.lib.contention.ContentionMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ekosopimus.urls"

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
                "ekosopimus.accounts.context_processors.access",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.l10n",
                "django.templatetags.static",
                "ekosopimus.lib.templatetags",
            ],
        },
    },
]

# Every form is drawn with the Helsinki Design System's markup (templates/django/forms/).
FORM_RENDERER = "ekosopimus.lib.forms.ProjectFormRenderer"

WSGI_APPLICATION = "ekosopimus.wsgi.application"


def database_from_env(default_url: str) -> dict:
    """The database named by DATABASE_URL, or the embedded SQLite ``default_url`` when unset."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = default_url
    config = dj_database_url.parse(url, conn_max_age=60)
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options.update(SQLITE_OPTIONS)
    elif config["ENGINE"] == "django.db.backends.postgresql":
        options.setdefault("options", POSTGRESQL_OPTIONS)
    return config


# The embedded database serves pages while an import writes: WAL lets readers go on, and a
# 64 MB page cache keeps the indexes of a 100,000-row import in memory. The PRAGMAs run as each
# connection opens, after the busy timeout is set, so even switching a new file to WAL waits for
# a writer instead of failing.
SQLITE_INIT = (
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
    "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
)
# How long a write waits for the database, in seconds, before the user is asked to try again.
# It covers the write phase of a 100,000-row import (the longest lock anything takes).
DATABASE_WAIT_SECONDS = int(os.environ.get("EKOSOPIMUS_DATABASE_WAIT", "30"))
SQLITE_OPTIONS = {
    "init_command": SQLITE_INIT,
    # Every transaction takes the write lock as it begins. A deferred one that read first could
    # not take it later once another connection had written (SQLite answers "database is
    # locked" at once, without waiting), which is what made concurrent saves fail.
    "transaction_mode": "IMMEDIATE",
    "timeout": DATABASE_WAIT_SECONDS,
}
# PostgreSQL waits for a row another transaction holds for as long as this, then gives up.
# Compiling a query to machine code (JIT) pays off only for queries that run for many seconds;
# for the few hundred milliseconds a large portfolio's sums take, it cost up to 145 ms a query.
POSTGRESQL_OPTIONS = f"-c lock_timeout={DATABASE_WAIT_SECONDS * 1000} -c jit=off"


DATABASES = {"default": database_from_env(f"sqlite:///{DATA_DIR / 'ekosopimus.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reads are scoped by role in each view; writes need a signed-in user.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "ekosopimus.api.common.Pages",
    "EXCEPTION_HANDLER": "ekosopimus.api.common.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ekosopimus API",
    "DESCRIPTION": "The innovation ecosystem agreements, their projects, reports and figures. "
    "Public data is open under CC BY 4.0.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the package itself: no CDN, and no inline script for the CSP to refuse.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ekosopimus.api.schema.add_error_responses",
    ],
}

SERIALIZATION_MODULES = {"backup-json": "ekosopimus.lib.backup_json"}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Signing in and hardening ----------------------------------------------------------------------

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Hashes made before Argon2 still verify, and are upgraded at the next sign-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user name from one address pause signing in there for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Pages carry no inline script or style, so the policy can forbid both.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Uploads: EURA lists up to 100 MB and agreement documents up to 20 MB are checked by their
# forms; anything larger is refused before it is read. Other request bodies stay small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Who answers for the service, named in the privacy notice and the accessibility statement.
# Each installation sets its own; the defaults say plainly that they are not yet set.
EKOSOPIMUS_CONTROLLER = os.environ.get("EKOSOPIMUS_CONTROLLER", "").strip()
EKOSOPIMUS_PRIVACY_CONTACT = os.environ.get("EKOSOPIMUS_PRIVACY_CONTACT", "").strip()
EKOSOPIMUS_ACCESSIBILITY_CONTACT = os.environ.get("EKOSOPIMUS_ACCESSIBILITY_CONTACT", "").strip()

# Finnish first; Swedish and English follow.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
# Files the application makes or receives (uploaded EURA lists waiting for a worker, rendered
# summaries, the similarity index): every web and worker process must see the same folder.
FILES_ROOT = Path(os.environ.get("EKOSOPIMUS_FILES_DIR", DATA_DIR / "files"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": FILES_ROOT, "file_permissions_mode": 0o640},
    },
    # Compressed copies and content-hashed names, so that browsers may keep them for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Cache, tasks and e-mail ------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "").strip()


def cache_from_env() -> dict:
    """Redis when REDIS_URL is set; otherwise files in the data folder.

    Local memory would give each web and worker process a cache of its own, and a task's
    progress, written by a worker, would never reach the page that shows it.
    """
    if REDIS_URL:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
    }


def tasks_from_env() -> dict:
    """RQ on Redis when REDIS_URL is set (any number of workers on any number of machines);
    otherwise the database queue, which the embedded installation's own worker reads."""
    if REDIS_URL:
        return {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


CACHES = {"default": cache_from_env()}
# How long the situation pictures' and the rules' figures are remembered at most; they are
# made anew as soon as anything they read changes (``lib/stamp.py``). 0 turns it off.
FIGURES_CACHE_SECONDS = int(os.environ.get("EKOSOPIMUS_FIGURES_CACHE_SECONDS", "3600"))
TASKS = tasks_from_env()
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}

# A running job is marked alive this often; one not marked for three beats was interrupted.
JOB_HEARTBEAT_SECONDS = float(os.environ.get("EKOSOPIMUS_JOB_HEARTBEAT", "10"))

# Each worker looks this often whether periodic work is due (``jobs/schedule.py``); the daily
# reminders are due from REMINDERS_HOUR local time.
SCHEDULE_CHECK_SECONDS = float(os.environ.get("EKOSOPIMUS_SCHEDULE_CHECK_SECONDS", "60"))
REMINDERS_HOUR = int(os.environ.get("EKOSOPIMUS_REMINDERS_HOUR", "7"))

# E-mail goes through SMTP when EMAIL_HOST is given; without it, each message is written as a
# file into the data folder, where a developer can read it.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "sent-mail"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in {"1", "true", "yes"}
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "").lower() in {"1", "true", "yes"}
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ekosopimus <ekosopimus@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address pages put in links of e-mails, which have no request to take it from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Logs, request ids and error reports ------------------------------------------------------------

# JSON lines for a log collector in production (LOG_FORMAT=json), readable lines elsewhere.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "correlation_id": "request_id",
            },
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Our request log says the same, with the request id and the user.
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},
    },
}
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    # A proxy's id is taken over only when it looks like one, so that a client cannot write
    # arbitrary text into the logs.
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": True,
    "INTEGRATIONS": [],
    "IGNORE_URLS": [],
    "UUID_LENGTH": 32,
}

SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        # Names, e-mail addresses and sign-in details stay out of error reports.
        send_default_pii=False,
    )

# Optional single sign-on with the cities' identity services (Entra ID and others), switched on
# by giving the client id. A user signed in this way starts with no role until one is granted.
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("mozilla_django_oidc.auth.OIDCAuthenticationBackend")
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
