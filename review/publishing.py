"""Graded review before publishing (先审后发, 分级审核): the one place a record's status changes.

A record reaches the public only through its approval chain. Whoever prepares it submits it
(`submit`); the grade's policy fixes the steps (初审 → 复审 → 终审签发); each step is taken by
someone holding that step's permission who did not write the record and has not approved an
earlier step of the same submission (`approve`); a rejection at any step ends the submission
and sends the record back to its editor with the opinion (`reject`). Only the last step
publishes, withdraws, or applies a change to a published record.

Withdrawing and changing a published record go through the chain as well. A change waits as a
pending revision on its submission (the admin form's data); the record, which is what the public
sees, stays as approved until 终审签发 applies the revision, and django-simple-history keeps
the version it replaced.

Records are saved one by one, so that each change lands in the record's history with the user
who made it, and every step lands in the audit log (等保 2.0) with the request it came from.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import AuditEvent, Outcome
from accounts.audit import record as audit
from review import checks, registry
from review.models import (
    STEP_ORDER,
    Grade,
    ReviewAction,
    ReviewDecision,
    ReviewOpinion,
    ReviewPolicy,
    ReviewRequest,
    ReviewState,
    ReviewStep,
    SecrecyConclusion,
    SensitiveWord,
    Status,
)
from review.roles import user_can_take_step

GRADE_ORDER = [Grade.NORMAL, Grade.IMPORTANT, Grade.SENSITIVE]


# The history entries the workflow itself writes (status changes, masking) carry one of these
# reasons: they are nobody's authorship, so a reviewer who rejected a record may review it again.
SUBMITTED, CANCELLED, REJECTED, SIGNED_OFF, WITHDRAWN, MASKED = (
    "提交审核", "撤销送审", "审核退回", "终审签发", "经审核撤回", "个人信息脱敏",
)
WORKFLOW_REASONS = [SUBMITTED, CANCELLED, REJECTED, SIGNED_OFF, WITHDRAWN, MASKED]


class ReviewRefused(Exception):
    """A step that may not be taken, with the reason in words the reviewer reads."""


def chain_for(grade):
    """The steps of a grade's chain; without a policy, the strictest chain."""
    policy = ReviewPolicy.objects.filter(grade=grade).first()
    return [str(step) for step in (policy.steps if policy else STEP_ORDER)]


def step_label(step):
    return str(ReviewStep(step).label)


def stricter_grade(*grades):
    return max(grades, key=lambda grade: GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER))


def is_live(record):
    """Whether the public sees this row as it is saved: a published record, a part of one, or a
    reference in public use.

    A reference (a row without a status of its own) is public as soon as something published
    names it: a place, topic, pairing or report that no published record names is shown nowhere
    (`in_public_use()`, the rule the imports follow too, review/held.py). One without that rule
    is public as soon as it is saved.
    """
    if hasattr(record, "status"):
        return record.status == Status.PUBLISHED
    parent = registry.parent_of(record)
    if parent is not None:
        return is_live(parent)
    in_public_use = getattr(type(record)._default_manager, "in_public_use", None)
    if in_public_use is not None:
        return record.pk is not None and in_public_use().filter(pk=record.pk).exists()
    return True


def requests_of(record):
    return ReviewRequest.objects.for_record(record)


def pending_request(record):
    return requests_of(record).pending().first()


def authors_of(record, submitter):
    """Who wrote this version: the creator, everyone who saved it or any part of it since it was
    last approved (a speech of the meeting, a participant of the trip …), the submitter."""
    history = record.history.exclude(history_change_reason__in=WORKFLOW_REASONS)
    ids = set()
    creator = history.order_by("history_date", "history_id").values_list("history_user_id", flat=True).first()
    ids.add(creator)
    approved = requests_of(record).filter(state=ReviewState.APPROVED).order_by("-closed_at")
    last_approved = approved.values_list("closed_at", flat=True).first()
    since = history.filter(history_date__gt=last_approved) if last_approved else history
    ids.update(since.values_list("history_user_id", flat=True))
    for model, field in registry.parts().items():
        if not isinstance(record, model._meta.get_field(field).related_model):
            continue
        # A part's history keeps the record it belonged to, even after the part was deleted.
        part_history = model.history.filter(**{f"{field}_id": record.pk}).exclude(
            history_change_reason__in=WORKFLOW_REASONS)
        if last_approved:
            part_history = part_history.filter(history_date__gt=last_approved)
        ids.update(part_history.values_list("history_user_id", flat=True))
    if submitter is not None:
        ids.add(submitter.pk)
    return sorted(pk for pk in ids if pk is not None)


def _audit_event(action):
    return AuditEvent.WITHDRAW if action == ReviewAction.WITHDRAW else AuditEvent.PUBLISH


@transaction.atomic
def submit(record, user, action=ReviewAction.PUBLISH, revision=None, summary="", grade=None, request=None, batch=""):
    """Open a submission of the record to its chain; a pending one of the same kind is replaced.

    Returns the new ReviewRequest. A record being published waits in 待审; a published record
    being changed or withdrawn stays public as it is until the last step.
    """
    action = ReviewAction(action)
    if action == ReviewAction.PUBLISH and is_live(record):
        raise ReviewRefused(_("这条记录已发布；修改或撤回请走相应的审核。"))
    if action != ReviewAction.PUBLISH and not is_live(record):
        raise ReviewRefused(_("只有已发布的记录才能申请修改或撤回。"))
    if action == ReviewAction.WITHDRAW and not hasattr(record, "status"):
        raise ReviewRefused(_("这类记录没有发布状态，不能撤回。"))
    previous = requests_of(record).pending().select_for_update().first()
    if previous is not None and previous.action != action:
        raise ReviewRefused(
            _("这条记录已有一项“%(action)s”申请在审核中，请待其办结或撤销后再提交。")
            % {"action": previous.get_action_display()}
        )
    now = timezone.now()
    authors = set(authors_of(record, user))
    if previous is not None:
        previous.state, previous.closed_at, previous.current_step = ReviewState.SUPERSEDED, now, ""
        previous.save(update_fields=["state", "closed_at", "current_step"])
        # Whoever wrote what the replaced submission held may have written part of this one.
        authors.update(previous.author_ids)
    own_grade = getattr(record, "grade", Grade.NORMAL)
    grade = stricter_grade(own_grade, grade or own_grade)
    steps = chain_for(grade)
    review_request = ReviewRequest.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        record_repr=str(record)[:300],
        action=action,
        grade=grade,
        steps=steps,
        current_step=steps[0],
        submitted_by=user if user is not None and user.is_authenticated else None,
        submitted_at=now,
        author_ids=sorted(authors),
        summary=summary,
        revision=revision,
        batch=batch,
    )
    if action == ReviewAction.PUBLISH and record.status != Status.REVIEW:
        record.status = Status.REVIEW
        record._change_reason = SUBMITTED
        record.save(update_fields=["status"])
    audit(
        _audit_event(action), request=request, user=user, obj=record,
        detail=_("提交审核：%(action)s（%(chain)s）") % {
            "action": review_request.get_action_display(), "chain": " → ".join(step_label(s) for s in steps),
        },
    )
    return review_request


def publish_imported(record, user, batch, request=None):
    """导入即发布 for one record of an import: submitted to its chain with the rest of the batch.

    Only where the office's chain for the record's grade is 终审签发 alone, and the importer
    holds it, does the import sign the record off itself — and then only when the checks find
    nothing that blocks publishing. Returns the ReviewRequest.
    """
    review_request = submit(record, user, summary=_("导入即发布：%(batch)s") % {"batch": batch}, request=request,
                            batch=batch)
    if user is None or review_request.steps != [ReviewStep.FINAL] or not user_can_take_step(user, ReviewStep.FINAL):
        return review_request
    if any(issue.blocking for issue in issues_of(review_request)):
        return review_request
    sign_off_alone(review_request, user, _("导入即发布（审核流程仅终审签发）。"), request=request)
    return review_request


def sign_off_alone(review_request, user, opinion, request=None):
    """终审签发 by whoever submitted, where the chain is that step alone (an import's own records)."""
    _record_opinion(review_request, user, ReviewDecision.APPROVE, opinion, "")
    _take_effect(review_request, user, request, opinion)


@transaction.atomic
def cancel(review_request, user, request=None):
    """Take a submission back before it is decided: a record waiting to be published returns to 草稿."""
    review_request = ReviewRequest.objects.select_for_update().get(pk=review_request.pk)
    if not review_request.is_pending:
        return False
    review_request.state, review_request.closed_at, review_request.current_step = (
        ReviewState.CANCELLED, timezone.now(), "",
    )
    review_request.save(update_fields=["state", "closed_at", "current_step"])
    record = review_request.record
    if review_request.action == ReviewAction.PUBLISH and record is not None and record.status == Status.REVIEW:
        record.status = Status.DRAFT
        record._change_reason = CANCELLED
        record.save(update_fields=["status"])
    audit(_audit_event(review_request.action), request=request, user=user, obj=record or review_request.record_repr,
          detail=_("撤销送审：%(action)s") % {"action": review_request.get_action_display()})
    return True


def refusal(review_request, user):
    """Why this user may not decide the submission's current step, or None when they may."""
    if not review_request.is_pending:
        return _("这项申请已办结。")
    step = review_request.current_step
    if not user_can_take_step(user, step):
        return _("你没有“%(step)s”的权限。") % {"step": step_label(step)}
    if user.pk in review_request.author_ids:
        return _("这是你编写或修改的内容，不能由你审核。")
    if review_request.opinions.filter(reviewer=user, decision=ReviewDecision.APPROVE).exists():
        return _("你已通过这项申请的前一环节，同一人不能审核两个环节。")
    return None


def _locked(review_request, step):
    locked = ReviewRequest.objects.select_for_update().get(pk=review_request.pk)
    if step is not None and locked.is_pending and locked.current_step != step:
        raise ReviewRefused(_("这一环节已由他人处理，请刷新页面后再看。"))
    return locked


def _deny(review_request, user, reason, request):
    audit(_audit_event(review_request.action), request=request, user=user,
          obj=review_request.record or review_request.record_repr, outcome=Outcome.DENIED, detail=reason)
    raise ReviewRefused(reason)


def approve(review_request, user, opinion, secrecy="", step=None, request=None):
    """Approve the current step; at the last one the action takes effect. Raises ReviewRefused."""
    with transaction.atomic():
        review_request = _locked(review_request, step)
        reason = refusal(review_request, user)
        if reason is None:
            reason = _opinion_problem(review_request, opinion, secrecy, approving=True)
        if reason is None:
            blocking = [issue for issue in issues_of(review_request) if issue.blocking]
            if blocking:
                reason = _("还有 %(count)d 处必须处理的问题（个人信息未脱敏或含禁止发布的词语），不能通过。") % {
                    "count": len(blocking),
                }
        if reason is None:
            return _record_approval(review_request, user, opinion, secrecy, request)
    # Refusals are written after the transaction, so the audit entry stays when nothing else does.
    _deny(review_request, user, reason, request)
    return None


def _record_opinion(review_request, user, decision, opinion, secrecy):
    """The reviewer's opinion at the current step (the secrecy conclusion belongs to 复审 only)."""
    step = review_request.current_step
    ReviewOpinion.objects.create(
        review_request=review_request, step=step, decision=decision, reviewer=user,
        opinion=opinion.strip(), secrecy=secrecy if step == ReviewStep.SECOND else "",
    )
    return step


def _record_approval(review_request, user, opinion, secrecy, request):
    step = _record_opinion(review_request, user, ReviewDecision.APPROVE, opinion, secrecy)
    steps = review_request.steps
    following = steps[steps.index(step) + 1:]
    detail = _("%(step)s通过：%(opinion)s") % {"step": step_label(step), "opinion": opinion.strip()}
    if following:
        review_request.current_step = following[0]
        review_request.save(update_fields=["current_step"])
        audit(_audit_event(review_request.action), request=request, user=user, obj=review_request.record,
              detail=detail)
    else:
        _take_effect(review_request, user, request, detail)
    return review_request


def reject(review_request, user, opinion, secrecy="", step=None, request=None):
    """Reject at the current step: the submission ends and the opinion goes back to the editor."""
    with transaction.atomic():
        review_request = _locked(review_request, step)
        reason = refusal(review_request, user)
        if reason is None:
            reason = _opinion_problem(review_request, opinion, secrecy, approving=False)
        if reason is None:
            step = _record_opinion(review_request, user, ReviewDecision.REJECT, opinion, secrecy)
            review_request.state, review_request.closed_at, review_request.current_step = (
                ReviewState.REJECTED, timezone.now(), "",
            )
            review_request.save(update_fields=["state", "closed_at", "current_step"])
            record = review_request.record
            if review_request.action == ReviewAction.PUBLISH and record.status == Status.REVIEW:
                record.status = Status.DRAFT
                record._change_reason = REJECTED
                record.save(update_fields=["status"])
            audit(_audit_event(review_request.action), request=request, user=user, obj=record,
                  outcome=Outcome.FAILURE,
                  detail=_("%(step)s退回：%(opinion)s") % {"step": step_label(step), "opinion": opinion.strip()})
            return review_request
    _deny(review_request, user, reason, request)
    return None


def _opinion_problem(review_request, opinion, secrecy, approving):
    if not (opinion or "").strip():
        return _("请填写审核意见。")
    if review_request.current_step == ReviewStep.SECOND:
        if secrecy not in SecrecyConclusion.values:
            return _("复审须填写保密审查结论。")
        if approving and secrecy != SecrecyConclusion.CLEARED:
            return _("保密审查结论为不得公开，不能通过，请退回。")
    return None


def _take_effect(review_request, user, request, detail):
    """The last step: publish, apply the change or withdraw, and close the submission."""
    record = review_request.record
    action = review_request.action
    if action == ReviewAction.PUBLISH:
        record.status = Status.PUBLISHED
        if record.published_at is None:
            record.published_at = timezone.now()
        record._change_reason = SIGNED_OFF
        record.save(update_fields=["status", "published_at"])
    elif action == ReviewAction.WITHDRAW:
        record.status = Status.WITHDRAWN
        record._change_reason = WITHDRAWN
        record.save(update_fields=["status"])
    else:
        apply_revision(review_request, request)
    review_request.state, review_request.closed_at, review_request.current_step = (
        ReviewState.APPROVED, timezone.now(), "",
    )
    review_request.save(update_fields=["state", "closed_at", "current_step"])
    audit(_audit_event(action), request=request, user=user, obj=record, detail=_("%(detail)s；%(action)s生效") % {
        "detail": detail, "action": review_request.get_action_display(),
    })


def submit_new_parts(record, user, model, rows, summary, batch=""):
    """Ask to add rows of a part (`rows`: {field: [values]}) to a public record: a pending change of it."""
    from django.contrib import admin
    from django.http import HttpRequest

    request = HttpRequest()
    request.user = user
    revision = admin.site._registry[type(record)].revision_with_rows(request, record, model, rows)
    return submit(record, user, ReviewAction.CHANGE, revision=revision, summary=summary, batch=batch)


def apply_revision(review_request, request):
    """Apply a pending change through the record's own admin form, so every rule of the form holds."""
    from django.contrib import admin

    record = review_request.record
    model_admin = admin.site._registry[type(record)]
    model_admin.apply_revision(request, record, review_request)


# --- what the reviewer sees: pre-publish checks -------------------------------------------------

def sensitive_words():
    return list(SensitiveWord.objects.values_list("word", "hard", "suggestion"))


def texts_of(review_request):
    record = review_request.record
    if review_request.action == ReviewAction.CHANGE:
        return checks.revision_texts(review_request.revision or {}, type(record))
    return checks.record_texts(record)


def photos_of(review_request):
    if review_request.action != ReviewAction.CHANGE:
        return checks.record_photos(review_request.record)
    ids = [
        value for key, values in (review_request.revision or {}).items()
        if key.rsplit("-", 1)[-1] in ("photos", "cover_photo") for value in values if value.isdigit()
    ]
    return [photo for model in registry.photo_models() for photo in model.objects.filter(pk__in=ids)]


def issues_of(review_request, own_hosts=None):
    """The checks before publishing. Links are checked only when `own_hosts` is given (it takes time)."""
    if review_request.action == ReviewAction.WITHDRAW or review_request.record is None:
        return []
    texts = texts_of(review_request)
    issues = checks.text_issues(texts, sensitive_words()) + checks.photo_issues(photos_of(review_request))
    if own_hosts is not None:
        where = {}
        for text in texts:
            for url in checks.find_links(text.text):
                where.setdefault(url, text.where)
        for url, problem in checks.check_links(list(where), own_hosts).items():
            if problem:
                issues.append(checks.Issue("dead_link", where[url], url, False, advice=problem))
    return issues


@transaction.atomic
def mask_personal_information(review_request, user, request=None):
    """Replace each ID, mobile and card number in what is being reviewed by its masked form.

    Masking changes nothing else, so it neither restarts the chain nor makes the reviewer an
    author; it is kept among the submission's opinions and in the record's history.
    """
    review_request = ReviewRequest.objects.select_for_update().get(pk=review_request.pk)
    if not review_request.is_pending:
        raise ReviewRefused(_("这项申请已办结。"))
    count = 0
    if review_request.action == ReviewAction.CHANGE:
        revision = dict(review_request.revision or {})
        for key, values in revision.items():
            masked = [checks.masked_text(value) for value in values]
            count += sum(len(checks.find_personal_information(value)) for value in values)
            revision[key] = masked
        review_request.revision = revision
        review_request.save(update_fields=["revision"])
    else:
        for text in texts_of(review_request):
            found = checks.find_personal_information(text.text)
            if found:
                setattr(text.obj, text.field, checks.masked_text(text.text))
                text.obj._change_reason = MASKED
                text.obj.save(update_fields=[text.field])
                count += len(found)
    if count:
        ReviewOpinion.objects.create(
            review_request=review_request, step=review_request.current_step, decision=ReviewDecision.MASK,
            reviewer=user, opinion=_("将 %(count)d 处个人信息替换为脱敏形式。") % {"count": count},
        )
        audit(_audit_event(review_request.action), request=request, user=user, obj=review_request.record,
              detail=_("个人信息脱敏 %(count)d 处") % {"count": count})
    return count
