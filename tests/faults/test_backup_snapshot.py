"""Backups taken while staff work restore; --verify proves it in a scratch database.

Each backup runs as `manage.py` does, in its own process, on a PostgreSQL of the module's own
(and once on a SQLite file). The write "during" the backup is made deterministic: while the
backup process reads the trips' participants, another connection commits a new trip with a
participant, exactly between the reading of the trips and of their participants.
"""

import json
import tarfile

import pytest

from tests.faults.servers import MIGRATED
from tests.faults.site import manage, shell, site_environment

SEED = """
from django.utils import timezone
from cooperation.models import Region
from review.models import Status
from visits.models import Delegation, Participant
origin = Region.objects.get(name="大兴区")
for n in range(5):
    trip = Delegation.objects.create(title=f"备份前的考察{n}", status=Status.PUBLISHED,
                                     published_at=timezone.now(), origin=origin)
    Participant.objects.create(delegation=trip, name_as_printed=f"备份前的人{n}", title_as_printed="区长")
"""

# The backup, with a colleague committing a trip and its participant from another connection
# at the worst moment: after the trips are read, before their participants are.
BACKUP_WHILE_STAFF_WRITE = """
import threading
from django.db import connection
from django.db.models.query import QuerySet
from cooperation.backup import write_backup
from cooperation.models import Region
from visits.models import Delegation, Participant

def colleague_saves_a_trip():
    trip = Delegation.objects.create(title="备份期间新建的考察", origin=Region.objects.get(name="大兴区"))
    Participant.objects.create(delegation=trip, name_as_printed="备份期间的人", title_as_printed="区长")
    connection.close()

original = QuerySet.iterator
written = []

def iterator(self, *args, **kwargs):
    if self.model is Participant and not written:
        written.append(True)
        worker = threading.Thread(target=colleague_saves_a_trip)
        worker.start()
        worker.join()
    return original(self, *args, **kwargs)

QuerySet.iterator = iterator
write_backup(ARCHIVE)
assert written, "the backup never read the participants"
print("trips now:", Delegation.objects.count())
"""


@pytest.fixture(scope="module")
def env(site_database, tmp_path_factory):
    env = site_environment(site_database, tmp_path_factory.mktemp("site"))
    shell(env, SEED)
    return env


def test_rows_written_during_a_backup_never_make_it_unrestorable(env, postgres_server, tmp_path):
    archive = tmp_path / "during-work.tar.gz"

    done = shell(env, BACKUP_WHILE_STAFF_WRITE.replace("ARCHIVE", repr(str(archive))))
    assert "trips now: 6" in done.stdout  # the colleague's trip was committed during the backup

    verified = manage(env, "restore", str(archive), "--verify", check=False)
    assert verified.returncode == 0, verified.stderr
    assert "校验通过" in verified.stdout
    # The colleague's trip is wholly absent: the backup saw the database as it was when it began.
    with tarfile.open(archive) as handle:
        manifest = json.load(handle.extractfile("manifest.json"))
    assert manifest["counts"]["visits.delegation"] == 5
    assert manifest["counts"]["visits.participant"] == 5

    # And a real restore into an empty database, as an operator would after losing the server: a
    # copy of the database the run's `manage.py migrate` left (tests/faults/conftest.py).
    postgres_server.createdb("restored", template=MIGRATED)
    restored = {**env, "DATABASE_URL": postgres_server.url("restored"), "MEDIA_ROOT": str(tmp_path / "media2")}
    done = manage(restored, "restore", str(archive), check=False)
    assert done.returncode == 0, done.stderr
    counted = shell(restored, "from visits.models import Participant; print('n:', Participant.objects.count())")
    assert "n: 5" in counted.stdout


def test_backup_verify_on_postgresql(env, tmp_path):
    archive = tmp_path / "site.tar.gz"

    done = manage(env, "backup", str(archive), "--verify", check=False)

    assert done.returncode == 0, done.stderr
    assert "校验通过" in done.stdout


def test_a_manifest_that_does_not_match_the_rows_fails_verification(env, tmp_path):
    archive = tmp_path / "site.tar.gz"
    manage(env, "backup", str(archive))
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as handle:
        handle.extractall(unpacked, filter="data")
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"]["visits.delegation"] += 1
    (unpacked / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as handle:
        for path in sorted(unpacked.iterdir()):
            handle.add(path, arcname=path.name)

    done = manage(env, "restore", str(tampered), "--verify", check=False)

    assert done.returncode != 0
    expected = manifest["counts"]["visits.delegation"]
    assert f"校验失败：visits.delegation：备份中 {expected} 条，恢复后 {expected - 1} 条" in done.stderr
    assert "Traceback" not in done.stderr


def test_backup_verify_on_a_sqlite_file(tmp_path):
    env = site_environment(f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path)
    manage(env, "migrate", "--no-input", "-v0")
    shell(env, SEED)

    done = manage(env, "backup", str(tmp_path / "site.tar.gz"), "--verify", check=False)

    assert done.returncode == 0, done.stderr
    assert "校验通过" in done.stdout
