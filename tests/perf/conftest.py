"""Fixtures the benchmarks share."""

import uuid

import pytest


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
