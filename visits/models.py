"""What happened: delegation trips, the sites they inspected, their meetings and who spoke."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.dates import DatePrecision, format_partial_date
from cooperation.kept_links import KeptLinksQuerySet
from cooperation.models import Organization, Pairing, Person, Photo, Region, Source, Topic
from cooperation.ordering import within_parent
from cooperation.slugs import slug_url, unique_slug
from review.models import Publishable, PublishableQuerySet
from visits.report_import import results as reader


def text_choices(reader_choice):
    """The reader's value list (visits/report_import/results.py, its one place) as Django choices,
    the same values with translated labels."""
    return models.TextChoices(
        reader_choice.__name__, [(member.name, (member.value, _(member.label))) for member in reader_choice]
    )


DelegationKind = text_choices(reader.DelegationKind)
ParticipantSide = text_choices(reader.ParticipantSide)
ParticipantRole = text_choices(reader.ParticipantRole)
MeetingKind = text_choices(reader.MeetingKind)
SpeechKind = text_choices(reader.SpeechKind)


class DelegationQuerySet(KeptLinksQuerySet, PublishableQuerySet):
    def with_listing_related(self):
        return self.select_related("cover_photo").kept_related("origin").kept_links("destinations", "topics")

    def with_card_related(self):
        """A trip card also names who led it: one query more, however many trips."""
        return self.with_listing_related().prefetch_related(
            models.Prefetch(
                "participants",
                queryset=within_parent(Participant.objects.leaders().select_related("person")),
                to_attr="leaders",
            )
        )

    def with_detail_related(self, preview=False):
        """Everything the trip page shows, in a fixed number of queries.

        Meetings and inspected projects have their own status; the public sees only the
        published ones, staff previewing a draft see them all.
        """
        from projects.models import Project  # the site visit is where visits meets projects

        projects = Project.objects.all() if preview else Project.objects.published()
        meetings = Meeting.objects.all() if preview else Meeting.objects.published()
        # Its places, topics and pairings (with their two regions) from the kept rows, and the
        # projects its stops inspected and it names, read with their links (kept_links).
        projects = projects.order_by("name")
        return self.select_related("source", "cover_photo").kept_related("origin").kept_links(
            "destinations", "topics", "pairings"
        ).linked("site_visits__projects", projects).linked("related_projects", projects).prefetch_related(
            models.Prefetch("participants", queryset=within_parent(Participant.objects.select_related("person"))),
            models.Prefetch(
                "site_visits",
                queryset=within_parent(SiteVisit.objects.select_related("organization", "region")).prefetch_related(
                    "photos"
                ),
            ),
            models.Prefetch(
                "meetings",
                queryset=within_parent(meetings.select_related("region", "chair")).prefetch_related(
                    models.Prefetch("speeches", queryset=within_parent(Speech.objects.select_related("person")))
                ),
            ),
        )


class Delegation(Publishable):
    """One trip: 大兴区党政代表团 to 察右前旗 and 正镶白旗."""

    code = models.CharField(
        _("编号"), max_length=60, blank=True, null=True, unique=True, default=None,
        help_text=_("台账中的编号，导入时用以识别同一条记录"),
    )
    title = models.CharField(_("标题"), max_length=300)
    slug = models.SlugField(_("网址标识"), max_length=120, unique=True)
    name = models.CharField(_("代表团"), max_length=120, blank=True, help_text=_("如 大兴区党政代表团"))
    kind = models.CharField(
        _("类型"), max_length=12, choices=DelegationKind.choices, default=DelegationKind.INSPECTION
    )
    origin = models.ForeignKey(
        Region, verbose_name=_("出发地"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="delegations_sent",
    )
    destinations = models.ManyToManyField(
        Region, verbose_name=_("目的地"), blank=True, related_name="delegations_received"
    )
    start_date = models.DateField(_("开始日期"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    date_precision = models.CharField(
        _("日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY,
        help_text=_("报道只说“近日”时，按发布日期记到月"),
    )
    purpose = models.TextField(_("目的"), blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("协作领域"), blank=True, related_name="delegations")
    pairings = models.ManyToManyField(
        Pairing, verbose_name=_("结对关系"), blank=True, related_name="delegations"
    )
    related_projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("相关项目"), blank=True, related_name="related_delegations",
        help_text=_("与此行有关、但不在哪个考察点考察的项目（在考察点考察的项目记在考察点上）"),
    )
    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="delegations",
    )
    cover_photo = models.ForeignKey(
        Photo, verbose_name=_("封面照片"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("代表团考察")
        verbose_name_plural = _("代表团考察")
        ordering = [F("start_date").desc(nulls_last=True), "-pk"]
        permissions = [("publish_delegation", _("可以发布和撤回代表团考察"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="delegation_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Delegation, self.name or self.title, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("visits:delegation_detail", self.slug)

    @property
    def date_display(self):
        start = format_partial_date(self.start_date, self.date_precision)
        if self.end_date and self.end_date != self.start_date:
            return f"{start} — {format_partial_date(self.end_date, self.date_precision)}"
        return start


class ParticipantQuerySet(models.QuerySet):
    def leaders(self):
        return self.filter(side=ParticipantSide.VISITING, role=ParticipantRole.LEADER)


class Participant(models.Model):
    """Someone on the trip or receiving it, with name and title exactly as the report printed them."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("代表团考察"), on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人物"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="participations",
        help_text=_("报道只写了职务（如“相关单位负责人”）时留空"),
    )
    name_as_printed = models.CharField(_("报道中的姓名"), max_length=60, blank=True)
    title_as_printed = models.CharField(_("报道中的职务"), max_length=200, blank=True)
    side = models.CharField(_("所属方"), max_length=10, choices=ParticipantSide.choices)
    role = models.CharField(_("角色"), max_length=12, choices=ParticipantRole.choices)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = ParticipantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("参加人员")
        verbose_name_plural = _("参加人员")
        ordering = ["delegation", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_as_printed="") | ~Q(title_as_printed=""),
                name="participant_has_name_or_title",
            ),
        ]

    def __str__(self):
        return f"{self.title_as_printed}{self.name_as_printed}"


class SiteVisitQuerySet(models.QuerySet):
    def published(self):
        """A site visit shows when its trip does."""
        return self.filter(PublishableQuerySet.published_condition("delegation__"))


class SiteVisit(models.Model):
    """One stop of a trip: where, when, what was seen, which projects were inspected."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("代表团考察"), on_delete=models.CASCADE,
        related_name="site_visits",
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    date = models.DateField(_("日期"), null=True, blank=True)
    date_precision = models.CharField(
        _("日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(_("地点"), max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name=_("考察单位"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="site_visits",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("所在地"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="site_visits",
    )
    description = models.TextField(_("考察内容"), blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("考察项目"), blank=True, related_name="site_visits"
    )
    photos = models.ManyToManyField(Photo, verbose_name=_("照片"), blank=True, related_name="site_visits")

    objects = SiteVisitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("实地考察")
        verbose_name_plural = _("实地考察")
        ordering = ["delegation", "order", "pk"]

    def __str__(self):
        return self.place

    def get_absolute_url(self):
        return f"{self.delegation.get_absolute_url()}#site-{self.pk}"


class MeetingQuerySet(PublishableQuerySet):
    def published(self):
        """A meeting shows when it is published and so is the trip it belongs to, if any."""
        return super().published().filter(
            Q(delegation__isnull=True) | PublishableQuerySet.published_condition("delegation__")
        )


class Meeting(Publishable):
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("代表团考察"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="meetings", help_text=_("不属于某次考察的会议可留空"),
    )
    title = models.CharField(_("会议"), max_length=200)
    slug = models.SlugField(_("网址标识"), max_length=120, unique=True)
    kind = models.CharField(
        _("会议类型"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.SYMPOSIUM
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    date = models.DateField(_("会议日期"), null=True, blank=True)
    date_precision = models.CharField(
        _("日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(_("会议地点"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("所在地"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="meetings",
    )
    chair = models.ForeignKey(
        Person, verbose_name=_("主持人"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="meetings_chaired",
    )
    summary = models.TextField(_("概要"), blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        ordering = ["delegation", "order", "pk"]
        permissions = [("publish_meeting", _("可以发布和撤回会议"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Meeting, self.title, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("visits:meeting_detail", self.slug)


class SpeechQuerySet(models.QuerySet):
    def published(self):
        return self.filter(meeting__in=Meeting.objects.published())


class Speech(models.Model):
    """One speaker at a meeting, as printed; `person` stays empty for 相关单位负责人."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="speeches"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人物"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="speeches",
    )
    name_as_printed = models.CharField(_("报道中的姓名"), max_length=60, blank=True)
    title_as_printed = models.CharField(_("报道中的职务"), max_length=200, blank=True)
    kind = models.CharField(_("发言类型"), max_length=12, choices=SpeechKind.choices, default=SpeechKind.SPEECH)
    points = models.TextField(_("要点"), blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = SpeechQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("发言")
        verbose_name_plural = _("发言")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_as_printed="") | ~Q(title_as_printed=""),
                name="speech_has_name_or_title",
            ),
        ]

    def __str__(self):
        return f"{self.title_as_printed}{self.name_as_printed}：{self.get_kind_display()}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#speech-{self.pk}"

    @property
    def speaker_display(self):
        return self.name_as_printed or self.title_as_printed
