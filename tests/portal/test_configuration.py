"""Configuration from the environment: clear one-line errors for bad values, secure production."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import env

PROJECT = Path(__file__).resolve().parents[2]
CONFIG_VARIABLES = [
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "MAP_TILE_URL",
    "MAP_TILE_COORDINATES",
    "TASKS_BACKEND",
    "WAGTAILADMIN_BASE_URL",
    "MEDIA_STORAGE",
    "MEDIA_S3_BUCKET",
    "MEDIA_S3_ENDPOINT_URL",
]


def manage(*args, **variables):
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "variable, value",
    [
        ("DATABASE_URL", "mysql://user@localhost/library"),
        ("DATABASE_URL", "not a url"),
        ("DATABASE_URL", "postgres://"),
        ("REDIS_URL", "http://127.0.0.1:6379/0"),
        ("REDIS_URL", "redis://127.0.0.1:port/0"),
        ("REDIS_URL", "redis://"),
        ("ELASTICSEARCH_URL", "localhost:9200"),
        ("MAP_TILE_URL", "https://tiles.example.cn/tile.png"),
        ("MAP_TILE_COORDINATES", "mars"),
        ("TASKS_BACKEND", "celery"),
        ("MEDIA_STORAGE", "ftp"),
    ],
)
def test_bad_url_stops_start_up_with_one_line_naming_it(variable, value):
    result = manage("check", **{variable: value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="lib.example.cn")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="changeme",
        ALLOWED_HOSTS="lib.example.cn",
    )
    assert result.returncode == 1 and "SECRET_KEY" in result.stderr


def test_a_bucket_must_be_named():
    result = manage("check", MEDIA_STORAGE="s3")
    assert result.returncode == 1 and "MEDIA_S3_BUCKET" in result.stderr and "Traceback" not in result.stderr
    result = manage("check", MEDIA_STORAGE="s3", MEDIA_S3_BUCKET="media", MEDIA_S3_ENDPOINT_URL="oss-cn-hangzhou")
    assert result.returncode == 1 and "MEDIA_S3_ENDPOINT_URL" in result.stderr


def check_deploy(**variables):
    return manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="lib.example.cn",
        CSRF_TRUSTED_ORIGINS="https://lib.example.cn",
        **variables,
    )


def test_production_passes_check_deploy_with_documented_variables():
    result = check_deploy(WAGTAILADMIN_BASE_URL="https://lib.example.cn")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_warns_while_links_would_point_to_localhost():
    result = check_deploy()
    assert result.returncode == 1 and "portal.W001" in result.stderr + result.stdout
    assert "WAGTAILADMIN_BASE_URL" in result.stderr + result.stdout


def test_defaults_are_sqlite_and_local_memory(monkeypatch):
    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert env.database(PROJECT / "db.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"
    assert env.cache("x")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert env.search_backend() == {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}


def test_urls_select_postgresql_redis_and_elasticsearch(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://lib:secret@db.internal:5432/portal")
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/1")
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://search.internal:9200")
    database = env.database(PROJECT / "db.sqlite3")
    assert (database["ENGINE"], database["HOST"], database["NAME"]) == (
        "django.db.backends.postgresql",
        "db.internal",
        "portal",
    )
    assert env.cache("x")["BACKEND"] == "django_redis.cache.RedisCache"
    search = env.search_backend()
    assert search["BACKEND"].startswith("wagtail.search.backends.elasticsearch")
    assert search["URLS"] == ["http://search.internal:9200"]


@pytest.mark.parametrize("raw, expected", [("", ["a"]), ("x.cn, y.cn,", ["x.cn", "y.cn"])])
def test_comma_separated_lists(monkeypatch, raw, expected):
    monkeypatch.setenv("ALLOWED_HOSTS", raw)
    assert env.listing("ALLOWED_HOSTS", ["a"]) == expected


def test_flag_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "perhaps")
    with pytest.raises(SystemExit, match="SECURE_SSL_REDIRECT"):
        env.flag("SECURE_SSL_REDIRECT")


def test_time_zone_and_languages(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _name in settings.LANGUAGES] == ["zh-hans", "en"]
