"""One settings module, driven by environment variables with safe development defaults."""

import hashlib
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def code_fingerprint():
    """What the code that renders pages looks like: its files' names, sizes and times."""
    digest = hashlib.sha256()
    for folder in ("tracker", "templates", "static"):
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                info = path.stat()
                digest.update(
                    f"{path.relative_to(BASE_DIR)}|{info.st_size}|{info.st_mtime_ns}".encode()
                )
    return digest.hexdigest()[:16]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    # Only ever used with DEBUG on: a local development server, never a deployment.
    SECRET_KEY = "django-insecure-development-only-key-for-on-the-record"
elif not DEBUG and (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    # The rule `check --deploy` warns about (security.W009), enforced: signed cookies, CSRF
    # tokens and password-reset links are only as strong as this key.
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random characters "
        f"(at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones), not starting with "
        f"{SECRET_KEY_INSECURE_PREFIX!r}. For example: python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'"
    )

# Part of every public page's ETag: a new release must not answer 304 with old pages. Set it
# to the same value on every app server (a commit hash, say) so that their ETags agree.
RELEASE = os.environ.get("RELEASE") or code_fingerprint()


def site_url(value):
    """SITE_URL as a scheme and a host (and a port), with no path: "https://archive.example"."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(
            f"SITE_URL must be the archive's public URL, like https://archive.example: not {value!r}."
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ImproperlyConfigured(f"SITE_URL must hold no query, fragment or password: {value!r}.")
    return f"{parts.scheme}://{parts.netloc}"


# The archive's one public URL. Every absolute URL the archive gives (canonical links, JSON-LD,
# citations, feeds, sitemaps, robots.txt, the CSV, the API) and every cache key is made from it,
# never from the Host a request names: anyone can send any Host, Django checks its name against
# ALLOWED_HOSTS but not its port, and a page naming that host would be cached for everyone.
SITE_URL = os.environ.get("SITE_URL", "")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else urlsplit(SITE_URL).hostname or ""
)
if not SITE_URL:
    if DEBUG:
        SITE_URL = "http://127.0.0.1:8000"  # make run's server
    elif ALLOWED_HOSTS and not ALLOWED_HOSTS[0].startswith(".") and "*" not in ALLOWED_HOSTS[0]:
        SITE_URL = f"https://{ALLOWED_HOSTS[0]}"
    else:
        raise ImproperlyConfigured(
            "Set SITE_URL to the archive's public URL (https://archive.example), or name its "
            "host first in ALLOWED_HOSTS."
        )
SITE_URL = site_url(SITE_URL)

# DEBUG shows settings and tracebacks to whoever asks: only ever on this machine.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}
if DEBUG and set(ALLOWED_HOSTS) - LOOPBACK_HOSTS:
    public = ", ".join(sorted(set(ALLOWED_HOSTS) - LOOPBACK_HOSTS))
    raise ImproperlyConfigured(
        f"DEBUG is on and ALLOWED_HOSTS lets in {public}: DEBUG shows secrets to anyone who "
        "can reach the site. Turn DEBUG off, or serve only 127.0.0.1 and localhost."
    )

INSTALLED_APPS = [
    "tracker.apps.EditorsAdminConfig",  # Django's admin, with the editors' site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "axes",
    "django_tasks_db",
    "import_export",
    "tracker",
]

MIDDLEWARE = [
    # Health checks, answered before anything else looks at the request (tracker/middleware.py).
    "tracker.middleware.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tracker.middleware.RejectNulBytesMiddleware",
    "tracker.routers.PinEditorsToPrimaryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (Django's order). The interface language comes
    # from the URL alone (/fr/, /de/, English unprefixed: tracker/urls.py), so the page cache
    # below, keyed on the path, never serves one language's page to a reader of another.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "tracker.caching.PageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"
AUTH_USER_MODEL = "tracker.User"
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.site.site_url",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # The test runner must not create a second test database for a copy of the first.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# A page of quotes joins each to its speaker, role, nation, stance and question, source and
# outlet, and first report and its outlet: ten tables. PostgreSQL tried every order of the
# joins before running the query, and planning took 7 ms for a permalink, 14 to 25 ms for the
# home page, a feed or the API, while running it took under 2. Joined in the order Django
# writes them (the quote first, then each row it points to), planning takes about 1 ms; every
# other query of the archive measured no slower (docs/performance.md).
for _database in DATABASES.values():
    # SQLite begins a transaction as a reader and fails at once ("database is locked") when two
    # of them then both try to write, as two editors saving one record at once do: begun as a
    # writer, the second waits for the first and then finds its edit conflict.
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        _database.setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
        # The covering columns of PostgreSQL's date index (tracker/models/quotes.py) are a
        # speed-up there; SQLite builds the same index without them, which is fine for it.
        SILENCED_SYSTEM_CHECKS = ["models.W040"]
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c join_collapse_limit=1".strip()
DATABASE_ROUTERS = ["tracker.routers.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The interface's languages (the words of the records stay in their own: never translated).
# Each name is written in its own language, as the switcher shows it.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "tracker" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "tracker.storage.ArchiveStaticFilesStorage"
        )
    },
}
# Tests and `make run` serve straight from the finders, without a collectstatic step.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", default=True)
WHITENOISE_AUTOREFRESH = DEBUG

# Nothing loads from another host; scripts and styles only from us or with the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}


def archive_name(database):
    """Names the archive in every cache key (KEY_PREFIX): archives sharing one Redis, or one
    machine's cache folder, never read each other's entries."""
    where = "|".join(str(database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME"))
    return hashlib.sha256(where.encode()).hexdigest()[:12]


def shared_cache(url):
    """The cache of every app server: django-redis rather than Django's own Redis backend, as
    it keeps one client per process rather than making one for every cache call. While Redis
    fails, tracker.caching.SharedRedisCache answers as if the cache were empty, so that every
    page is rendered afresh (slower, never outdated) instead of failing, and skips Redis for a
    while after each failure (a circuit breaker), so that a Redis that accepts connections and
    never answers costs one visitor its timeout, not every cache call of every page. Redis is on
    the same network, where a connection takes well under a millisecond: the timeouts only
    bound what a failing one costs."""
    return {
        "BACKEND": "tracker.caching.SharedRedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.1")),
            "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.2")),
            "RETRY_AFTER_FAILURE": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
        },
    }


CACHES = {
    "default": {
        # Without Redis, a folder that every process on this machine shares: a restore or an
        # editor's change made by one process is seen by the server's at once.
        **(
            shared_cache(os.environ["REDIS_URL"])
            if os.environ.get("REDIS_URL")
            else {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": BASE_DIR / "var" / "cache",
            }
        ),
        "KEY_PREFIX": archive_name(DATABASES["default"]),
    },
}

# The quote finder's review form has a row of a dozen fields for each statement an article holds:
# Django's default of 1,000 fields would refuse an article of more than about 76. The size of
# what is sent stays bounded by DATA_UPLOAD_MAX_MEMORY_SIZE.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
# An editor's session ends with the working day or the browser, whichever comes first.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Other sites may not frame our pages (SECURE_CSP's frame-ancestors tells newer browsers the
# same); the embed view, made for framing, opts out.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Five failed sign-ins for one user name from one address lock that pair out for 15 minutes
# (django-axes). Locking the pair, not the account, keeps a stranger from locking editors out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = (
    "Too many failed sign-ins: this account is locked from your address for "
    f"{AXES_COOLOFF_TIME.seconds // 60} minutes. Try again after that, or ask an administrator."
)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # The redirect to HTTPS goes to the archive's own host, not to the one a request named.
    SECURE_SSL_HOST = urlsplit(SITE_URL).netloc if SITE_URL.startswith("https:") else None
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The read-only public API: the same FilterSets as the pages, cursor pages, an OpenAPI description.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["tracker.api.renderers.ArchiveJSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    # The answers are JSON: ?format= is no parameter of theirs, ignored like any unknown one
    # (only the OpenAPI description reads it, for YAML).
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "On the Record API",
    "DESCRIPTION": "Read-only access to the published archive: who said what, and when.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # 3.1: its schemas are JSON Schema, so a nullable nested record is described exactly.
    "OAS_VERSION": "3.1.0",
    # Three models have a `kind`: name each choice set after its model, not a hash.
    "ENUM_NAME_OVERRIDES": {
        "QuoteKindEnum": "tracker.models.Quote.Kind",
        "SourceKindEnum": "tracker.models.Source.Kind",
        "SpeakerKindEnum": "tracker.models.Speaker.Kind",
        "NationKindEnum": "tracker.models.Nation.Kind",
        "AliasKindEnum": "tracker.models.Alias.Kind",
        "IntermediaryKindEnum": "tracker.models.Intermediary.Kind",
        "WordEditKindEnum": "tracker.models.WordEdit.Kind",
    },
}

# Editors' history keeps who changed what; the reason is asked for on corrections.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Work outside the request (tracker/tasks.py), on Django's task framework. By default the tasks
# wait in this database and `manage.py db_worker` runs them (django-tasks-db): nothing more to
# install. With several machines, TASKS_REDIS_URL puts them on RQ instead, and
# `manage.py rqworker` runs them on any machine (docs/deploy.md).
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "")
if TASKS_REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Reading sources' pages (tracker/fetching.py): bounded, and never a private or loopback
# address unless named here (the tests name their own server).
FETCH_TIMEOUT = float(os.environ.get("FETCH_TIMEOUT", "20"))
FETCH_MAX_BYTES = int(os.environ.get("FETCH_MAX_BYTES", str(20 * 1024 * 1024)))
FETCH_ALLOWED_HOSTS = {host.lower() for host in env_list("FETCH_ALLOWED_HOSTS")}
# Our copies of sources' pages (WARC files), and anything else stored as files.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# The fonts of the share images (tracker/share_cards.py): Debian's fonts-dejavu-core.
SHARE_CARD_FONTS = os.environ.get("SHARE_CARD_FONTS", "/usr/share/fonts/truetype/dejavu")
# Ask the Internet Archive to keep a copy too: off unless allowed, as it reaches the network.
SNAPSHOT_INTERNET_ARCHIVE = env_bool("SNAPSHOT_INTERNET_ARCHIVE", default=False)
INTERNET_ARCHIVE_SAVE_URL = os.environ.get(
    "INTERNET_ARCHIVE_SAVE_URL", "https://web.archive.org/save/"
)

# Mail (readers' alerts), through Django's mailers: into files in EMAIL_FILE_PATH when that is
# set, printed on the console in development, else SMTP (EMAIL_HOST, by default this machine's
# mail server, as Django's own default).
if os.environ.get("EMAIL_HOST") or not (DEBUG or os.environ.get("EMAIL_FILE_PATH")):
    MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=False),
            "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
            "timeout": 30,
        },
    }
elif os.environ.get("EMAIL_FILE_PATH"):
    MAILER = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ["EMAIL_FILE_PATH"]},
    }
else:
    MAILER = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS = {"default": MAILER}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "On the Record <alerts@localhost>")
