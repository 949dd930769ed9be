"""``make run``: DEBUG on, a throw-away secret key, local hosts only."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env.text("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
