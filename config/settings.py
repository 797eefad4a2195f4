"""Settings for the 京蒙协作 records site.

Every value that differs between a laptop and a deployment is read from the
environment through the small strict helpers below; the defaults give a
working site on SQLite with no configuration at all.
"""

import ipaddress
import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name, default, choices):
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def cache_from_url(url):
    """Turn CACHE_URL (locmem://, redis://host:port/db, dummy://) into CACHES."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        # Fails fast and stops asking for a while once Redis is down (config/cache.py).
        return {
            "BACKEND": "config.cache.FailFastRedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "FAIL_FAST_TIMEOUT": env_int("CACHE_TIMEOUT_MS", 250) / 1000,
                "RETRY_SECONDS": env_int("CACHE_RETRY_SECONDS", 5),
            },
        }
    if url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.removeprefix("locmem://") or "default",
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL scheme not supported: {url!r}")


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if env_bool("SECURE", False):
        raise ImproperlyConfigured("SECRET_KEY must be set when SECURE is on")
    # The public development key signs nothing of value only on a laptop (bin/start sets DEBUG)
    # and in the tests; anywhere else it would let anyone forge sessions and reset links.
    # Commands that serve nothing and sign nothing run anywhere without one: CI's
    # `makemigrations --check`, `collectstatic` while an image is built.
    keyless_command = Path(sys.argv[0]).name in {"manage.py", "django-admin", "__main__.py"} and sys.argv[1:2] in (
        ["makemigrations"], ["collectstatic"], ["compilemessages"], ["makemessages"],
    )
    if not (DEBUG or TESTING or keyless_command):
        raise ImproperlyConfigured("SECRET_KEY must be set unless DEBUG is on (bin/start sets DEBUG=true)")
    SECRET_KEY = "django-insecure-development-key-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django's admin on a site that works out its app list's names and addresses once.
    "accounts.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Django's own widget templates, for Jinja2 (FORM_RENDERER below) and for the admin's.
    "django.forms",
    "axes",
    "csp",
    "django_filters",
    "import_export",
    "simple_history",
    # TOTP two-factor login (等保 2.0), required for the administrator roles.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "review",
    "cooperation",
    "visits",
    "projects",
    "govsite",
    "feedback",
    "portal",
    # After auth, axes and otp_totp: its admin replaces theirs with audited versions.
    "accounts",
]

MIDDLEWARE = [
    # ETag on every page, and 304 Not Modified for a client that already has it (If-None-Match,
    # or If-Modified-Since where a view sets Last-Modified, as the feeds do). Outside the page
    # cache, so a page served from it answers 304 too (its stored ETag is reused, not recomputed).
    # Django's, answering at once a request without conditional headers (a hit's CPU time -20 %).
    "portal.pagecache.conditional.ConditionalGetMiddleware",
    # Whole pages for anonymous visitors, next: a hit needs none of the middleware below, and
    # the stored page keeps the headers they set (portal/pagecache/middleware.py).
    "portal.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Refuses a body larger than UPLOAD_MAX_BYTES before anything reads it.
    "config.uploads.UploadSizeMiddleware",
    # A view that cannot reach the database answers 503 with Retry-After (config/unavailable.py).
    "config.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # 等保 2.0 (accounts): who is acting for the audit log, then idle timeout, two-factor
    # login and password age, in that order.
    "accounts.audit.AuditContextMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.OTPRequiredMiddleware",
    "accounts.middleware.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

# Widgets through Jinja2, the rest through TEMPLATES (config/forms.py).
FORM_RENDERER = "config.forms.WidgetRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "govsite.context_processors.govsite",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite in a file the first run creates, unless DATABASE_URL names another database.
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# A read replica for the public pages (see config/routers.py): set DATABASE_REPLICA_URL.
if replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        replica_url, conn_max_age=env_int("CONN_MAX_AGE", 0), conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    MIDDLEWARE.insert(0, "config.routers.PublicReadMiddleware")

# Django's backends with the site's SELECT compiler (config/db/shapes.py: a query's columns,
# joins and order compiled once per shape, its WHERE each time).
SITE_BACKENDS = {
    "django.db.backends.postgresql": "config.db.postgresql",
    "django.db.backends.sqlite3": "config.db.sqlite3",
}
for _database in DATABASES.values():
    _database["ENGINE"] = SITE_BACKENDS.get(_database["ENGINE"], _database["ENGINE"])
# The first this many queries of each kept shape also compiled in full and compared (the tests set it).
SQL_SHAPE_CHECKS = env_int("SQL_SHAPE_CHECKS", 0)

# A database server that hangs (stopped, a network stall) must not hold a worker until gunicorn
# kills it: a connection that is not made within this many seconds fails, and the page is a 503.
for _database in DATABASES.values():
    if _database["ENGINE"] == "config.db.postgresql":
        _database.setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))

if DATABASES["default"]["ENGINE"] == "config.db.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL and a busy timeout so the dev server and an import can overlap.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}

# What is cached for visitors (pages, site settings, open data) is kept with what it shows and
# served while none of that changed (cooperation/content_version.py); the changes are numbered in
# the database by every write to the records. The writing process announces them to its server's
# other workers (shared memory) and to other servers (the cache), who read them at their next
# request; each process also reads them at least once every CONTENT_VERSION_CHECK_SECONDS, which
# bounds what no announcement reached. A cache hit still costs no query.
CONTENT_VERSION_CHECK_SECONDS = env_int("CONTENT_VERSION_CHECK_SECONDS", 1)

# Page cache for anonymous visitors (portal/pagecache): whole responses in the cache above,
# keyed by address and language, until a table or record the page shows changes, a scheduled
# publication comes, or PAGE_CACHE_SECONDS pass.
INSTALLED_APPS += ["portal.pagecache"]
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Each worker also keeps the pages it served lately in its own memory, up to this many bytes and
# seconds, under the same rule: a hit then needs no trip to Redis (0 turns it off).
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024)
PAGE_CACHE_LOCAL_SECONDS = env_int("PAGE_CACHE_LOCAL_SECONDS", 60)
PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
PAGE_CACHE_EXCLUDED_PATHS = ("/healthz", "/i18n/")
PAGE_CACHE_PRIVATE_PATHS = ("/admin/",)
# Staff security records (audit log, password history) never reach a public page: writing them
# leaves every cached copy as it is.
PAGE_CACHE_IGNORED_MODELS = ["accounts"]

# Sessions in the database by default; with several app servers and Redis, "cache" or
# "cached_db" shares them through the cache. The database's stores answer a database that takes
# no writes for now as an outage, not as a lost session (config/sessions).
SESSION_ENGINE = {
    "db": "config.sessions.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "config.sessions.cached_db",
}[env_choice("SESSION_STORE", "db", ["db", "cache", "cached_db"])]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # 等保 2.0: three of upper case, lower case, digits and symbols; none of the last five.
    {"NAME": "accounts.password_validation.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "accounts.password_validation.PasswordHistoryValidator"},
]
PASSWORD_HISTORY_COUNT = 5
# A staff password older than this must be changed before any other work in the admin.
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Hashed, compressed static files need `collectstatic`; development and the test suite
# serve them straight from the source folders instead.
HASHED_STATIC = not (DEBUG or TESTING) and env_bool("HASHED_STATIC", True)
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", "filesystem", ["filesystem", "s3"])
if MEDIA_STORAGE == "s3":
    # S3-compatible object storage through django-storages (pip install ".[s3]").
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "max-age=86400", "ContentDisposition": "inline"},
        },
    }
else:
    # Files written whole under a temporary name, renamed into place when their row commits.
    MEDIA_BACKEND = {"BACKEND": "cooperation.storage.TransactionalFileSystemStorage"}

STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if HASHED_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_AUTOREFRESH = not HASHED_STATIC

# Photo uploads: formats, pixel cap (well below Pillow's bomb limit) and size cap.
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 15 * 1024 * 1024)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content Security Policy: nothing inline, nothing from elsewhere. Pages and the admin work
# under it because no template carries a script or style of its own.
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

# Login throttling (django-axes): five failures lock that user name, and separately that
# address, for an hour. The message is the same whether or not the user exists.
# The reverse proxies whose X-Forwarded-For is believed (CIDR, comma-separated): the login lock,
# the feedback limit and the audit log use the address they forward, and anyone else's header is
# ignored. BEHIND_PROXY alone trusts a proxy on the same machine.
TRUSTED_PROXIES = env_list(
    "TRUSTED_PROXIES", ["127.0.0.1/32", "::1/128"] if env_bool("BEHIND_PROXY", False) else []
)
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES must list addresses or networks, got {_proxy!r}") from exc
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Deployment hardening; HTTPS settings switch on with SECURE=true.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Permissions-Policy (django-permissions-policy): the site uses no device or sensor, so no page —
# nor anything injected into one — may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}
SESSION_COOKIE_HTTPONLY = True
if env_bool("SECURE", False):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGIN_URL = "admin:login"

# 等保 2.0 in the back office (the accounts app; README "Security of the back office").
# Idle staff sessions end after 30 minutes (accounts.middleware.IdleTimeoutMiddleware); the
# page warns SESSION_IDLE_WARNING seconds before. The cookie lasts only as long as the browser,
# and the stored session a little longer than the idle limit, should the middleware be absent.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_IDLE_WARNING = 120
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT + 5 * 60
# TOTP for superusers and the three administrator roles: on unless developing or testing
# (the tests of two-factor login switch it on themselves). Anyone with a device always uses it.
OTP_REQUIRED_FOR_ADMIN_ROLES = env_bool("OTP_REQUIRED_FOR_ADMIN_ROLES", not (DEBUG or TESTING))
OTP_TOTP_ISSUER = "京蒙协作记录"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Audit records are kept at least six months; `manage.py prune_audit_log` removes older ones.
AUDIT_LOG_RETENTION_DAYS = env_int("AUDIT_LOG_RETENTION_DAYS", 180)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

IMPORT_EXPORT_SKIP_ADMIN_LOG = True

SITE_NAME = _("京蒙协作记录")

# Import and export
# The ledgers (台账) the import reads and the export writes, in the order a workbook imports
# them: 项目 first, so that 考察活动 can name projects and 年度数据 the pairings 项目 names;
# 会议发言 last, as it names trips.
INSTALLED_APPS += ["cooperation.ledgers"]
LEDGERS = [
    "projects.ledger.ProjectLedger",
    "cooperation.figure_ledger.FigureLedger",
    "visits.ledgers.trips.TripLedger",
    "visits.ledgers.speeches.SpeechLedger",
]
# Larger files go through `manage.py import_ledger`, which has no limit.
LEDGER_UPLOAD_MAX_BYTES = env_int("LEDGER_UPLOAD_MAX_MB", 10) * 1024 * 1024
# Rows per sheet a web import reads before it refuses the file (the import_ledger command takes
# more): a 1 MB XLSX can hold 200,000 rows, a 35 s dry run.
LEDGER_UPLOAD_MAX_ROWS = env_int("LEDGER_UPLOAD_MAX_ROWS", 20_000)
# Any request body larger than this is refused with 413 before it is read (config.uploads): the
# largest file a form takes (a photo, a ledger), with room for the rest of the form.
UPLOAD_MAX_BYTES = env_int(
    "UPLOAD_MAX_MB", (max(PHOTO_MAX_BYTES, LEDGER_UPLOAD_MAX_BYTES) + 5 * 1024 * 1024) // (1024 * 1024)
) * 1024 * 1024
# Parts created with their new parent by an import (participants and site visits of a new
# trip, speeches of a new meeting) get a history row of their own only when this is on;
# the parent's history and the import batch record them either way (see cooperation.ledgers).
LEDGER_PART_HISTORY = env_bool("LEDGER_PART_HISTORY", False)

# Background tasks (django-tasks, the backport of Django's task framework): a web import's
# preview and apply run in a worker, never inside the request. TASKS_URL chooses the queue:
# db:// (default) keeps it in the site's own database, for the embedded site (`bin/start`
# starts `manage.py db_worker` next to the dev server); redis://host:port/db puts it on RQ
# (`manage.py rqworker ledgers`), for production; immediate:// runs each task at once, inside
# the request that enqueues it (tests, or a site without a worker for small files only).
TASKS_URL = env_str("TASKS_URL", "db://")
INSTALLED_APPS += ["django_tasks"]
if TASKS_URL.startswith("db://"):
    INSTALLED_APPS += ["django_tasks_db"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["ledgers"]}}
elif TASKS_URL.startswith(("redis://", "rediss://")):
    INSTALLED_APPS += ["django_rq"]
    # django-tasks-rq looks results up through the "default" queue's connection.
    RQ_QUEUES = {
        name: {"URL": TASKS_URL, "DEFAULT_TIMEOUT": env_int("TASK_TIMEOUT_SECONDS", 3600)}
        for name in ("default", "ledgers")
    }
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["ledgers"]}}
elif TASKS_URL.startswith("immediate://"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["ledgers"]}}
else:
    raise ImproperlyConfigured(f"TASKS_URL scheme not supported: {TASKS_URL!r}")
# A running import that has reported no progress for this long is shown as interrupted (its
# worker was stopped); its transaction never committed, so nothing of it was written.
LEDGER_JOB_STALE_SECONDS = env_int("LEDGER_JOB_STALE_MINUTES", 15) * 60

# Government-website identity, sections and links (govsite)
# The site settings and which sections have content are cached this long; saving the settings
# or any record drops them at once, so the limit only matters for scheduled publications.
GOVSITE_CACHE_SECONDS = env_int("GOVSITE_CACHE_SECONDS", 300)
# A section is flagged on the staff dashboard when nothing in it is newer than this: two weeks
# for news-like sections, six months for the others. A section's key overrides its kind.
GOVSITE_FRESHNESS_DAYS = {
    "news": env_int("SECTION_FRESH_DAYS_NEWS", 14),
    "reference": env_int("SECTION_FRESH_DAYS_OTHER", 183),
}
# Registry pages the footer links each registration to ({code}: the number on record).
GOVSITE_ICP_REGISTRY_URL = "https://beian.miit.gov.cn/"
GOVSITE_POLICE_REGISTRY_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"
GOVSITE_ID_CODE_REGISTRY_URL = env_str("GOVSITE_ID_CODE_REGISTRY_URL", "https://zfwzzc.www.gov.cn/")
# `manage.py check_links`: per-request timeout and parallel requests for external links, and the
# time after which the external links not yet checked are left for the next run.
LINK_CHECK_TIMEOUT = env_int("LINK_CHECK_TIMEOUT", 5)
LINK_CHECK_WORKERS = env_int("LINK_CHECK_WORKERS", 8)
LINK_CHECK_TIME_LIMIT = env_int("LINK_CHECK_TIME_LIMIT", 600)
# Both link checks (this one and the review screen's) ask only public addresses: private,
# loopback, link-local, reserved and multicast ones are refused so that a link in a record cannot
# probe the office's network. Networks listed here (CIDR, comma-separated) are asked anyway — for
# an office whose own published servers sit on such an address. Empty by default.
LINK_CHECK_ALLOWED_NETWORKS = env_list("LINK_CHECK_ALLOWED_NETWORKS", [])
# The dead-link check's own records change no public page.
PAGE_CACHE_IGNORED_MODELS = [*PAGE_CACHE_IGNORED_MODELS, "govsite.LinkCheckRun", "govsite.BrokenLink"]
