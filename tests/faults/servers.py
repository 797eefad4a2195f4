"""A redis-server and a PostgreSQL of the test's own, to stop, pause and restart at will.

Fault tests never touch the machine's shared servers: each starts its own on a free port in a
temporary folder, and stops it when done. A PostgreSQL is either made by `initdb` or copied from
the data directory of another, stopped one (tests/faults/conftest.py makes one migrated cluster per run).
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
# The empty, migrated database of the run's cluster (tests/faults/conftest.py), which every
# module's cluster holds as a copy and copies again for each database it needs.
MIGRATED = "migrated"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port, process, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


class RedisServer:
    """`redis-server` on a free port; with `persist`, it saves to and loads from a dump file."""

    def __init__(self, directory, persist=False):
        self.directory = Path(directory)
        self.port = free_port()
        self.persist = persist
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        save = ["--save", "3600 1", "--dbfilename", "dump.rdb"] if self.persist else ["--save", ""]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
             "--appendonly", "no", *save],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, self.process)
        return self

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def save(self):
        import redis

        redis.Redis.from_url(self.url).save()

    def stop(self):
        if self.process is None:
            return
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def kill(self):
        """Gone at once, without saving (a crash); the dump file keeps what was last saved."""
        self.process.send_signal(signal.SIGCONT)
        self.process.kill()
        self.process.wait()
        self.process = None


def _as_postgres_user():
    """initdb refuses to run as root: run the server as the `postgres` account when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return pwd.getpwnam("nobody")


class PostgresServer:
    """A PostgreSQL 15 cluster of its own (initdb in a temporary folder), trust auth on a free port."""

    def __init__(self):
        # In /tmp itself: pytest's own temporary folders are closed to the `postgres` account.
        self.directory = Path(tempfile.mkdtemp(prefix="jingmeng-faults-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self.user = _as_postgres_user()

    def _run(self, *args, check=True):
        def demote():
            if self.user is not None:
                os.setgid(self.user.pw_gid)
                os.setuid(self.user.pw_uid)

        done = subprocess.run(
            [str(PG_BIN / args[0]), *args[1:]], capture_output=True, text=True, preexec_fn=demote
        )
        if check and done.returncode:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stdout}{done.stderr}")
        return done

    def url(self, name="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _own_folder(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.user is not None:
            os.chown(self.directory, self.user.pw_uid, self.user.pw_gid)

    def init(self):
        self._own_folder()
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")
        return self

    def copy_of(self, data):
        """This cluster as a copy of `data`, the data directory of a cluster that was stopped
        cleanly (`cp -a` keeps the owner and the modes PostgreSQL insists on)."""
        self._own_folder()
        subprocess.run(["cp", "-a", str(data), str(self.data)], check=True)
        return self

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(self.directory / "log"), "start")
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def stopped_data(self):
        """The data directory once the server has stopped cleanly, ready to be copied."""
        self.stop()
        if (self.data / "postmaster.pid").exists():
            raise RuntimeError(f"PostgreSQL in {self.data} did not stop")
        return self.data

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def execute(self, statement, database="postgres"):
        """One SQL statement, run with psql as an operator would."""
        self._run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-c", statement,
        )

    def load(self, name, source):
        """A database `name` holding what the database at the libpq address `source` holds (on
        another server), copied by `pg_dump` and `pg_restore`."""
        self.createdb(name)
        dump = subprocess.run(
            [str(PG_BIN / "pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--dbname", source],
            capture_output=True, check=False,
        )
        if dump.returncode:
            raise RuntimeError(f"pg_dump failed ({dump.returncode}): {dump.stderr.decode(errors='replace')}")
        restore = subprocess.run(
            [str(PG_BIN / "pg_restore"), "--no-owner", "--no-acl", "--exit-on-error", "--dbname", self.url(name)],
            input=dump.stdout, capture_output=True, check=False,
        )
        if restore.returncode:
            raise RuntimeError(f"pg_restore failed ({restore.returncode}): {restore.stderr.decode(errors='replace')}")

    def createdb(self, name, template=None):
        """A database; with `template`, a copy of that one (PostgreSQL copies its files)."""
        copy = ["--template", template] if template else []
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", *copy, name)


def have_redis():
    return shutil.which("redis-server") is not None


def have_postgres():
    return (PG_BIN / "initdb").exists()
