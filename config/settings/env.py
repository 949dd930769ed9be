"""Reading the environment for settings.

A bad value stops start-up with one line that names the variable (a ``SystemExit`` with a message,
so manage.py, gunicorn and pytest all print that line and no traceback).
"""

import os
from urllib.parse import urlsplit

import dj_database_url


class ConfigurationError(SystemExit):
    def __init__(self, variable, problem):
        super().__init__(f"配置错误 / configuration error: {variable}: {problem}")


def text(name, default=""):
    return os.environ.get(name, default).strip()


def flag(name, default=False):
    raw = text(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(name, f"expected true/false, got {raw!r}")


def integer(name, default):
    raw = text(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(name, f"expected a whole number, got {raw!r}") from None


def listing(name, default=()):
    """A comma-separated list: ``ALLOWED_HOSTS=lib.example.cn,www.lib.example.cn``."""
    raw = text(name)
    if not raw:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


SUPPORTED_DATABASES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
}


# Every SQLite transaction takes the write lock when it begins, so a registration's count-then-insert
# can never interleave with another's (PostgreSQL gets the same guarantee from a row lock); writers
# wait up to 20 s for each other instead of failing with "database is locked".
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}


def database(default_sqlite_path):
    """``DATABASE_URL`` (SQLite or PostgreSQL), or a SQLite file beside the project."""
    url = text("DATABASE_URL")
    if not url:
        return {"ENGINE": SUPPORTED_DATABASES["sqlite"], "NAME": str(default_sqlite_path), "OPTIONS": SQLITE_OPTIONS}
    scheme = urlsplit(url).scheme
    if scheme not in SUPPORTED_DATABASES:
        raise ConfigurationError(
            "DATABASE_URL",
            f"unsupported or missing scheme {scheme!r}; use sqlite:///path/to/db.sqlite3 "
            "or postgres://user:password@host:5432/name",
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as error:  # dj-database-url raises ValueError and friends on malformed URLs
        raise ConfigurationError("DATABASE_URL", f"cannot parse it ({error})") from None
    if not config.get("NAME"):
        raise ConfigurationError("DATABASE_URL", "the URL names no database")
    if config["ENGINE"] == SUPPORTED_DATABASES["sqlite"]:
        config.pop("CONN_HEALTH_CHECKS", None)
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


def cache(location_name):
    """``REDIS_URL`` selects Redis through django-redis; otherwise local memory."""
    url = text("REDIS_URL")
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": location_name,
        }
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "unix"}:
        raise ConfigurationError(
            "REDIS_URL", f"unsupported or missing scheme {parts.scheme!r}; use redis://host:6379/0"
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ConfigurationError("REDIS_URL", "the port is not a number") from None
    if parts.scheme != "unix" and not parts.hostname:
        raise ConfigurationError("REDIS_URL", "the URL names no host")
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": location_name,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            # A cache that is down or slow must not take the site with it: errors are logged and
            # read as misses (pages render uncached, rate limits let requests through), and no
            # request waits more than a second for Redis.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }


def search_backend():
    """``ELASTICSEARCH_URL`` selects Elasticsearch; otherwise the database's own full-text search.

    The backend module follows the installed ``elasticsearch`` client, whose major version must match
    the cluster's (client 9 for Elasticsearch 9, ``pip install 'elasticsearch>=8,<9'`` for 8).
    """
    url = text("ELASTICSEARCH_URL")
    if not url:
        # "simple": no English stemming or stop words on PostgreSQL, whose default configuration
        # depends on the server's locale; the catalogue's tokens must reach the index unchanged.
        return {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError("ELASTICSEARCH_URL", "expected a URL such as http://127.0.0.1:9200")
    try:
        import elasticsearch
    except ImportError:
        raise ConfigurationError("ELASTICSEARCH_URL", "the elasticsearch client is not installed") from None
    major = elasticsearch.VERSION[0]
    if major not in (8, 9):
        raise ConfigurationError(
            "ELASTICSEARCH_URL", f"elasticsearch client {major} is not supported; install 8.x or 9.x"
        )
    return {
        "BACKEND": f"wagtail.search.backends.elasticsearch{major}",
        "URLS": [url],
        "INDEX_PREFIX": text("ELASTICSEARCH_INDEX_PREFIX", "shuxiang_"),
        "TIMEOUT": 10,
    }


def media_storage():
    """Where uploaded images and documents go. ``MEDIA_STORAGE=local`` (default): ``MEDIA_ROOT`` on
    this server. ``MEDIA_STORAGE=s3``: an S3-compatible bucket (阿里云 OSS, 腾讯云 COS, 华为云 OBS,
    MinIO, AWS S3) through django-storages, so that several app servers share the files; the
    bucket is ``MEDIA_S3_BUCKET`` at ``MEDIA_S3_ENDPOINT_URL`` with ``MEDIA_S3_ACCESS_KEY_ID`` and
    ``MEDIA_S3_SECRET_ACCESS_KEY`` (or the machine's own credentials), optionally
    ``MEDIA_S3_REGION`` and ``MEDIA_S3_CUSTOM_DOMAIN`` (a CDN or the bucket's public domain)."""
    kind = text("MEDIA_STORAGE", "local").lower()
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ConfigurationError("MEDIA_STORAGE", f"expected local or s3, got {kind!r}")
    try:
        import boto3  # noqa: F401
        import storages.backends.s3  # noqa: F401
    except ImportError:
        raise ConfigurationError(
            "MEDIA_STORAGE", "s3 needs django-storages with boto3: pip install 'django-storages[s3]'"
        ) from None
    bucket = text("MEDIA_S3_BUCKET")
    if not bucket:
        raise ConfigurationError("MEDIA_S3_BUCKET", "name the bucket that holds uploaded files")
    endpoint = text("MEDIA_S3_ENDPOINT_URL")
    if endpoint and urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ConfigurationError("MEDIA_S3_ENDPOINT_URL", "expected a URL such as https://oss-cn-hangzhou.aliyuncs.com")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": text("MEDIA_S3_REGION") or None,
            "access_key": text("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": text("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": text("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,  # two editors uploading photo.jpg keep two files
            "default_acl": None,  # the bucket's own policy decides who may read
            "querystring_auth": False,  # public pictures: plain, cacheable URLs
            "addressing_style": "path" if endpoint else None,  # MinIO and most S3-compatible services
        },
    }


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks():
    """``TASKS_BACKEND``: ``immediate`` (default: a task runs when it is enqueued, in the process
    that enqueued it; nothing else to run) or ``database`` (tasks wait in the database for
    ``python manage.py db_worker``)."""
    name = text("TASKS_BACKEND", "immediate").lower()
    if name not in TASK_BACKENDS:
        raise ConfigurationError("TASKS_BACKEND", f"expected one of {', '.join(TASK_BACKENDS)}, got {name!r}")
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


def map_tiles():
    """``MAP_TILE_URL`` (a Leaflet URL template), its attribution, and the coordinate system its
    tiles are drawn in (``MAP_TILE_COORDINATES``: wgs84 for 天地图/OpenStreetMap, gcj02 for
    Gaode/Tencent, bd09 for Baidu). No URL: markers on a plain background."""
    from portal.geo import COORDINATE_SYSTEMS

    url = text("MAP_TILE_URL")
    if url and not (url.startswith(("https://", "http://", "/")) and "{z}" in url and "{x}" in url and "{y}" in url):
        raise ConfigurationError("MAP_TILE_URL", "expected a URL template with {z}, {x} and {y}")
    coordinates = text("MAP_TILE_COORDINATES", "wgs84").lower()
    if coordinates not in COORDINATE_SYSTEMS:
        raise ConfigurationError("MAP_TILE_COORDINATES", f"expected one of {', '.join(COORDINATE_SYSTEMS)}")
    return {
        "URL": url,
        "ATTRIBUTION": text("MAP_TILE_ATTRIBUTION"),
        "SUBDOMAINS": text("MAP_TILE_SUBDOMAINS", "abc"),
        "COORDINATES": coordinates,
    }


def map_tile_origin():
    """The origin of ``MAP_TILE_URL`` when it is plain HTTP (HTTPS hosts are allowed anyway), for
    the Content-Security-Policy; none for tiles served by the site itself."""
    url = text("MAP_TILE_URL")
    if not url.startswith("http://"):
        return []
    parts = urlsplit(url.replace("{s}", "*"))
    return [f"http://{parts.netloc}"]
