"""Small builders for tests: each makes one valid record with sensible defaults."""

import itertools

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import EDITOR, PUBLISHER
from cooperation.models import Appointment, Organization, Pairing, Person, Region, RegionLevel, Topic
from projects.models import Project
from review.models import Status
from visits.models import (
    Delegation,
    Meeting,
    Participant,
    ParticipantRole,
    ParticipantSide,
    SiteVisit,
    Speech,
)

_counter = itertools.count(1)


def _n():
    return next(_counter)


# name → (pk, full name) of the shipped region it resolved to: building the index of every way
# of writing every region costs far more than the look-up, and tests ask for the same few names.
_resolved_regions = {}


def region(name):
    """A shipped region by any name reports use (察右前旗, 大兴区 …)."""
    from cooperation.regions import RegionIndex

    known = _resolved_regions.get(name)
    if known is not None:
        found = Region.objects.filter(pk=known[0], full_name=known[1]).first()
        if found is not None:
            return found
    found = RegionIndex.load().resolve(name)
    assert found is not None, name
    _resolved_regions[name] = (found.pk, found.full_name)
    return found


def make_region(name=None, parent=None, level=RegionLevel.TOWNSHIP, side=None, **fields):
    parent = parent or region("察右前旗")
    return Region.objects.create(
        name=name or f"测试镇{_n()}", parent=parent, level=level, side=side or parent.side, **fields
    )


def make_topic(name=None, **fields):
    return Topic.objects.create(name=name or f"领域{_n()}", **fields)


def make_organization(name=None, **fields):
    return Organization.objects.create(name=name or f"单位{_n()}", **fields)


def published(**fields):
    return {"status": Status.PUBLISHED, "published_at": timezone.now(), **fields}


def make_person(name=None, title=None, status=Status.PUBLISHED, **fields):
    if status == Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    person = Person.objects.create(name=name or f"人物{_n()}", status=status, **fields)
    if title:
        Appointment.objects.create(person=person, title=title)
    return person


def make_pairing(support="大兴区", recipient="察右前旗", **fields):
    return Pairing.objects.create(
        support_region=region(support), recipient_region=region(recipient), **fields
    )


def make_delegation(title=None, status=Status.PUBLISHED, **fields):
    if status == Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    fields.setdefault("origin", region("大兴区"))
    return Delegation.objects.create(title=title or f"考察{_n()}", status=status, **fields)


def make_participant(delegation, person=None, **fields):
    fields.setdefault("name_as_printed", person.name if person else "")
    fields.setdefault("title_as_printed", "区委书记")
    fields.setdefault("side", ParticipantSide.VISITING)
    fields.setdefault("role", ParticipantRole.MEMBER)
    return Participant.objects.create(delegation=delegation, person=person, **fields)


def make_site_visit(delegation, place=None, **fields):
    return SiteVisit.objects.create(delegation=delegation, place=place or f"考察点{_n()}", **fields)


def make_meeting(delegation=None, title=None, status=Status.PUBLISHED, **fields):
    if status == Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    return Meeting.objects.create(
        delegation=delegation, title=title or f"座谈会{_n()}", status=status, **fields
    )


def make_speech(meeting, person=None, **fields):
    fields.setdefault("name_as_printed", person.name if person else "")
    fields.setdefault("title_as_printed", "旗长")
    return Speech.objects.create(meeting=meeting, person=person, **fields)


def make_project(name=None, status=Status.PUBLISHED, **fields):
    if status == Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    return Project.objects.create(name=name or f"项目{_n()}", status=status, **fields)


def make_staff(django_user_model, username, group_name=None, **fields):
    user = django_user_model.objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=True, **fields
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def make_editor(django_user_model, username="editor"):
    return make_staff(django_user_model, username, EDITOR)


def make_publisher(django_user_model, username="publisher"):
    return make_staff(django_user_model, username, PUBLISHER)


def delegation_form_data(trip, **overrides):
    data = {
        "title": trip.title, "name": trip.name, "kind": trip.kind, "code": "", "slug": trip.slug,
        "start_date": "", "end_date": "", "date_precision": "day", "origin": trip.origin_id or "",
        "purpose": "", "summary": "", "body": "", "status": trip.status,
        "published_at_0": "", "published_at_1": "",
    }
    for prefix in ("participants", "site_visits", "meetings"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def make_feedback_message(status="new", **fields):
    """A message from the public (找错/留言), as the form stores it; reply_by from its receipt."""
    from feedback.models import Message
    from feedback.services import reply_by_for

    fields.setdefault("received_at", timezone.now())
    fields.setdefault("reply_by", reply_by_for(fields["received_at"]))
    prefix = "JC" if fields.get("kind") == "error" else "LY"
    fields.setdefault("reference", f"{prefix}{timezone.localdate(fields['received_at']):%Y%m%d}-{_n():04d}")
    defaults = {"kind": "message", "name": "张三", "contact": "13800138000", "subject": f"留言{_n()}",
                "text": "希望公布更多协作项目的进展。"}
    return Message.objects.create(status=status, **{**defaults, **fields})


def make_reviewer(django_user_model, username, *group_names):
    """A member of the review groups given (初审, 复审, 终审, 审核发布)."""
    user = make_staff(django_user_model, username)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


def review_decision(client, record, decision, opinion="同意。", secrecy="", step=None):
    """Post a decision on the record's review screen, as a reviewer clicks it."""
    from django.urls import reverse

    url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_review", args=[record.pk])
    data = {"_decision": decision, "opinion": opinion, "secrecy": secrecy}
    if step:
        data["step"] = step
    return client.post(url, data)
