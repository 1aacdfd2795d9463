"""Settings for factcheck, read from the environment (see README.md, "Configuration").

With nothing set, the project runs embedded: SQLite, tasks in-process, local-memory cache.
DATABASE_URL and REDIS_URL switch to PostgreSQL and a Celery worker on Redis.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_rate,
    env_redis_url,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY", default=None)
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false.")
    SECRET_KEY = "dev-only-insecure-key-never-used-when-debug-is-off-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=["http://localhost"])

INSTALLED_APPS = [
    "reviews.admin_site.FactcheckAdminConfig",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "factcheck.api",
    "factcheck.webhooks",
    "claims",
    "reviews",
    "seeds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "factcheck" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", default="sqlite:///db.sqlite3", base_dir=BASE_DIR)}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", default=60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Login lockout (django-axes) ----------------------------------------------------------------
# A username, and separately an address, is locked out after this many failed logins and stays
# locked for the cool-off after its last failure; an administrator releases it earlier by
# deleting its access attempts in the admin. The API takes tokens only, so the admin login is the
# one place a password is tried.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("FACTCHECK_LOGIN_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FACTCHECK_LOGIN_COOLOFF_MINUTES", default=15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The address as the API throttles see it (FACTCHECK_API_NUM_PROXIES): behind a proxy, REMOTE_ADDR
# is the proxy's, and one person's failures would lock everyone out.
AXES_CLIENT_IP_CALLABLE = "factcheck.api.throttling.client_address"
# Kept in the database, so lockouts hold across processes and through a Redis outage. A success does
# not clear the failures: it would let anyone with an account clear those of the address they share.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = False

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development WhiteNoise serves from the app folders and rescans them; no collectstatic needed.
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "admin:login"

# --- Redis: Celery broker, result backend, cache and throttle store --------------------------
REDIS_URL = env_redis_url("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis fails fast instead of hanging the request; the throttles then count
            # per process and /healthz reports it (factcheck/api/throttling.py).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Even an eager task acquires a producer, whose connection kombu warns about when the URL names no
# host; the in-memory transport's host is "localhost", so say so.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker the embedded mode runs each task in-process, after the ingest has committed.
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_IGNORE_RESULT = True
# No-loss delivery: a message is acknowledged only after its task finished, and is re-queued when
# the worker running it dies; the broker must not hand it to another worker while it still runs.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes the database connection before and after every task unless it may
# reuse it; opening a PostgreSQL connection costs more than segmenting an article. Reused for this
# many tasks (and closed after a database error, see claims.tasks).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", default=100, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", default=120, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", default=150, minimum=1)
# Redis hands an unacknowledged message to another worker after this many seconds, so it must
# outlast the longest task; a shorter value would run one article twice in parallel.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT * 4, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # An unreachable broker must not hang a web request that queues work; the sweep re-queues.
    "socket_connect_timeout": 5,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = CELERY_BROKER_TRANSPORT_OPTIONS
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker keeps reconnecting for as long as Redis is away (a restart, a failover).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
if CELERY_TASK_TIME_LIMIT <= CELERY_TASK_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must be greater than CELERY_TASK_SOFT_TIME_LIMIT.")
if CELERY_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be greater than CELERY_TASK_TIME_LIMIT.")

# Segmentation recovery. A running segmentation renews its lease every HEARTBEAT_SECONDS; one not
# renewed for STUCK_SECONDS lost its worker (killed, out of memory, past the hard time limit), and
# the sweep or a redelivered message runs it again, up to MAX_ATTEMPTS times, then marks it failed.
# Articles `pending` for PENDING_SECONDS lost their message (Redis was down or restarted empty); the
# sweep, which runs only while the broker answers, queues them again.
FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS = env_int("FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS", default=5, minimum=1)
FACTCHECK_SEGMENTATION_STUCK_SECONDS = env_int("FACTCHECK_SEGMENTATION_STUCK_SECONDS", default=20, minimum=1)
if FACTCHECK_SEGMENTATION_STUCK_SECONDS <= 2 * FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS:
    # One late or failed renewal must not hand a live run to another worker.
    raise ImproperlyConfigured(
        "FACTCHECK_SEGMENTATION_STUCK_SECONDS must be greater than twice FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS."
    )
FACTCHECK_SEGMENTATION_PENDING_SECONDS = env_int("FACTCHECK_SEGMENTATION_PENDING_SECONDS", default=30, minimum=1)
FACTCHECK_SEGMENTATION_MAX_ATTEMPTS = env_int("FACTCHECK_SEGMENTATION_MAX_ATTEMPTS", default=5, minimum=1)
FACTCHECK_SEGMENTATION_SWEEP_SECONDS = env_int("FACTCHECK_SEGMENTATION_SWEEP_SECONDS", default=10, minimum=1)
# Articles stored together (an import batch) are segmented in tasks of up to this many, each taken,
# written and committed together. Small enough for both workers to share an import's work.
FACTCHECK_SEGMENTATION_BATCH_SIZE = env_int("FACTCHECK_SEGMENTATION_BATCH_SIZE", default=25, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-articles": {
        "task": "claims.sweep_stuck_articles",
        "schedule": FACTCHECK_SEGMENTATION_SWEEP_SECONDS,
        # A sweep that waited longer than the next one is pointless.
        "options": {"expires": FACTCHECK_SEGMENTATION_SWEEP_SECONDS},
    },
}

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "factcheck.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Writes take JSON only (anything else is 415); the parser also caps the size and refuses control characters.
    "DEFAULT_PARSER_CLASSES": ["factcheck.api.parsers.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "factcheck.api.renderers.JSONRenderer",  # DRF's output, written by orjson
        "factcheck.api.renderers.BrowsableAPIRenderer",  # DRF's, fitted to our CSP
    ],
    "EXCEPTION_HANDLER": "factcheck.api.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["factcheck.api.throttling.UserThrottle", "factcheck.api.throttling.AnonThrottle"],
    # Anonymous callers are counted by address: REMOTE_ADDR unless trusted proxies append X-Forwarded-For
    # (set to the number of them); otherwise a client could pick its own address with that header.
    "NUM_PROXIES": env_int("FACTCHECK_API_NUM_PROXIES", default=0, minimum=0),
}
# Counted in the default cache (Redis when REDIS_URL is set), so every web process shares the counts.
FACTCHECK_API_THROTTLE_RATES = {
    "user": env_rate("FACTCHECK_API_RATE_USER", default="1200/minute"),
    "anon": env_rate("FACTCHECK_API_RATE_ANON", default="120/minute"),
    # The public "has this been checked?" search, per address: each answer is ranked by the matcher.
    "factcheck_search": env_rate("FACTCHECK_API_RATE_SEARCH", default="30/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": "Push articles, read claims and verdicts, receive published fact-checks.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "DismissReasonEnum": "claims.models.Claim.DismissReason",
        "MatchStatusEnum": "claims.models.ClaimMatch.Status",
    },
    # factcheck.converters: an id the database can hold.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}},
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.api.schema.add_error_responses",
        "factcheck.api.schema.strict_request_bodies",
    ],
}

# --- The desk's own settings ------------------------------------------------------------------
FACTCHECK_MIN_SOURCES = env_int("FACTCHECK_MIN_SOURCES", default=1, minimum=0)
FACTCHECK_MAX_ARTICLE_BYTES = env_int("FACTCHECK_MAX_ARTICLE_BYTES", default=1_000_000, minimum=1)
FACTCHECK_PUBLISHER_NAME = env_str("FACTCHECK_PUBLISHER_NAME", default="factcheck desk")
# Public links start with this when set, else with the request's host; links written without a
# request (webhooks) fall back to the first allowed host, which must then name one (factcheck/links.py).
FACTCHECK_PUBLIC_BASE_URL = env_url("FACTCHECK_PUBLIC_BASE_URL", default="")
if not FACTCHECK_PUBLIC_BASE_URL and ALLOWED_HOSTS[0] == "*":
    raise ImproperlyConfigured(
        "FACTCHECK_PUBLIC_BASE_URL must be set when DJANGO_ALLOWED_HOSTS starts with '*': "
        "links written without a request (webhooks) need a host."
    )
# Webhooks: hosts (or host:port) that may resolve to loopback/private addresses, e.g. a receiver on the LAN.
FACTCHECK_WEBHOOK_ALLOWED_HOSTS = [h.lower() for h in env_list("FACTCHECK_WEBHOOK_ALLOWED_HOSTS", default=[])]
FACTCHECK_WEBHOOK_MAX_ATTEMPTS = env_int("FACTCHECK_WEBHOOK_MAX_ATTEMPTS", default=8, minimum=1)
FACTCHECK_WEBHOOK_RETRY_BASE_SECONDS = env_int("FACTCHECK_WEBHOOK_RETRY_BASE_SECONDS", default=30, minimum=1)
FACTCHECK_WEBHOOK_TIMEOUT_SECONDS = env_int("FACTCHECK_WEBHOOK_TIMEOUT_SECONDS", default=10, minimum=1)
FACTCHECK_WEBHOOK_MAX_RESPONSE_BYTES = env_int("FACTCHECK_WEBHOOK_MAX_RESPONSE_BYTES", default=65_536, minimum=1)
CELERY_BEAT_SCHEDULE["sweep-webhook-deliveries"] = {"task": "webhooks.sweep", "schedule": 60.0}
# Notifications a broker outage kept from their task are queued again from their outbox.
CELERY_BEAT_SCHEDULE["sweep-notifications"] = {"task": "reviews.notify_sweep", "schedule": 60.0}
# An event queued this many times by the sweep (every two minutes or so) is given up and logged.
FACTCHECK_NOTIFY_MAX_SWEEPS = env_int("FACTCHECK_NOTIFY_MAX_SWEEPS", default=30, minimum=1)

# Fetching articles by URL and polling feeds, through the outbound client's guard (factcheck.http).
# Hosts (or host:port) that may resolve to loopback/private addresses, e.g. a newsroom's intranet.
FACTCHECK_FETCH_ALLOWED_HOSTS = [h.lower() for h in env_list("FACTCHECK_FETCH_ALLOWED_HOSTS", default=[])]
FACTCHECK_FETCH_TIMEOUT_SECONDS = env_int("FACTCHECK_FETCH_TIMEOUT_SECONDS", default=15, minimum=1)
FACTCHECK_FETCH_MAX_BYTES = env_int("FACTCHECK_FETCH_MAX_BYTES", default=5_000_000, minimum=1)
FACTCHECK_FETCH_USER_AGENT = env_str(
    "FACTCHECK_FETCH_USER_AGENT", default=f"factcheck/1.0 (+{FACTCHECK_PUBLIC_BASE_URL.rstrip('/')}/)"
)
FACTCHECK_FETCH_PER_HOST = env_int("FACTCHECK_FETCH_PER_HOST", default=2, minimum=1)
FACTCHECK_FETCH_ROBOTS_CACHE_SECONDS = env_int("FACTCHECK_FETCH_ROBOTS_CACHE_SECONDS", default=3600, minimum=0)
FACTCHECK_FETCH_MAX_ATTEMPTS = env_int("FACTCHECK_FETCH_MAX_ATTEMPTS", default=5, minimum=1)
FACTCHECK_FEED_POLL_SECONDS = env_int("FACTCHECK_FEED_POLL_SECONDS", default=60, minimum=1)
FACTCHECK_FEED_MAX_BACKOFF_SECONDS = env_int("FACTCHECK_FEED_MAX_BACKOFF_SECONDS", default=86_400, minimum=60)
CELERY_BEAT_SCHEDULE["poll-due-feeds"] = {
    "task": "claims.poll_due_feeds",
    "schedule": FACTCHECK_FEED_POLL_SECONDS,
    "options": {"expires": FACTCHECK_FEED_POLL_SECONDS},
}
# Matching weighs words by how many published claims have them, counted again this often (a few
# seconds per 50,000 published claims); new fact-checks change those counts little within a day.
FACTCHECK_TERM_STATISTICS_SECONDS = env_int("FACTCHECK_TERM_STATISTICS_SECONDS", default=6 * 3600, minimum=60)
CELERY_BEAT_SCHEDULE["refresh-term-statistics"] = {
    "task": "claims.refresh_term_statistics",
    "schedule": FACTCHECK_TERM_STATISTICS_SECONDS,
    "options": {"expires": FACTCHECK_TERM_STATISTICS_SECONDS},
}
CELERY_BEAT_SCHEDULE["sweep-stuck-fetches"] = {
    "task": "claims.sweep_stuck_fetches",
    "schedule": FACTCHECK_SEGMENTATION_SWEEP_SECONDS,
    "options": {"expires": FACTCHECK_SEGMENTATION_SWEEP_SECONDS},
}
# --- E-mail (notifications) ------------------------------------------------------------------
# The embedded mode (and any DJANGO_DEBUG run) prints mails on the console; a deployment names its
# mail server. Notifications are mailed by the worker, after the step they are about committed.
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", default=25, minimum=1)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", default=10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="factcheck desk <desk@localhost>")

# --- Security: production (DJANGO_DEBUG=false) is HTTPS-only behind a TLS-terminating proxy ------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# The container healthcheck probes over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy on every response (django-csp). Every page takes its scripts and styles
# from our own static files, Swagger UI included (the sidecar package): nothing inline runs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],  # Swagger UI draws its icons from data: URLs
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "DJANGO_LOG_LEVEL", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
        ),
    },
}
