"""Binnenuit settings: one module, read from the environment.

With no environment at all this runs in development mode on an embedded SQLite
database in the project's data folder. DJANGO_ENV=production switches on the
production profile (it must pass ``manage.py check --deploy``).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from binnenuit.config.env import env_bool, env_int, env_list, env_secret, env_str

# Lets model forms and querysets be subscripted at run time, as the type checker reads them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = Path(env_str("BINNENUIT_DATA_DIR", str(BASE_DIR / "data")))

PRODUCTION = env_str("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)

_INSECURE_KEY = "dev-only-insecure-binnenuit-key"
SECRET_KEY = env_secret("DJANGO_SECRET_KEY", _INSECURE_KEY)
if PRODUCTION and SECRET_KEY == _INSECURE_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) in production.")

# Where Binnenuit is reached, for links in e-mail (they are read outside the site).
SITE_URL = env_str("BINNENUIT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# How many proxies of our own stand before the app (each adds to X-Forwarded-For); 0 without.
TRUSTED_PROXIES = env_int("BINNENUIT_TRUSTED_PROXIES", 0)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "binnenuit.config.staticfiles.BinnenuitStaticFilesConfig",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "django_tasks_db",
    "binnenuit.core",
    "binnenuit.mail",
    "binnenuit.accounts",
    "binnenuit.organisations",
    "binnenuit.catalogue",
    "binnenuit.trajectories",
    "binnenuit.offers",
    "binnenuit.recruitment",
    "binnenuit.calendars",
    "binnenuit.attendance",
    "binnenuit.profiles",
    "binnenuit.scan",
    "binnenuit.coaching",
    "binnenuit.dashboard",
    "binnenuit.audit",
    "binnenuit.privacy",
    "binnenuit.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "binnenuit.core.middleware.NoStoreMiddleware",
    "binnenuit.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "binnenuit.accounts.middleware.AbsoluteSessionTimeoutMiddleware",
    "binnenuit.accounts.middleware.TwoStepLoginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "binnenuit.audit.middleware.AuditMiddleware",  # auditlog's, with the real client address
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

ROOT_URLCONF = "binnenuit.config.urls"
WSGI_APPLICATION = "binnenuit.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "binnenuit" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "binnenuit.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'binnenuit.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
    )
}
# Test databases are named per test run, so that two runs at once never share one.
_TEST_RUN = os.getpid()
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite lets one writer in at a time; the others wait (up to 20 s) rather than fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory: tests that enrol from several threads need one shared database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{_TEST_RUN}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_TEST_RUN}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses while an address is locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing: after 5 failed logins for one e-mail address from one IP address, that
# pair waits 15 minutes. Per pair, so nobody can lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = env_int("BINNENUIT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "binnenuit.accounts.throttling.locked_out"
AXES_USERNAME_CALLABLE = "binnenuit.accounts.throttling.attempted_email"
AXES_CLIENT_IP_CALLABLE = "binnenuit.accounts.throttling.client_address"
# And at most this many wrong passwords an hour from one address, across all accounts.
LOGIN_FAILURES_PER_ADDRESS = env_int("BINNENUIT_LOGIN_FAILURES_PER_ADDRESS", 20)
AXES_ENABLE_ADMIN = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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

# Two-step login (TOTP with recovery codes) for advisers and project leaders; offered to all.
TWO_FACTOR_REQUIRED = env_bool("BINNENUIT_TWO_FACTOR_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = "Binnenuit"

# The training provider, as it appears on quotes and invoices (the demo's details by default).
PROVIDER = {
    "name": env_str("BINNENUIT_PROVIDER_NAME", "Binnenuit Advies"),
    "address": env_str("BINNENUIT_PROVIDER_ADDRESS", "Voorbeeldgracht 12, 3511 AA Utrecht"),
    "email": env_str("BINNENUIT_PROVIDER_EMAIL", "administratie@binnenuit.example"),
    "coc_number": env_str("BINNENUIT_PROVIDER_COC", "12345678"),  # KvK
    "vat_number": env_str("BINNENUIT_PROVIDER_VAT", "NL001234567B01"),
    "iban": env_str("BINNENUIT_PROVIDER_IBAN", "NL91ABNA0417164300"),
    "crkbo_registration": env_str(
        "BINNENUIT_PROVIDER_CRKBO", "CRKBO-instelling, registratie 2013-0001"
    ),
}
PAYMENT_TERM_DAYS = 30

# Sessions end after 30 minutes without a request, and 12 hours after login at the latest.
SESSION_COOKIE_AGE = 30 * 60
SESSION_RENEW_AFTER = 60  # seconds; renewing on every request would write on every page view
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "src" / "binnenuit" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [
    ("vendor/utrecht", BASE_DIR / "node_modules" / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", BASE_DIR / "node_modules" / "@utrecht" / "design-tokens" / "dist"),
]
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
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"  # never served directly: logos go through a scoped view
WHITENOISE_USE_FINDERS = not PRODUCTION

# A strict content security policy: no inline scripts, styles only with a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# The demo's well-known passwords must never reach a production database by accident.
DEMO_ALLOWED = env_bool("BINNENUIT_ALLOW_DEMO", default=not PRODUCTION)

PAGE_SIZE = env_int("BINNENUIT_PAGE_SIZE", 25)

# Retention (AVG), in days: the daily privacy job (privacy.tasks; see what it would do with
# `manage.py privacy_retention --dry-run`) anonymises employees this long after they left,
# invitations never used this long after they expired, logins this long after their last
# login, and removes records of login attempts (django-axes) older than this.
PRIVACY_LEFT_DAYS = env_int("BINNENUIT_PRIVACY_LEFT_DAYS", 365)
PRIVACY_GUEST_DAYS = env_int("BINNENUIT_PRIVACY_GUEST_DAYS", 365)
PRIVACY_INVITATION_DAYS = env_int("BINNENUIT_PRIVACY_INVITATION_DAYS", 90)
PRIVACY_STALE_LOGIN_DAYS = env_int("BINNENUIT_PRIVACY_STALE_LOGIN_DAYS", 730)
PRIVACY_LOGIN_LOG_DAYS = env_int("BINNENUIT_PRIVACY_LOGIN_LOG_DAYS", 180)

# The audit trail is kept this many days; the daily task `audit_prune` removes older entries.
AUDIT_RETENTION_DAYS = env_int("BINNENUIT_AUDIT_RETENTION_DAYS", 730)

# Mail goes out through the outbox (binnenuit.mail) and the worker, never from a request.
# Development and the demo write each message to a file in OUTBOX_DIR instead of sending it;
# the demo's outbox page (/demo/postvak/) lists them. Tests use Django's in-memory outbox.
OUTBOX_DIR = Path(env_str("BINNENUIT_OUTBOX_DIR", str(DATA_DIR / "outbox")))
if PRODUCTION:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("BINNENUIT_SMTP_HOST", "localhost"),
                "port": env_int("BINNENUIT_SMTP_PORT", 587),
                "username": env_str("BINNENUIT_SMTP_USER"),
                "password": env_secret("BINNENUIT_SMTP_PASSWORD"),
                "use_tls": env_bool("BINNENUIT_SMTP_TLS", default=True),
                # A hanging mail server must not hold a mail in "sending" past the sweep's
                # 15 minutes (it would be sent again): give up after a minute and retry.
                "timeout": env_int("BINNENUIT_SMTP_TIMEOUT", 60),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(OUTBOX_DIR)},
        }
    }
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "binnenuit@localhost")

# Background work (mail first) through Django's task framework, kept in the database by
# django-tasks-db, so in the same database as everything else; `./dev worker` runs the worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}
