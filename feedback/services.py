"""Receiving a message from the public and moderating it: the writes of the feedback app."""

import datetime
import secrets

import chinese_calendar
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.audit import AuditEvent
from accounts.audit import record as audit
from accounts.client_address import client_ip
from feedback.conf import setting
from feedback.models import Message, MessageKind

# Letters and digits that cannot be mistaken for each other when read out on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_PREFIX = {MessageKind.ERROR_REPORT: "JC", MessageKind.MESSAGE: "LY"}


# Statutory holidays on fixed dates (《全国年节及纪念日放假办法》): 元旦, 劳动节, 国庆节.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}


def is_working_day(day):
    """Whether government offices work on `day`.

    For the years the State Council has published (chinesecalendar carries each year's
    notice), holidays are off and the weekends moved to make up for them (调休) are worked.
    For a year not yet published, Monday to Friday except the fixed-date holidays; the lunar
    ones (春节, 清明, 端午, 中秋) then count as working days until chinesecalendar is updated.
    """
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def add_working_days(day, count):
    """The date `count` working days after `day` (see is_working_day).

    A message that arrives on a day off is counted from the next working day: the first
    working day after a Saturday is usually Monday, the third Wednesday.
    """
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def reply_by_for(received_at):
    return add_working_days(timezone.localdate(received_at), setting("FEEDBACK_REPLY_WORKING_DAYS"))


def client_key(request):
    """A keyed hash of the visitor's address (behind the configured proxies), never the address itself."""
    return salted_hmac("feedback.client", client_ip(request) or "unknown").hexdigest()


def is_rate_limited(request):
    since = timezone.now() - datetime.timedelta(seconds=setting("FEEDBACK_RATE_WINDOW"))
    return Message.objects.recent_from(client_key(request), since).count() >= setting("FEEDBACK_RATE_LIMIT")


def _new_reference(kind, day):
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4))
    return f"{REFERENCE_PREFIX[kind]}{day:%Y%m%d}-{code}"


def receive(request, cleaned_data):
    """Store a message sent through the public form, with its reference number and reply-by date."""
    received_at = timezone.now()
    key = client_key(request)
    # A second click on 提交, or the browser sending the form again: the same letter, one record.
    repeat = (
        Message.objects.recent_from(key, received_at - datetime.timedelta(minutes=10))
        .filter(subject=cleaned_data["subject"], text=cleaned_data["text"], contact=cleaned_data["contact"])
        .first()
    )
    if repeat is not None:
        return repeat
    message = Message(
        kind=cleaned_data["kind"],
        page_path=cleaned_data["page_path"] if cleaned_data["kind"] == MessageKind.ERROR_REPORT else "",
        name=cleaned_data["name"],
        contact=cleaned_data["contact"],
        subject=cleaned_data["subject"],
        text=cleaned_data["text"],
        received_at=received_at,
        reply_by=reply_by_for(received_at),
        client_key=key,
    )
    for attempt in range(5):
        message.reference = _new_reference(message.kind, timezone.localdate(received_at))
        try:
            with transaction.atomic():
                message.save()
            return message
        except IntegrityError:
            # Another message took this reference number; draw again.
            if attempt == 4:
                raise
    return message


def record_reply(message, user):
    """Note who answered and when (called when the reply text has changed)."""
    message.replied_at = timezone.now() if message.reply.strip() else None
    message.replied_by = user if message.reply.strip() else None


def apply_public_change(message, was_public, request):
    """Follow a change of `is_public`: stamp or clear the publication time and audit it.

    The caller saves the message, in the same transaction as this audit entry.
    """
    if message.is_public == was_public:
        return
    message.published_at = timezone.now() if message.is_public else None
    if message.is_public:
        audit(AuditEvent.PUBLISH, request=request, obj=message, detail=_("公开留言及答复"))
    else:
        audit(AuditEvent.WITHDRAW, request=request, obj=message, detail=_("取消公开留言及答复"))


def purge_expired_contacts(days, username):
    """Clear the sender's name and contact details of settled messages older than `days`.

    Cleared in the message and in its change history alike, in one transaction with the
    audit entry; the subject, text and reply stay (they are the office's record). Returns the
    references of the messages cleared.
    """
    with transaction.atomic():
        expired = list(Message.objects.contact_expired(days).order_by("pk").values_list("pk", "reference"))
        ids = [pk for pk, _reference in expired]
        now = timezone.now()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            Message.objects.filter(pk__in=chunk).update(name="", contact="", contact_purged_at=now)
            Message.history.filter(id__in=chunk).update(name="", contact="")
        if ids:
            audit(
                AuditEvent.PERSONAL_DATA_PURGE,
                username=username,
                detail=_("清除 %(count)d 条找错与留言的姓名和联系方式（收到超过 %(days)d 天且已办结）")
                % {"count": len(ids), "days": days},
            )
    return [reference for _pk, reference in expired]
