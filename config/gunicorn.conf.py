"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Each value can be overridden from the environment (GUNICORN_CMD_ARGS works too).
"""

import gc
import hashlib
import multiprocessing
import os
import re
from pathlib import Path

import gunicorn.http.wsgi

# gunicorn names itself in every response's Server header; an attacker learns the software and,
# from its behaviour, the version. Workers fork from this process, so they all answer "web".
gunicorn.http.wsgi.SERVER = "web"

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers: pages are short database reads; two per core plus one keeps the cores busy
# while one worker waits on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
preload_app = True
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def _control_socket(bind):
    """This instance's own control socket (for `gunicornc`), named after the site and its address.

    gunicorn's default is one path per user and host, so two instances on one machine (two
    sites, or the blue and green halves of a deploy) would take over each other's socket.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(runtime) if runtime and os.path.isdir(runtime) else Path.home() / ".gunicorn"
    name = re.sub(r"[^A-Za-z0-9]+", "-", bind).strip("-")
    if len(name) > 40:  # a Unix socket's path is limited to about 100 bytes
        name = hashlib.sha256(bind.encode()).hexdigest()[:16]
    return str(folder / f"jingmeng-{name}.ctl")


control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or _control_socket(bind)


def when_ready(server):
    """In the master, once the application is loaded and before the workers are forked: what each
    worker would do on its first requests is done once here, and every worker starts with it
    (config/warmup.py). Without `preload_app` each worker loads the application itself."""
    if server.cfg.preload_app:
        from config.warmup import warm

        server.log.info("Warmed before forking: %d templates compiled", warm())
    # What the master holds now (modules, compiled templates, URL patterns, translations) lives
    # as long as the workers. Frozen, it is left out of every worker's garbage collections, which
    # otherwise walk all of it again and again (at the large size, a page's collections took
    # 0.9–1.1 ms of its 10 ms of CPU, 0.5 ms frozen), and the collector no longer writes to the
    # memory pages holding it, which stay shared with the master rather than copied into each
    # worker (Python's gc.freeze documentation).
    gc.collect()
    gc.freeze()
