"""A real server with the demo site, as a user gets it from ``make run``: a fresh SQLite file,
``migrate``, ``load_demo``, then the server, on a free local port. For browser tests and benchmarks."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
ADMIN_PASSWORD = "browser-test-password"  # the demo admin of test servers


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server(workdir, gunicorn_workers=0, database_url=None, extra_environment=None, setup_code=None, log_path=None):
    """``runserver`` with dev settings, or with ``gunicorn_workers`` > 0, gunicorn with
    production settings and the project's gunicorn.conf.py over plain HTTP (static files through
    WhiteNoise). The server's output goes to ``log_path`` when given.
    ``database_url`` replaces the fresh SQLite file (the database must exist and be empty);
    ``setup_code`` runs in ``manage.py shell`` after the demo is loaded."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production" if gunicorn_workers else "config.settings.dev",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{Path(workdir) / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "DEMO_ADMIN_PASSWORD": ADMIN_PASSWORD,
    }
    environment.pop("REDIS_URL", None)
    if database_url:
        environment["DATABASE_URL"] = database_url
    environment.update(extra_environment or {})
    commands = [["migrate", "--noinput"], ["load_demo"]]
    if gunicorn_workers:  # production settings serve hashed file names from the manifest
        commands.append(["collectstatic", "--noinput"])
    if setup_code:
        commands.append(["shell", "-c", setup_code])
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
    port = free_port()
    if gunicorn_workers:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(gunicorn_workers),
            "--bind",
            f"127.0.0.1:{port}",
        ]
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL
    server = subprocess.Popen(command, cwd=PROJECT, env=environment, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        if log_path:
            log.close()


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
