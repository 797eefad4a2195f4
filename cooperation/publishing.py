"""Publishing and withdrawing: the one place a record's status changes for the public.

Records are saved one by one, not with a bulk update, so that each change lands in the
record's history with the user who made it, and in the audit log (等保 2.0) with the request
it came from.
"""

from django.db import transaction
from django.utils import timezone

from accounts.audit import AuditEvent
from accounts.audit import record as audit
from cooperation.models import Status


@transaction.atomic
def publish(records, request=None):
    """Publish each record; a record keeps its first publication time. Returns how many changed."""
    now = timezone.now()
    changed = 0
    for record in records:
        if record.status == Status.PUBLISHED:
            continue
        record.status = Status.PUBLISHED
        if record.published_at is None:
            record.published_at = now
        record.save(update_fields=["status", "published_at", "updated_at"])
        audit(AuditEvent.PUBLISH, request=request, obj=record)
        changed += 1
    return changed


@transaction.atomic
def withdraw(records, request=None):
    changed = 0
    for record in records:
        if record.status != Status.PUBLISHED:
            continue
        record.status = Status.WITHDRAWN
        record.save(update_fields=["status", "updated_at"])
        audit(AuditEvent.WITHDRAW, request=request, obj=record)
        changed += 1
    return changed
