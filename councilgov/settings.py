"""Settings for councilgov, read from the environment.

The defaults are safe for production: DEBUG is off, no host is allowed and a secret key must
be given. `make run` sets DEBUG=1 for local use, which supplies a development key and allows
localhost.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database(url: str) -> dict:
    """One database's settings from its URL: the same for the primary and a read replica."""
    config = dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0"))
    )
    # A connection kept between requests is checked before reuse, so a restarted database
    # costs no failed request.
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # The web server and the worker write to one file: WAL lets readers and a writer work
        # side by side, writers wait for each other rather than failing with "database is
        # locked", and each transaction takes the write lock when it begins, so it never has to
        # upgrade a read lock (which SQLite refuses at once, whatever the timeout).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: the register's public-record filters (OR-ed EXISTS over
        # contracts, funding lines and decisions) have high cost estimates but run in
        # milliseconds, and PostgreSQL spent 1 to 2.5 s compiling each of them (EXPLAIN ANALYZE
        # of a funding-line year filter on 30,000 decisions: 2,466 ms, of which JIT 2,378 ms).
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return config


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# `make serve` keeps a generated key in this file (ignored by git) when SECRET_KEY is unset.
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / ".secret_key"))
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set the SECRET_KEY environment variable (or DEBUG=1 locally).")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "councilgov.admin_site.CouncilAdminConfig",  # django.contrib.admin, pickers named by council
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "councilgov.staticfiles.RegisterStaticFilesConfig",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "csp",
    "axes",
    "decisions",
    "commissioning",
]

MIDDLEWARE = [
    # First: anonymous visitors' public pages from the shared cache (decisions/caching), stored
    # with the headers every middleware below adds (security, content security policy).
    "decisions.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # 400 for a NUL or other control character in the address or query (councilgov/middleware.py).
    "councilgov.middleware.RejectControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # GOV.UK-styled 405, and 503 while the database cannot be reached (councilgov/errors.py).
    "councilgov.errors.ErrorPagesMiddleware",
    # An anonymous visitor's GET of a public page reads the register from the replica, when
    # DATABASE_REPLICA_URL gives one (councilgov/routers.py). After AuthenticationMiddleware,
    # before the statement timeout, which bounds the replica's statements too.
    "councilgov.middleware.PublicReadsMiddleware",
    # Anonymous requests' statements are cut off after PUBLIC_STATEMENT_TIMEOUT_MS. After
    # ErrorPagesMiddleware, so that a cancelled statement is answered "try a narrower search"
    # before that middleware takes it for the database being down.
    "councilgov.middleware.PublicStatementTimeoutMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "councilgov.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "decisions.web.context_processors.register",
            ],
        },
    },
]

WSGI_APPLICATION = "councilgov.wsgi.application"
ASGI_APPLICATION = "councilgov.asgi.application"

# SQLite file by default; PostgreSQL (psycopg 3) when DATABASE_URL points at one.
DATABASES = {
    "default": database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
# Every request is one transaction: a failed save leaves nothing half-written.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# A read replica of the primary (PostgreSQL streaming replication, say): anonymous visitors'
# reads of the public register go to it, everything else to the primary (councilgov/routers.py).
# Nothing is written there, so no request opens a transaction on it; in tests it is the
# primary's test database (TEST MIRROR), read through the primary's own connection.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["councilgov.routers.PublicReadsRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Served by WhiteNoise: compressed, with content-hashed names cached for a year, once
# `collectstatic` has run (STATIC_MANIFEST=0 reads the source folders, as the tests do).
STATIC_MANIFEST = env_flag("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collected files, WhiteNoise serves them from the source folders (the finders).
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
# Front-end assets come from npm (`npm ci`, then `npm run build` compiles the GOV.UK Frontend
# Sass with the register's settings into assets/build/).
STATICFILES_DIRS = [
    ("build", BASE_DIR / "assets" / "build"),
    # The workspace's own scripts (autosave of report sections), written for councilgov.
    ("js", BASE_DIR / "assets" / "js"),
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    # Swagger UI for the API's documentation page (/api/docs/), from npm rather than a CDN.
    ("swagger-ui", BASE_DIR / "node_modules" / "swagger-ui-dist"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Security ---------------------------------------------------------------------------------------

# HTTPS whenever DEBUG is off, behind a proxy that says so in X-Forwarded-Proto.
# SECURE_SSL_REDIRECT=0 turns it off for a plain-http local serve (`make serve`).
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer may probe the health check over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = (
    int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if SECURE_SSL_REDIRECT else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# "preload" in the header only allows the domain to be submitted to browsers' HSTS preload
# list (hstspreload.org); nothing is submitted unless someone does so.
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A form sent without its token answers the register's own 403 page.
CSRF_FAILURE_VIEW = "councilgov.errors.csrf_failure"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# No inline script anywhere, and styles only from the register's own files (django-csp).
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
    },
}

# Sign-in: after AXES_FAILURE_LIMIT failed attempts for one username, or from one address,
# further attempts are refused for AXES_COOLOFF_MINUTES (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Whose address is counted (django-ipware): behind a reverse proxy that appends the visitor's
# address to X-Forwarded-For (BEHIND_PROXY=1), the right-most address there, the one the proxy
# saw; anything a visitor puts further left is ignored. Otherwise the connection's own address,
# and X-Forwarded-For is not read at all.
BEHIND_PROXY = os.environ.get("BEHIND_PROXY", "0") == "1"
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if BEHIND_PROXY else ("REMOTE_ADDR",)
)
# The GOV.UK page saying how long to wait, or to reset the password (429 Too Many Requests).
AXES_LOCKOUT_CALLABLE = "decisions.accounts.views.locked_out"

# The shared cache: one Redis for every web node and the worker in production (CACHE_URL, such
# as redis://127.0.0.1:6379/0), memory in one process otherwise. REDIS_URL, its former name, is
# still read when CACHE_URL is not set.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must be a Redis URL, such as redis://127.0.0.1:6379/0.")
CACHES = {
    "default": (
        {"BACKEND": "councilgov.cache.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions are rows in the primary database, never files on one web node: any node can serve
# any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO; only their problems matter.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The public register ---------------------------------------------------------------------------

# The page cache (decisions/caching): on by default when the cache is shared (Redis), since a
# local-memory cache is one process's own and would not hear of a change made in another.
PAGE_CACHE = (
    os.environ.get(
        "PAGE_CACHE", "1" if CACHES["default"]["BACKEND"].endswith("RedisCache") else "0"
    )
    == "1"
)
# The longest a page is kept, in seconds, if no record changes and the clock does not change it.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(24 * 3600)))
# How long a CDN or browser may keep a public page without asking again (it may then ask with
# If-None-Match and get a 304). 0, the default, means always asking, so nothing is ever stale.
PAGE_CACHE_CDN_MAX_AGE = int(os.environ.get("PAGE_CACHE_CDN_MAX_AGE", "0"))

REGISTER_NAME = os.environ.get("REGISTER_NAME", "Council decisions register")
# How long one database statement of a request without a signed-in user may run on PostgreSQL
# before it is cancelled and answered 503 "try a narrower search"; 0 for no limit.
PUBLIC_STATEMENT_TIMEOUT_MS = int(os.environ.get("PUBLIC_STATEMENT_TIMEOUT_MS", "5000"))
# The most decisions one CSV download may hold, a larger selection being refused and asked to
# narrow its filters; 0, the default, for none: the download streams in batches in bounded
# memory, so the whole register can be downloaded (decisions/register/csv.py).
CSV_MAX_ROWS = int(os.environ.get("CSV_MAX_ROWS", "0"))
# The register's address, for the links in emails (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # django-filter, answering 400 for a parameter a list does not take.
    "DEFAULT_FILTER_BACKENDS": ["decisions.api.filters.RegisterFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "decisions.api.pagination.RegisterPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "councilgov decision register API",
    "DESCRIPTION": (
        "Read-only records of council decisions, contracts, funding, meetings and issues."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models share a choice field's name ("kind", "status", "precision"): name each.
    "ENUM_NAME_OVERRIDES": {
        "PrecisionEnum": "decisions.choices.Precision",
        "DecisionStatusEnum": "decisions.models.Decision.Status",
        "FundingLineKindEnum": "commissioning.models.FundingLine.Kind",
    },
    # The 400, 404 and 414 answers every operation can give (decisions.api.schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "decisions.api.schema.document_error_answers",
    ],
}

# Signing in, email and background tasks -------------------------------------------------------

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "officers:home"
LOGOUT_REDIRECT_URL = "signed-out"

# Console by default; SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "democratic.services@example.org")

# Notifications are sent by `manage.py db_worker` (django-tasks-db), never inside a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOTIFICATION_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATION_MAX_ATTEMPTS", "5"))
