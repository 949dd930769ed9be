"""pytest: fast hashing, local memory cache unless REDIS_URL is set, the database from DATABASE_URL."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_NOTIFICATION_BACKENDS = ["events.notifications.MemoryBackend"]
MEDIA_ROOT = Path(env.text("MEDIA_ROOT") or BASE_DIR / ".pytest_cache" / "media")
STORAGES = {
    "default": env.media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No collectstatic before tests: WhiteNoise finds the files where they are, as in development
# (and does not warn at every start that STATIC_ROOT is missing).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
