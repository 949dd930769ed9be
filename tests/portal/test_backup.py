"""A backup of the demo site restored into an empty database and an empty media folder: the same
rows in every table, the same uploaded files, and a site that serves its pages. Runs on the
database the suite runs on (pg_dump/pg_restore on PostgreSQL, the online backup on SQLite)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parents[2]
COUNT_ROWS = "from portal.backup import row_counts; import json; print(json.dumps(row_counts()))"


@pytest.fixture
def empty_database(tmp_path, request):
    """A new, empty database of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    return request.getfixturevalue("empty_postgres_database")


def manage(*arguments, database_url, media):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def site_to_back_up(tmp_path):
    """(database URL, media folder) of a demo site with committed data and an uploaded file.

    On PostgreSQL, the suite's own database: pg_dump runs beside the test and sees what the demo
    committed. SQLite cannot copy a database while a connection holds it in a transaction (every
    test does), so there the demo is made afresh in a file of its own, as ``make run`` makes it."""
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\n" + "读书月海报".encode() * 100)
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        yield f"postgres://postgres@127.0.0.1:5432/{settings_dict['NAME']}", media
        return
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    for command in (["migrate", "--noinput"], ["load_demo"]):
        made = manage(*command, database_url=url, media=media)
        assert made.returncode == 0, made.stderr
    yield url, media


def test_a_restored_backup_has_every_row_and_file(tmp_path, site_to_back_up, empty_database):
    site, media = site_to_back_up
    backup = tmp_path / "backup"
    made = manage("backup_site", str(backup), database_url=site, media=media)
    assert made.returncode == 0, made.stderr
    assert {path.name for path in backup.iterdir()} >= {"manifest.json", "media.tar.gz"}

    restored_media = tmp_path / "restored-media"
    restored = manage("restore_site", str(backup), database_url=empty_database, media=restored_media)
    assert restored.returncode == 0, restored.stderr
    assert "一致" in restored.stdout
    # Counted again here, independently of restore_site's own check.
    counted = manage("shell", "-c", COUNT_ROWS, database_url=empty_database, media=restored_media)
    rows = json.loads(counted.stdout.strip().splitlines()[-1])
    assert rows == json.loads((backup / "manifest.json").read_text())["rows"]
    assert (
        rows["wagtailcore.page"] > 30
        and rows["events.registration"] > 0
        and rows["catalog_search.cataloguerecord"] > 100
    )
    poster = "original_images/poster.png"
    assert (restored_media / poster).read_bytes() == (media / poster).read_bytes()
    # And the restored site serves its pages.
    served = manage(
        "shell",
        "-c",
        "from django.test import Client; print(Client().get('/events/').status_code)",
        database_url=empty_database,
        media=restored_media,
    )
    assert served.stdout.strip().splitlines()[-1] == "200"


def test_a_backup_is_not_restored_over_a_working_site(tmp_path):
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "manifest.json").write_text(json.dumps({"database": connection.vendor, "rows": {}}))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_site", str(backup), stdout=io.StringIO())


def test_a_backup_never_writes_into_a_used_folder(tmp_path):
    (tmp_path / "old.txt").write_text("昨天的备份")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_site", str(tmp_path), stdout=io.StringIO())
