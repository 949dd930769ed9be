"""A real server with the demo site, as a user gets it from ``make run``: a fresh SQLite file,
``migrate``, ``load_demo``, then the server, on a free local port. For browser tests and benchmarks."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server(workdir, settings_module="portal.settings.dev"):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{Path(workdir) / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "DEMO_ADMIN_PASSWORD": "browser-test-password",
    }
    environment.pop("REDIS_URL", None)
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT, env=environment,
                       check=True, capture_output=True, timeout=300)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=PROJECT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the demo server exited with code {server.returncode}")
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the demo server did not answer at {url} within {seconds} s")
