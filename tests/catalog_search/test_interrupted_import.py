"""An import killed outright (SIGKILL: the out-of-memory killer, an operator's kill -9) leaves no
analyser worker processes behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
# The importer's analyser with its worker processes started and idle, as between two batches.
IMPORTER = """
import time
from catalog_search.importers.analyser import Analyser
from catalog_search.models import CatalogueRecord
analyser = Analyser()
analyser.workers = 2
analyser.prepare([CatalogueRecord(record_id=str(n), title=f"平凡的世界 第{n}部", authors=[{"name": "路遥"}]) for n in range(400)])
print("workers", flush=True)
time.sleep(120)
"""

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")


def children_of(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killing_the_importer_ends_its_workers():
    importer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", IMPORTER],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    try:
        while importer.stdout.readline().strip() != "workers":  # manage.py shell says a line of its own
            assert importer.poll() is None
        workers = children_of(importer.pid)
        assert len(workers) >= 2  # the resource tracker and at least one analyser
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in workers if alive(pid)] == []
    finally:
        importer.kill()
        for pid in children_of(importer.pid):
            os.kill(pid, signal.SIGKILL)
