"""Settings for Safeguarding Partnership Manager, read from the environment.

Every value that differs between a laptop, CI and production comes from an
environment variable (or a `.env` file beside manage.py). With DEBUG unset the
defaults are the production ones: a missing SECRET_KEY is an error, cookies are
secure and HTTP is redirected to HTTPS.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=true locally).")
    SECRET_KEY = "insecure-key-for-local-development-only"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "axes",
    "guardian",
    "simple_history",
    "django_htmx",
    "django_celery_beat",
    "pgtrigger",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # Ours, from the base up: base apps, the kernel, feature apps, composition.
    "govuk",
    "audit",
    "partnership",
    "documents",
    "actions",
    "meetings",
    "reviews",
    "funding",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "partnership.middleware.ContentSecurityPolicyMiddleware",
    "partnership.middleware.RequestSizeLimitMiddleware",
    "partnership.middleware.NulCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partnership.middleware.SessionEndedMiddleware",
    "audit.middleware.AuditRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "partnership.middleware.SessionLifetimeMiddleware",
    "partnership.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "partnership.middleware.TenancyMiddleware",
    # django-axes asks to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "partnership.context_processors.tenancy",
                "dashboard.navigation.menu",
            ],
            "builtins": ["govuk.templatetags.govuk", "partnership.templatetags.links"],
        },
    },
]
FORM_RENDERER = "govuk.forms.GovukFormRenderer"

# Two ways into one database (SECURITY.md, "Isolation"):
# - "owner" (DATABASE_URL) owns the tables: only migrations connect as it.
# - "default", the service itself (web, worker, beat, commands), connects as a
#   role that owns nothing and lacks BYPASSRLS, so PostgreSQL's row-level security
#   holds it to one partnership's rows. APP_DATABASE_URL names it; by default it is
#   the owner's address with the user APP_DATABASE_USER (spm_app), which
#   scripts/ensure_database.py creates.
OWNER_DATABASE = env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/spm")
APP_DATABASE_URL = env("APP_DATABASE_URL", default="")
DATABASES = {
    "owner": OWNER_DATABASE,
    "default": environ.Env.db_url_config(APP_DATABASE_URL)
    if APP_DATABASE_URL
    else {
        **OWNER_DATABASE,
        "USER": env("APP_DATABASE_USER", default="spm_app"),
        "PASSWORD": env("APP_DATABASE_PASSWORD", default=""),
    },
}
DATABASE_ROUTERS = ["partnership.rls.MigrationRouter"]
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
# Rate limits (partnership.ratelimits) count in Redis, shared by every web
# worker; the prefix keeps two services on one Redis apart.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("CACHE_URL", default=REDIS_URL),
        "KEY_PREFIX": f"spm:{DATABASES['default']['NAME']}",
    }
}

AUTH_USER_MODEL = "partnership.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "partnership.views.accounts.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day

# Lock an account after 5 failed sign-ins from one address, for an hour. Locking by
# username and address together stops a stranger locking a colleague out of a shared
# council network.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The sign-in form posts the email address as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0) or None

# Two-factor sign-in (partnership.two_factor): codes from an authenticator app,
# and one-time backup codes. The app shows the service's name.
OTP_TOTP_ISSUER = "Safeguarding Partnership Manager"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sessions end after 30 minutes without a request, and 10 hours after sign-in whatever.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIFETIME = 10 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe health over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "g:ia"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# No request body may be larger than this (the largest upload, a 20 MB meeting
# paper, with room for its form); each upload form has its own limit below it.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=30 * 1024 * 1024)

# Uploaded papers live outside the web root and are served only through views
# that check who may see them.
MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
# No URL serves these files (the test live server would, so the prefix is one no
# link ever uses); views stream each file after checking who is asking.
MEDIA_URL = "/_private-media-not-served/"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Safeguarding Partnership Manager <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

# Keys for the field-level encryption of real identifiers on case reviews
# (Fernet keys, comma-separated: the first encrypts, all of them decrypt, so a
# new key goes first and the old one stays until `manage.py rotate_identifier_keys`
# has run).
# Kept outside the database. A fixed key is used only with DEBUG on; without
# DEBUG and without a key the service refuses to reveal or record identifiers
# and `check --deploy` fails.
FIELD_ENCRYPTION_KEY = env.list("FIELD_ENCRYPTION_KEY", default=[])
if not FIELD_ENCRYPTION_KEY and DEBUG:
    FIELD_ENCRYPTION_KEY = ["ZGV2ZWxvcG1lbnQta2V5LW5ldmVyLWluLXByb2R1Y3Q="]  # DEBUG only

# A reminder a sweep claimed but did not send (its worker died) is sent by a
# later sweep once the claim is this old (actions.reminders).
REMINDER_CLAIM_LEASE = env.int("REMINDER_CLAIM_LEASE_SECONDS", default=15 * 60)

# The service's name as users see it (page titles, emails, PDFs).
SERVICE_NAME = "Safeguarding Partnership Manager"
# Where the service is reached, for links in emails sent outside a request
# (reminders from the daily sweep).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Passkeys (django-otp-webauthn), a second factor beside the app's codes
# (partnership.passkeys). A passkey belongs to one domain, the relying party id:
# by default SITE_URL's host, and the service is its one origin. Browsers refuse
# an address as the id, so 127.0.0.1 stands as "localhost": locally, passkeys
# work on http://localhost:8000. WEBAUTHN_RP_ID, WEBAUTHN_RP_NAME and
# WEBAUTHN_ORIGINS (comma-separated, scheme and port included) override them;
# changing the id later makes every passkey registered before unusable.
_SITE = urlsplit(SITE_URL)
_SITE_HOST = "localhost" if _SITE.hostname in ("127.0.0.1", "::1") else _SITE.hostname
_SITE_ORIGIN = f"{_SITE.scheme}://{_SITE_HOST}" + (f":{_SITE.port}" if _SITE.port else "")
OTP_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", default=_SITE_HOST)
OTP_WEBAUTHN_RP_NAME = env("WEBAUTHN_RP_NAME", default=SERVICE_NAME)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("WEBAUTHN_ORIGINS", default=[_SITE_ORIGIN])
# A second factor only: the password always comes first.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
