"""A backup restored into an empty database gives back every record and every file."""

from io import BytesIO

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image

from cooperation.models import Photo
from review.models import Status
from tests.builders import make_delegation, make_editor, make_project

SKIPPED = {
    "contenttypes", "auth.permission", "sessions", "axes", "cooperation.contentversion", "cooperation.contentchange",
    "cooperation.matchedword",
}


def snapshot():
    """Every row of every model, by natural key where there is one, so ids may differ."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in SKIPPED or label in SKIPPED:
            continue
        data = serializers.serialize(
            "python", model._default_manager.all(), use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        rows[label] = sorted(repr(item) for item in data)
    return rows


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_round_trip_every_record_and_file(tmp_path, django_user_model, seed_transactional):
    make_editor(django_user_model)
    make_delegation(status=Status.DRAFT, title="还在草稿里的考察")
    make_project(status=Status.REVIEW, name="待审项目")
    buffer = BytesIO()
    Image.new("RGB", (300, 200), "red").save(buffer, format="PNG")
    photo = Photo(alt_text="红色", caption="测试")
    photo.image.save("red.png", ContentFile(buffer.getvalue()), save=False)
    photo.save()
    before = snapshot()
    files_before = sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file())
    archive = tmp_path / "site.tar.gz"

    call_command("backup", str(archive), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    for path in (tmp_path / "media").rglob("*"):
        if path.is_file():
            path.unlink()
    call_command("restore", str(archive), verbosity=0)

    after = snapshot()
    assert sorted(after) == sorted(before)
    assert {label: len(rows) for label, rows in after.items()} == {label: len(rows) for label, rows in before.items()}
    assert after == before
    assert sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file()) == files_before
    assert sum(len(rows) for rows in before.values()) > 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, seed_transactional):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    with pytest.raises(CommandError, match="数据库不是空的"):
        call_command("restore", str(archive), verbosity=0)


@pytest.mark.django_db
def test_restore_refuses_an_archive_without_data(tmp_path):
    import tarfile

    archive = tmp_path / "photos.tar.gz"
    with tarfile.open(archive, "w:gz") as handle:
        handle.add(__file__, arcname="readme.txt")

    with pytest.raises(CommandError, match=r"缺少 data\.json"):
        call_command("restore", str(archive), verbosity=0)


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("not an archive")

    with pytest.raises(CommandError, match="无法读取备份文件"):
        call_command("restore", str(bogus), verbosity=0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_archive_that_cannot_load_is_refused_with_its_reason_and_nothing_is_written(tmp_path, seed_transactional):
    import hashlib
    import json
    import tarfile

    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as handle:
        handle.extractall(unpacked, filter="data")
    # What a backup read table by table could hold: participants of a trip that is not in it.
    lines = (unpacked / "data.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    broken = "".join(line for line in lines if '"model": "visits.delegation"' not in line)
    (unpacked / "data.jsonl").write_text(broken, encoding="utf-8")
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    manifest["data_sha256"] = hashlib.sha256(broken.encode()).hexdigest()
    (unpacked / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    inconsistent = tmp_path / "inconsistent.tar.gz"
    with tarfile.open(inconsistent, "w:gz") as handle:
        for path in sorted(unpacked.iterdir()):
            handle.add(path, arcname=path.name)
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(CommandError, match="备份无法载入，数据库未作任何改动"):
        call_command("restore", str(inconsistent), verbosity=0)

    from visits.models import Participant

    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_a_backup_cut_short_is_refused_with_a_clear_message(tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    with pytest.raises(CommandError, match=r"无法读取备份文件|备份文件不完整"):
        call_command("restore", str(truncated), verbosity=0)


@pytest.mark.django_db
def test_the_backup_streams_its_rows_one_per_line(tmp_path):
    import tarfile

    make_delegation(title="逐行写出的考察")
    archive = tmp_path / "site.tar.gz"

    call_command("backup", str(archive), verbosity=0)

    with tarfile.open(archive) as handle:
        names = handle.getnames()
        first_line = handle.extractfile("data.jsonl").readline()
    assert names[0] == "data.jsonl" and names[-1] == "manifest.json"
    assert first_line.startswith(b'{"model": ')
