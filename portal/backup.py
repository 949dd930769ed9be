"""A whole site in one folder: the database and the uploaded files, with the number of rows of
every table, so that a restore can prove it brought everything back.

The database is copied with its own tool, not Django's dumpdata (which is slow at a million
records and stumbles over Wagtail's page tree): PostgreSQL's ``pg_dump``/``pg_restore`` (the
postgresql-client package; a consistent snapshot while the site keeps running), or SQLite's online
backup. A backup is restored into the same kind of database it came from."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
POSTGRES_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    pass


def row_counts():
    """{"app_label.model": rows} for every table Django knows."""
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def back_up(folder):
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    counts = row_counts()  # before the copy: rows written during it only add, never remove
    if connection.vendor == "postgresql":
        run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(folder / POSTGRES_DUMP)])
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / SQLITE_COPY) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"cannot back up a {connection.vendor} database")
    media = Path(settings.MEDIA_ROOT)
    # Uploads in a bucket (MEDIA_STORAGE=s3) are the bucket's to keep (its versioning or
    # replication); the archive then holds what is left on this disk, usually nothing.
    in_bucket = not isinstance(storages["default"], FileSystemStorage)
    with tarfile.open(folder / MEDIA, "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname=".")
    manifest = {
        "made": timezone.now().isoformat(),
        "database": connection.vendor,
        "rows": counts,
        "media": "bucket" if in_bucket else "archive",
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    return manifest


def restore(folder):
    """Into an empty database (``migrate`` not run) and media folder; returns the tables whose
    row counts differ from the manifest's ({} when everything came back)."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    if manifest["database"] != connection.vendor:
        raise BackupError(f"the backup is of a {manifest['database']} database, this is {connection.vendor}")
    if connection.introspection.table_names():
        raise BackupError("the database is not empty: restore into a new, empty database")
    if connection.vendor == "postgresql":
        run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(folder / POSTGRES_DUMP),
            ]
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(folder / SQLITE_COPY) as copy:
            copy.backup(connection.connection)
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA, "r:gz") as archive:
        archive.extractall(media, filter="data")  # no absolute paths, links or devices from the archive
    found = row_counts()
    return {label: (rows, found.get(label)) for label, rows in manifest["rows"].items() if found.get(label) != rows}


def run(command):
    """A PostgreSQL client tool, connected as Django is (password through the environment)."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)")
    database = connection.settings_dict  # the database Django uses (under tests, the test database)
    environment = {
        **os.environ,
        "PGHOST": str(database.get("HOST") or ""),
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")
