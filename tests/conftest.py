"""Shared fixtures. The test database gets the demo site once per session (``load_demo``, the same
command a user runs), and every test runs in a transaction that is rolled back afterwards."""

import io
import uuid

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def zh_home():
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="zh-hans")


@pytest.fixture
def en_home():
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and cached fragments do not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def default_language():
    """A request to /en/ leaves English active in the thread; each test starts in Chinese."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def outbox():
    """Notices sent to readers in this test (events.notifications.MemoryBackend)."""
    from events.notifications import MemoryBackend

    MemoryBackend.outbox.clear()
    yield MemoryBackend.outbox
    MemoryBackend.outbox.clear()


def postgres_admin():
    try:
        import psycopg

        return psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3)
    except Exception:
        return None


@pytest.fixture
def empty_postgres_database():
    admin = postgres_admin()
    if admin is None:
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
