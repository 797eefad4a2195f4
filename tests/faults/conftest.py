import pytest

from tests.faults.servers import PostgresServer, RedisServer, have_postgres, have_redis


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


@pytest.fixture(scope="module")
def postgres_server():
    """A PostgreSQL cluster of the module's own."""
    if not have_postgres():
        pytest.fail("PostgreSQL 15's binaries are needed for the fault tests")
    server = PostgresServer().init().start()
    yield server
    server.remove()


@pytest.fixture(scope="module")
def site_database(postgres_server):
    """A migrated database of the module's own on the module's PostgreSQL."""
    from tests.faults.site import manage, site_environment

    postgres_server.createdb("site")
    url = postgres_server.url("site")
    manage(site_environment(url, postgres_server.directory), "migrate", "--no-input", "-v0")
    return url
