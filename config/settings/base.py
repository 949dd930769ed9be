"""Settings shared by every environment. Everything that differs per installation comes from the
environment (see the table in README.md); :mod:`config.settings.env` reads and checks it."""

from datetime import timedelta
from pathlib import Path

from . import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.text("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.listing("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first, so their templates and translations win.
    "home",
    "events",
    "catalog_search",
    "portal",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "leaflet",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",  # admin login throttling (see AXES_* below)
    "django_otp",  # two-step login for staff (portal.two_factor)
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",  # the database queue for TASKS_BACKEND=database (its table stays empty otherwise)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from gunicorn: no proxy rule needed, far-future headers on hashed names.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside sessions, CSRF and locale: serves anonymous pages from the cache, and stores them
    # only after seeing the cookies those set (portal.page_cache). Outside the two policies too:
    # a stored page keeps their headers, so a page from the cache costs neither of them.
    "portal.page_cache.PageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.security.ContentSecurityPolicy",
    # Before anything reads the database: NUL bytes and unparsable API parameters are a 400.
    "portal.middleware.RejectMalformedRequests",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: picks the language from the URL (/en/… or the Chinese root).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Site and root page from the cache while the page cache is on (portal.routing).
    "portal.routing.CachedSite",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff who added an authenticator app give its code before any admin page (portal.two_factor).
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.RequireSecondStep",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Elasticsearch down: searches answer 503 "检索暂不可用", the rest of the site works.
    "portal.errors.SearchUnavailable",
    # Last: answers a locked-out login (django-axes).
    "axes.middleware.AxesMiddleware",
]

# Permissions-Policy (django-permissions-policy, maintained by Adam Johnson): the site's own pages
# may ask for the reader's position (the branch map's 离我最近) and the camera (the door's QR
# scanner); nothing else, and no embedded frame may ask for anything.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": ["self"],
    "microphone": [],
    "payment": [],
    "usb": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    "display-capture": [],
}

# WeChat share cards (portal.wechat_share): off unless the library gives its official account's
# AppID and secret. Then, inside WeChat only, pages load WeChat's JS-SDK from WeChat's own host,
# the one script from elsewhere (WeChat serves it only from there).
WECHAT_APP_ID = env.text("WECHAT_APP_ID")
WECHAT_APP_SECRET = env.text("WECHAT_APP_SECRET")
WECHAT_API_BASE = env.text("WECHAT_API_BASE", "https://api.weixin.qq.com")
WECHAT_JS_SDK_URL = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"

# Content-Security-Policy (django-csp, maintained by Mozilla). The public pages run only the
# site's own script files (and WeChat's JS-SDK when share cards are on): no inline script, no
# inline style, no eval, nothing from a CDN. Images may come from any HTTPS host (the catalogue's
# cover addresses and the map tiles are the library's choice); frames only for the videos editors
# embed. The admin's policy is the same but for inline styles, which Wagtail's editors set
# (portal.security).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *(["https://res.wx.qq.com"] if WECHAT_APP_ID and WECHAT_APP_SECRET else [])],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:", *env.map_tile_origin()],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],  # Wagtail's preview shows the page in a frame of the admin
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

# Admin login throttling: django-axes, a maintained package (Jazzband), rather than code of our
# own. Five wrong passwords for one user name from one address lock that pair out for 15 minutes
# (by the pair, so that a stranger cannot lock the librarian out from elsewhere); a right
# password resets the count. Failed attempts are kept in the database (axes_accessattempt);
# successful logins are not logged by axes.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]


def OTP_TOTP_ISSUER(device):  # noqa: N802 (a setting): the library's name above the code in the app
    from portal.two_factor import issuer

    return issuer(device)


AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_ip"  # BEHIND_PROXY decides, as for the rate limits
AXES_LOCKOUT_CALLABLE = "portal.lockout.locked_out"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.database(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("shuxiang")}
# Anonymous pages kept in that cache at most this long (portal.page_cache; 0 turns it off). On by
# default only with REDIS_URL: a local-memory cache is one per worker process, and a page
# invalidated in one would still be served stale by the others.
PORTAL_PAGE_CACHE_SECONDS = env.integer("PAGE_CACHE_SECONDS", 300 if env.text("REDIS_URL") else 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# Chinese is the source language of content and of our gettext strings; English is the translation.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# portal/locale: the English of our own strings; portal/admin_locale: the Chinese Wagtail lacks.
LOCALE_PATHS = [BASE_DIR / "portal" / "locale", BASE_DIR / "portal" / "admin_locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]

# --- Static and media ------------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.text("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.text("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    # Uploads: MEDIA_ROOT, or an S3-compatible bucket with MEDIA_STORAGE=s3 (settings.env.media_storage).
    "default": env.media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "书香"
WAGTAILADMIN_BASE_URL = env.text("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": env.search_backend()}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "geojson", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A small PNG can hold a huge picture; decoding 100 megapixels takes a worker 400 MB and seconds.
# 40 megapixels is more than any phone camera or poster scan an editor needs.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# Big StreamField pages exceed Django's default of 1000 form fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The admin must not call home to wagtail.org: many library networks have no route abroad.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from www.gravatar.com: slow or unreachable in China, and it would send every editor's
# e-mail hash abroad on every admin screen. Editors may upload an avatar in their account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Moderation notices go to the 审核人 group (home.roles), not to every superuser (the IT staff).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# --- Maps: Leaflet's files come from django-leaflet's static files (no CDN); tiles from --------
# a URL the library configures (see README), or none: markers on a plain background.
PORTAL_MAP_TILES = env.map_tiles()

# Registrations' names, phones and answers are deleted this many days after their event ends
# (python manage.py purge_registrations, run daily from cron); counts are kept.
PORTAL_REGISTRATION_RETENTION_DAYS = env.integer("REGISTRATION_RETENTION_DAYS", 30)
# Purchase suggestions' phones and emails, this many days after staff handled the suggestion
# (python manage.py purge_suggestion_contacts).
PORTAL_SUGGESTION_RETENTION_DAYS = env.integer("SUGGESTION_RETENTION_DAYS", 90)
# … and this many days after the reader sent it when staff never handled it.
PORTAL_PENDING_SUGGESTION_RETENTION_DAYS = env.integer("PENDING_SUGGESTION_RETENTION_DAYS", 365)
# Survey submissions (which may hold names and phones the editor asked for) are deleted this many
# days after they were sent (python manage.py purge_survey_submissions): a year and a little, so
# that the annual report can still count them.
PORTAL_SURVEY_RETENTION_DAYS = env.integer("SURVEY_RETENTION_DAYS", 400)

# Messages to readers about their registrations (events.notifications): dotted paths of backends.
PORTAL_NOTIFICATION_BACKENDS = env.listing("NOTIFICATION_BACKENDS", ["events.notifications.ConsoleBackend"])
PORTAL_NOTIFICATIONS_FILE = env.text("NOTIFICATIONS_FILE")

# Background work (events.tasks, and Wagtail's own): run at once by default, or queued in the
# database for ``manage.py db_worker`` with TASKS_BACKEND=database.
TASKS = env.tasks()

# Behind a reverse proxy that appends the client to X-Forwarded-For (production's default).
PORTAL_BEHIND_PROXY = env.flag("BEHIND_PROXY", False)

# Abuse limits on the public forms: attempts per window (seconds). 0 turns a limit off.
# With REDIS_URL: a Redis that does not answer is logged (portal.cache), not raised (settings.env.cache).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"

PORTAL_RATE_LIMITS = {
    "register_per_ip": (env.integer("RATE_LIMIT_REGISTER_PER_IP", 30), 600),
    "register_per_phone": (env.integer("RATE_LIMIT_REGISTER_PER_PHONE", 10), 3600),
    "lookup_per_ip": (env.integer("RATE_LIMIT_LOOKUP_PER_IP", 20), 600),
    "suggest_per_ip": (env.integer("RATE_LIMIT_SUGGEST_PER_IP", 10), 3600),
    # Codes sent again to the phone on file, per registration: enough for a lost message, too few
    # to flood a phone through the form.
    "resend_code": (env.integer("RATE_LIMIT_RESEND_CODE", 3), 3600),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},  # one line per background task is noise
    },
}
