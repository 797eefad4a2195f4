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

SKIPPED = {"contenttypes", "auth.permission", "sessions", "axes", "cooperation.contentversion"}


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
