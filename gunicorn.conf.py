"""gunicorn's settings for the portal, read by gunicorn from the directory it is started in
(``gunicorn config.wsgi`` in the project folder). Every value can be changed by an environment
variable, so a county library's single server and a city library's app servers use one file."""

import multiprocessing
import os

# 2 × cores + 1 sync workers: the pages wait on the database, not on the CPU. WEB_CONCURRENCY
# (the name hosting platforms use) overrides it, e.g. on a server shared with PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Plain sync workers by default: measured with wrk (tests/perf/test_rush_bench.py), 4 threads per
# worker gave no more requests/s on 2 cores and some dropped keep-alive connections when a worker
# was recycled. Behind nginx (which buffers slow phones) sync workers are gunicorn's advice.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# A page that takes 30 s is a bug or a stuck database; the worker is replaced, not left hanging.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so that a slow leak (a big import's objects, fragmentation)
# never grows for months; the jitter keeps them from restarting all at once. Not too often: a page
# from the page cache costs a worker well under a millisecond, so at the 9:00 rush a limit of 2,000
# replaced a worker every second or two, and each replacement stalled requests for up to a second
# (wrk, tests/perf/test_rush_bench.py: p95 of a cached page at 50 connections 931 ms with 2,000,
# 32 ms without replacements). At 100,000 a worker lives for hours on a busy day and for minutes
# only in the rush itself. GUNICORN_MAX_REQUESTS=0 never replaces them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# Load the application before forking: a bad setting stops start-up with its one-line message,
# and the workers share the imported code's memory.
preload_app = True

# One line per request on standard output, without the query string or the referrer: those can
# carry what readers typed (a phone number in a look-up link, a search for a sensitive title).
# %(U)s is the path alone; the time taken (%(M)s ms) is for finding slow pages.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# The reverse proxy on this machine may say which scheme the reader used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
