"""Password history and age: what the reuse rule and the 90-day rule read."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import PasswordHistory


def history_length():
    return settings.PASSWORD_HISTORY_COUNT


def remember_password(user, set_by_administrator=False):
    """Keep the user's current hash and forget all but the last PASSWORD_HISTORY_COUNT."""
    with transaction.atomic():
        PasswordHistory.objects.create(user=user, password=user.password, set_by_administrator=set_by_administrator)
        keep = PasswordHistory.objects.filter(user=user).order_by("-changed_at", "-id")[: history_length()]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep.values_list("pk", flat=True))).delete()


def latest_change(user):
    return PasswordHistory.objects.filter(user=user).order_by("-changed_at", "-id").first()


def password_change_reason(user):
    """Why this user must change their password before working, or None.

    "expired": older than PASSWORD_MAX_AGE_DAYS; "administrator": set by someone else (a new
    account, a reset), to be replaced by one only its owner knows; "unknown": no recorded
    change (an account made before these rules, or loaded from a backup).
    """
    if not user.has_usable_password():
        return None
    latest = latest_change(user)
    if latest is None:
        return "unknown"
    if latest.set_by_administrator:
        return "administrator"
    if latest.changed_at + timedelta(days=settings.PASSWORD_MAX_AGE_DAYS) <= timezone.now():
        return "expired"
    return None
