"""A Redis of the test's own, on a free port, that the test can kill by its PID (the machine's
Redis, if any, is never touched)."""

import socket
import subprocess
import time
from contextlib import contextmanager

from tests.demo_server import free_port


@contextmanager
def own_redis(workdir):
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    try:
        yield server, port
    finally:
        server.kill()
        server.wait()
