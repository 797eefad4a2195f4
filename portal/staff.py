"""The staff start page: the admin index, opened by what waits for this user today.

我的草稿, 待我审核 (by step), what was published this week, overdue 留言 and stale sections,
each with its count and a link to the admin list that shows exactly those. A line appears only
to whom may open its list. The queries are a fixed number, whatever the number of records: one
per reviewed model for drafts and one for recent publications, two for the review queue, one for
the messages, the freshness report's one per section model.

The admin index template asks for it (`{% staff_desk as desk %}`, portal/templatetags): the page
stays Django's own view, behind the same sign-in, two-factor and password checks as every admin
page, which a view of our own mounted at /admin/ would step around.
"""

import datetime

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from feedback.models import Message
from govsite.admin import section_report
from govsite.models import SectionFreshness
from review.admin import steps_of
from review.admin_base import RECENT_DAYS, PublishableAdmin, WorkListFilter
from review.models import ReviewRequest, ReviewStep


def desk(request):
    user = request.user
    now = timezone.now()
    return {
        "drafts": _record_lines(request, "drafts"),
        "recent": _record_lines(request, "recent", since=now - datetime.timedelta(days=RECENT_DAYS)),
        "recent_days": RECENT_DAYS,
        "review": _review_lines(user),
        "overdue": _overdue(user),
        "stale": _stale(user, now),
    }


def _reviewed_admins(request):
    """Every admin of a record with a status that this user may open, in the admin's order."""
    found = []
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, PublishableAdmin) and model_admin.has_status and model_admin.has_view_permission(
            request
        ):
            found.append((model, model_admin))
    return sorted(found, key=lambda item: (item[0]._meta.app_label, str(item[0]._meta.verbose_name)))


def _changelist(model, **params):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _record_lines(request, which, since=None):
    lines = []
    for model, _model_admin in _reviewed_admins(request):
        if which == "drafts":
            count = model.objects.drafts_of(request.user).count()
            url = _changelist(model, work=WorkListFilter.MINE)
        else:
            count = model.objects.published_since(since).count()
            url = _changelist(model, work=WorkListFilter.RECENT)
        lines.append({"label": model._meta.verbose_name_plural, "count": count, "url": url})
    return {"total": sum(line["count"] for line in lines), "lines": lines}


def _review_lines(user):
    steps = steps_of(user)
    if not steps or not user.has_perm("review.view_reviewrequest"):
        return None
    counts = dict.fromkeys(steps, 0)
    for step in ReviewRequest.objects.awaiting(user, steps).values_list("current_step", flat=True):
        counts[step] += 1
    lines = [
        {
            "label": ReviewStep(step).label,
            "count": count,
            "url": _changelist(ReviewRequest, awaiting="me", current_step__exact=step),
        }
        for step, count in counts.items()
    ]
    return {"total": sum(counts.values()), "lines": lines, "url": _changelist(ReviewRequest, awaiting="me")}


def _overdue(user):
    if not user.has_perm("feedback.view_message"):
        return None
    return {"count": Message.objects.overdue().count(), "url": _changelist(Message, due="overdue")}


def _stale(user, now):
    if not user.has_perm("govsite.view_sectionfreshness"):
        return None
    rows = section_report(now)
    return {
        "count": sum(1 for row in rows if row["stale"]),
        "names": [row["state"].section.name for row in rows if row["stale"]],
        "url": _changelist(SectionFreshness),
    }
