"""Writing the audit log: `record(event, ...)` is the one way an entry is made.

Call it where the event happens, with the request when there is one. Without one it uses
the request being served (AuditContextMiddleware keeps it), so a signal fired deep inside a
form save still knows who did it and from where; from a management command the user is
whoever the command names, or nobody (the entry then reads as the system's).

    from accounts.audit import record
    from accounts.models import AuditEvent, Outcome

    record(AuditEvent.IMPORT, request=request, obj=batch, detail="新增 12，更新 3")
    record(AuditEvent.EXPORT, request=request, obj="考察活动.csv", detail="128 行")
    record(AuditEvent.IMPORT, request=request, obj="台账.xlsx", outcome=Outcome.FAILURE, detail=str(error))
"""

from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext as _

from accounts.client_address import client_ip
from accounts.models import AuditEntry, AuditEvent, Outcome
from accounts.roles import describe_roles

_current_request = ContextVar("accounts_current_request", default=None)

__all__ = ["AuditEvent", "Outcome", "current_request", "record"]


def current_request():
    return _current_request.get()


class AuditContextMiddleware:
    """Keeps the request being served where `record()` can find it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _describe_object(obj):
    """(type, id, text) of what the event was about: a model instance or a plain description."""
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        meta = obj._meta
        return f"{meta.app_label}.{meta.model_name}", "" if obj.pk is None else str(obj.pk), str(obj)
    return "", "", str(obj)


def record(event, request=None, user=None, obj=None, outcome=Outcome.SUCCESS, detail="", username=None):
    """Append one entry to the audit log and return it.

    `user` is who acted (default: the request's user); `username` names an account that could
    not be identified, such as the one typed into a failed login; `obj` is what was acted on.
    """
    request = request if request is not None else current_request()
    if user is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            user = request_user
    if user is not None and not user.is_authenticated:
        user = None
    object_type, object_id, object_repr = _describe_object(obj)
    return AuditEntry.objects.create(
        event=AuditEvent(event),
        outcome=Outcome(outcome),
        user_id=user.pk if user is not None else None,
        username=(user.get_username() if user is not None else (username or ""))[:150],
        role=describe_roles(user)[:200],
        ip_address=(client_ip(request) or None) if request is not None else None,
        object_type=object_type,
        object_id=object_id[:64],
        object_repr=object_repr[:255],
        detail=str(detail),
        path=request.path[:300] if request is not None and hasattr(request, "path") else "",
    )


def describe_change_message(message):
    """The admin's change message (a list of what changed) in words, as the history page shows it."""
    import json

    from django.contrib.admin.models import LogEntry

    if isinstance(message, list):
        message = json.dumps(message)
    return LogEntry(change_message=message).get_change_message()


class AuditedAdminMixin:
    """For a ModelAdmin of settings: every add, change and delete made in it goes to the audit log.

    Hooks the admin's own change log, so it sees what a person did through the application
    and not the model's routine saves (a device updating its counters, axes its attempts).
    """

    audit_event = AuditEvent.SETTINGS_CHANGE

    def log_addition(self, request, obj, message):
        record(self.audit_event, request=request, obj=obj, detail=_join(_("新增"), describe_change_message(message)))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        record(self.audit_event, request=request, obj=obj, detail=_join(_("修改"), describe_change_message(message)))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            record(self.audit_event, request=request, obj=obj, detail=self.deletion_detail(obj))
        return super().log_deletions(request, queryset)

    def deletion_detail(self, obj):
        return _("删除")


def _join(verb, text):
    return f"{verb}：{text}" if text else verb
