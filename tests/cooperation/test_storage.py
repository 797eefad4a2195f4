"""Media files: written whole, in place only when their row commits, never left behind by a failure."""

import contextlib
import os
import resource
import signal
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from cooperation.models import Photo
from cooperation.storage import MediaWriteError, discard_rolled_back
from tests.cooperation.ledger_builders import trip, trips_csv

pytestmark = pytest.mark.django_db


def jpeg(size=(1200, 800)):
    """A photo-like JPEG (noise compresses as little as a real photo): about a megabyte."""
    buffer = BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@contextlib.contextmanager
def disk_full_after(size):
    """No file may grow past `size` bytes (as on a disk that fills up mid-write), root included."""
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_handler)


def new_photo():
    return Photo(alt_text="大棚里成片的芍药", caption="芍药", image=ContentFile(jpeg(), name="peony.jpg"))


def test_files_take_their_names_when_the_row_commits(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        photo = new_photo()
        photo.save()
        waiting = media_files(settings)

    assert all(".uploading-" in name for name in waiting) and len(waiting) == 3
    for callback in callbacks:
        callback()
    assert sorted(media_files(settings)) == sorted([photo.image.name, photo.thumbnail.name, photo.display.name])


def test_a_rolled_back_save_leaves_no_file(settings):
    with pytest.raises(RuntimeError), transaction.atomic():
        photo = new_photo()
        photo.save()
        raise RuntimeError("the row is not saved after all")

    discard_rolled_back()

    assert media_files(settings) == []


def test_a_full_disk_leaves_no_half_written_file(settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)

    with disk_full_after(10_000), pytest.raises(MediaWriteError):
        Photo(alt_text="芍药").image.save("peony.jpg", ContentFile(jpeg()), save=False)

    assert media_files(settings) == []


def test_two_uploads_of_one_name_waiting_for_their_commits_get_two_names(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        first, second = new_photo(), new_photo()
        first.save()
        second.save()

    assert first.image.name != second.image.name


def test_the_photo_admin_keeps_the_form_and_says_why_when_the_disk_is_full(admin_client, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    upload = SimpleUploadedFile("peony.jpg", jpeg(), content_type="image/jpeg")

    with disk_full_after(20_000):
        response = admin_client.post(
            "/admin/cooperation/photo/add/",
            {"image": upload, "caption": "芍药鲜切花", "alt_text": "大棚里成片的芍药", "credit": "", "taken_on": ""},
        )
    discard_rolled_back()

    assert response.status_code == 200
    page = response.content.decode()
    assert "文件未能保存：服务器的存储空间已满或不可写" in page
    assert 'value="芍药鲜切花"' in page and 'value="大棚里成片的芍药"' in page
    assert Photo.objects.count() == 0
    assert media_files(settings) == []


def test_a_ledger_upload_on_a_full_disk_leaves_no_empty_file_and_says_why(admin_client, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    ledger = trips_csv(*[trip(标题=f"考察{n}", 开始日期="2024-06-20") for n in range(60)])
    assert len(ledger) > 2_000

    with disk_full_after(2_000):
        response = admin_client.post(
            "/admin/ledgers/importbatch/add/", {"file": SimpleUploadedFile("考察活动.csv", ledger)}
        )

    assert response.status_code == 200
    assert "文件未能保存：服务器的存储空间已满或不可写" in response.content.decode()
    assert media_files(settings) == []
