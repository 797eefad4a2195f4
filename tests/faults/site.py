"""The site as an operator runs it: gunicorn and management commands in their own processes.

The test process plays the visitor (plain HTTP) and the operator (starting, stopping and
breaking the servers), so what is tested is what a deployment does, not what one process
believes.
"""

import json
import os
import resource
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.faults.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def site_environment(database_url, tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "DATABASE", "CACHE_")) and key != "COV_CORE_SOURCE"
    }
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="fault-tests-secret-key-not-for-production-0123456789",
        DEBUG="false",
        HASHED_STATIC="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATA_DIR=str(tmp_path / "data"),
        MEDIA_ROOT=str(tmp_path / "media"),
        OTP_REQUIRED_FOR_ADMIN_ROLES="false",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def _disk_full():
    """In the child: no file can grow by a byte, as on a full disk (root included)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def manage(env, *args, check=True, timeout=300, disk_full=False):
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
        preexec_fn=_disk_full if disk_full else None,
    )
    if check and done.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-4000:]}")
    return done


def shell(env, code, check=True, disk_full=False):
    """Run Python in `manage.py shell` (another process, as an import from the shell would be)."""
    return manage(env, "shell", "-c", code, check=check, disk_full=disk_full)


STAFF_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user, _ = get_user_model().objects.get_or_create(username=USERNAME, defaults={"is_staff": True})
user.set_password("Fault-tests-pw-2026!")
user.save()
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def staff_cookie(env, username):
    """The Cookie header of a signed-in staff member `username`, their session made from the shell."""
    key = shell(env, STAFF_SESSION.replace("USERNAME", repr(username))).stdout.split()[-1]
    return {"Cookie": f"sessionid={key}"}


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Gunicorn:
    def __init__(self, env, tmp_path, workers=1):
        self.port = free_port()
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        self.log = tmp_path / f"gunicorn-{self.port}.log"
        self.process = None

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-3000:]}")
            try:
                if self.get("/healthz/live").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-3000:]}")

    def get(self, path, timeout=30, headers=None):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Response(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def log_text(self):
        return self.log.read_text(errors="replace")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
