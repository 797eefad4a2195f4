"""The publishing chain every public record goes through (先审后发, 分级审核).

Statuses and the publishable base the content apps build on, the grades and their approval
chains, the submissions with each reviewer's opinion, and the 错敏词 list the pre-publish checks
read. The content apps sit above this one: nothing here knows a trip from a project.

The tables keep the names they had when this lived in `cooperation`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("待审")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Grade(models.TextChoices):
    """How carefully a record is reviewed before it is public (分级审核): the grade sets the chain."""

    NORMAL = "normal", _("一般")
    IMPORTANT = "important", _("重要")
    SENSITIVE = "sensitive", _("敏感")


class PublishableQuerySet(models.QuerySet):
    @staticmethod
    def published_condition(path=""):
        """The one rule for what an anonymous visitor may see: published, and its time has come.
        With a path ("delegation__"), the same rule for the record a row belongs to."""
        return Q(**{f"{path}status": Status.PUBLISHED, f"{path}published_at__lte": timezone.now()})

    def published(self):
        return self.filter(self.published_condition())

    def drafts_of(self, user):
        """Drafts this user has saved (created or edited): the staff start page's 我的草稿."""
        edited = self.model.history.filter(history_user=user).values("id")
        return self.filter(status=Status.DRAFT, pk__in=edited)

    def published_since(self, since):
        """Published between `since` and now (a record set to appear later is not yet counted)."""
        return self.published().filter(published_at__gte=since)


class Publishable(models.Model):
    """Status and publication time, shared by every record the public can see."""

    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("首次发布时间"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("终审签发时由系统填写，此后不再改变。"),
    )
    grade = models.CharField(
        _("审核等级"), max_length=10, choices=Grade.choices, default=Grade.NORMAL,
        help_text=_("决定发布前经过的审核环节：一般 初审→终审；重要、敏感 初审→复审→终审（可在审核流程中调整）。"),
    )
    # Set in save() rather than with auto_now, so that loading a backup or a fixture keeps
    # the times a record really had. updated_at has an index (written by the apps' migrations
    # with cooperation/listing_indexes.py) for the sections' freshness: the newest change among
    # published records, read by govsite.site on every miss of its cache entry.
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "updated_at" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "updated_at"]
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )



class ReviewStep(models.TextChoices):
    """The steps of an approval chain, in the order they are taken."""

    FIRST = "first", _("初审")
    SECOND = "second", _("复审")
    FINAL = "final", _("终审签发")


STEP_ORDER = [ReviewStep.FIRST, ReviewStep.SECOND, ReviewStep.FINAL]


class ReviewPolicy(models.Model):
    """The approval chain of one grade. 终审签发 always closes it; 初审 and 复审 are chosen per grade."""

    grade = models.CharField(_("审核等级"), max_length=10, choices=Grade.choices, unique=True)
    first_review = models.BooleanField(_("初审"), default=True)
    second_review = models.BooleanField(_("复审（含保密审查）"), default=False)

    history = HistoricalRecords(table_name="cooperation_historicalreviewpolicy")

    class Meta:
        db_table = "cooperation_reviewpolicy"
        verbose_name = _("审核流程")
        verbose_name_plural = _("审核流程")
        ordering = ["id"]  # as seeded: 一般, 重要, 敏感

    def __str__(self):
        return f"{self.get_grade_display()}：{' → '.join(str(step.label) for step in self.steps)}"

    @property
    def steps(self):
        chosen = {ReviewStep.FIRST: self.first_review, ReviewStep.SECOND: self.second_review, ReviewStep.FINAL: True}
        return [step for step in STEP_ORDER if chosen[step]]


class ReviewAction(models.TextChoices):
    PUBLISH = "publish", _("发布")
    CHANGE = "change", _("修改已发布记录")
    WITHDRAW = "withdraw", _("撤回")


class ReviewState(models.TextChoices):
    PENDING = "pending", _("审核中")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("已退回")
    SUPERSEDED = "superseded", _("已被新提交取代")
    CANCELLED = "cancelled", _("已撤销送审")


class ReviewRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=ReviewState.PENDING)

    def for_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)

    def awaiting(self, user, steps):
        """Pending requests whose current step is one of `steps` (those the user holds) and that
        this user may decide: not their own work, nor a request whose earlier step they approved
        (the rules of `publishing.refusal`). The authors are a JSON list, read here rather than
        in SQL, which SQLite cannot query inside a list."""
        candidates = (
            self.pending()
            .filter(current_step__in=steps)
            .exclude(opinions__reviewer=user, opinions__decision=ReviewDecision.APPROVE)
        )
        own = [pk for pk, authors in candidates.values_list("pk", "author_ids") if user.pk in (authors or [])]
        return candidates.exclude(pk__in=own)


class ReviewRequest(models.Model):
    """One submission of a record to its approval chain: to publish it, change it or withdraw it.

    The chain is copied from the grade's policy when it is submitted, so a later change of the
    policy does not move a submission that is half-way through. A change of a published record
    waits here as `revision` (the admin form's submitted data) and is applied at 终审签发; until
    then the public sees the approved version.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("记录类型"))
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    record_repr = models.CharField(_("记录"), max_length=300)
    action = models.CharField(_("申请事项"), max_length=10, choices=ReviewAction.choices)
    grade = models.CharField(_("审核等级"), max_length=10, choices=Grade.choices)
    steps = models.JSONField(_("审核环节"))
    current_step = models.CharField(
        _("当前环节"), max_length=10, choices=ReviewStep.choices, blank=True, db_index=True
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=ReviewState.choices, default=ReviewState.PENDING, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    # The people whose work this is (creator, last editor, submitter): none of them may approve it.
    author_ids = models.JSONField(_("作者"), default=list)
    summary = models.TextField(_("说明"), blank=True)
    revision = models.JSONField(_("待审修改"), null=True, blank=True)
    # Submissions made together (the records of one import) share a label, so a reviewer can
    # find them and take a step on all of them at once.
    batch = models.CharField(_("批次"), max_length=60, blank=True, db_index=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        db_table = "cooperation_reviewrequest"
        verbose_name = _("审核申请")
        verbose_name_plural = _("审核申请")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("review_first", _("可以初审")),
            ("review_second", _("可以复审（含保密审查）")),
            ("review_final", _("可以终审签发")),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self):
        return f"{self.get_action_display()}：{self.record_repr}"

    @property
    def is_pending(self):
        return self.state == ReviewState.PENDING

    def step_labels(self):
        return [ReviewStep(step).label for step in self.steps]


class SecrecyConclusion(models.TextChoices):
    CLEARED = "cleared", _("不涉及国家秘密和工作秘密，可以公开")
    NOT_CLEARED = "not_cleared", _("涉及国家秘密或工作秘密，不得公开")


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("通过")
    REJECT = "reject", _("退回")
    MASK = "mask", _("脱敏")


class ReviewOpinion(models.Model):
    """One reviewer's decision at one step, with the opinion: kept for good, shown on the record."""

    review_request = models.ForeignKey(
        ReviewRequest, verbose_name=_("审核申请"), on_delete=models.CASCADE, related_name="opinions"
    )
    step = models.CharField(_("环节"), max_length=10, choices=ReviewStep.choices)
    decision = models.CharField(_("结论"), max_length=10, choices=ReviewDecision.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField(_("审核意见"))
    secrecy = models.CharField(_("保密审查结论"), max_length=12, choices=SecrecyConclusion.choices, blank=True)
    decided_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        db_table = "cooperation_reviewopinion"
        verbose_name = _("审核意见")
        verbose_name_plural = _("审核意见")
        ordering = ["decided_at", "pk"]
        constraints = [
            # Two approvals of one step would let the chain count one person's decision twice.
            models.UniqueConstraint(
                fields=["review_request", "step"], condition=Q(decision="approve"),
                name="review_opinion_one_approval_per_step",
            ),
        ]

    def __str__(self):
        return f"{self.get_step_display()} {self.get_decision_display()}"


class SensitiveWord(models.Model):
    """A word the pre-publish check looks for (错敏词): a hard one blocks approval, a soft one warns."""

    word = models.CharField(_("词语"), max_length=60, unique=True)
    hard = models.BooleanField(_("禁止发布"), default=False, help_text=_("勾选后，含此词的记录在改正前不能通过审核"))
    suggestion = models.CharField(_("建议改为"), max_length=60, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    history = HistoricalRecords(table_name="cooperation_historicalsensitiveword")

    class Meta:
        db_table = "cooperation_sensitiveword"
        verbose_name = _("错敏词")
        verbose_name_plural = _("错敏词")
        ordering = ["-hard", "word"]

    def __str__(self):
        return self.word
