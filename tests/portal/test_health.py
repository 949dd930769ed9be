"""/healthz as a load balancer and an operator see it: 200 while the database answers, 503 when it
does not, and each dependency reported. The faults are real: a settings module pointed at a
database file that cannot exist, a Redis port and an Elasticsearch port nothing listens on, each
in a process of its own."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PROBE = (
    "from django.test import Client; r = Client().get('/healthz', HTTP_HOST='127.0.0.1'); "
    "print(r.status_code, r.content.decode())"
)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once the socket closes: nothing listens there


def healthz_with(tmp_path, **environment):
    database = tmp_path / "health.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        **environment,
    }
    for name in ("REDIS_URL", "ELASTICSEARCH_URL"):
        if name not in environment:
            env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(status), json.loads(body)


@pytest.mark.django_db
def test_everything_answers(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["database"]["ok"] and body["cache"]["ok"] and body["search"]["ok"]
    assert "no-store" in response["Cache-Control"]


def test_no_database_is_a_503_for_the_load_balancer(tmp_path):
    status, body = healthz_with(tmp_path, DATABASE_URL="sqlite:////nonexistent-folder/portal.sqlite3")
    assert status == 503 and body["status"] == "down" and body["database"]["ok"] is False
    assert body["cache"]["ok"]  # the rest is still checked and reported


def test_redis_gone_is_reported_but_the_server_stays_in(tmp_path):
    status, body = healthz_with(tmp_path, REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0")
    assert status == 200 and body["status"] == "degraded" and body["cache"]["ok"] is False


def test_elasticsearch_unreachable_is_reported_but_the_server_stays_in(tmp_path):
    pytest.importorskip("elasticsearch")
    status, body = healthz_with(tmp_path, ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port()}")
    assert status == 200 and body["search"]["ok"] is False and body["database"]["ok"]
