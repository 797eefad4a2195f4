import os
import shutil

import pytest
from django.db import connections

from tests import databases as test_databases
from tests.databases import locked
from tests.faults.servers import MIGRATED, PostgresServer, RedisServer, have_postgres, have_redis
from tests.faults.site import manage, site_environment


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/faults/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.faults)


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own, with no persistence."""
    if not have_redis():
        pytest.fail("redis-server is needed for the fault tests")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def persistent_redis(tmp_path):
    """A redis-server that saves to a dump file and loads it again on restart (Debian's default)."""
    server = RedisServer(tmp_path, persist=True).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def migrated_cluster(request, tmp_path_factory):
    """The data directory of a stopped PostgreSQL cluster whose database `migrated` is empty and
    migrated.

    initdb runs once per run: the first test worker that needs the cluster makes it in the run's
    folder, and the others wait for it. Each module copies it (tens of megabytes, a fraction of a
    second) instead of running initdb and every migration again. On PostgreSQL with several
    workers, `migrated` is a copy (pg_dump, pg_restore) of the database the workers' test
    databases are copied from, which the run has migrated already (tests/databases.py): a
    migration from empty costs 7–8 s of CPU, the copy under one. Otherwise it is migrated by
    `manage.py migrate`, in its own process, as an operator runs it.
    """
    if not have_postgres():
        pytest.fail("PostgreSQL 15's binaries are needed for the fault tests")
    folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = folder.parent  # the run's folder, above each worker's own
        if connections["default"].vendor == "postgresql":
            request.getfixturevalue("django_db_setup")  # the run's template, made by the first worker
    data = folder / "faults-migrated-cluster"
    with locked(folder / "faults-migrated-cluster.lock"):
        if not data.exists():
            server = PostgresServer().init().start()
            try:
                with test_databases.template_read(folder) as template:
                    if template:
                        server.load(MIGRATED, template)
                if not template:
                    server.createdb(MIGRATED)
                    manage(site_environment(server.url(MIGRATED), server.directory), "migrate", "--no-input", "-v0")
                # Made whole, then moved in at once: a worker never sees half a cluster.
                shutil.move(server.stopped_data(), data)
            finally:
                server.remove()
    return data


@pytest.fixture(scope="module")
def postgres_server(migrated_cluster):
    """A PostgreSQL cluster of the module's own: a copy of the run's migrated cluster."""
    server = PostgresServer().copy_of(migrated_cluster).start()
    yield server
    server.remove()


@pytest.fixture(scope="module")
def site_database(postgres_server):
    """A migrated database of the module's own on the module's PostgreSQL."""
    postgres_server.createdb("site", template=MIGRATED)
    return postgres_server.url("site")
