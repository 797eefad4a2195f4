"""Import batches are named by time and file, never by a number that skips the failed imports."""

import datetime

import pytest
from django.utils import timezone

from cooperation.ledgers.models import ImportBatch

pytestmark = pytest.mark.django_db


def test_the_batch_list_names_batches_by_time_and_file_without_numbers(admin_client):
    # Numbers 2–4 went to imports rolled back inside their transaction: nothing to show for them.
    first = ImportBatch.objects.create(pk=1, file_name="项目.xlsx", sha256="a" * 64, ledgers="项目")
    later = ImportBatch.objects.create(pk=5, file_name="考察活动.csv", sha256="b" * 64, ledgers="考察活动")
    ImportBatch.objects.filter(pk=later.pk).update(created_at=first.created_at + datetime.timedelta(minutes=3))
    later.refresh_from_db()

    page = admin_client.get("/admin/ledgers/importbatch/").content.decode()

    stamp = timezone.localtime(later.created_at)
    assert str(later) == f"{stamp:%Y-%m-%d %H:%M:%S} 考察活动.csv"
    assert "#1" not in page and "#5" not in page
    assert page.index("考察活动.csv") < page.index("项目.xlsx")
