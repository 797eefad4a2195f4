"""The program's shared vocabulary: places, bodies, people, pairings, topics, sources, photos.

People are publishable records (review.models.Publishable); everything else here is the
reference data their pages show.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation import content_version
from cooperation.dates import DatePrecision
from cooperation.photos import cleaned_original, make_renditions, validate_photo
from cooperation.slugs import slug_url, unique_slug
from review import registry
from review.models import Publishable


class Side(models.TextChoices):
    SUPPORT = "support", _("支援方（北京）")
    RECIPIENT = "recipient", _("受援方（内蒙古）")


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    PREFECTURE = "prefecture", _("市盟")
    COUNTY = "county", _("区旗县")
    TOWNSHIP = "township", _("乡镇苏木街道")
    VILLAGE = "village", _("村嘎查")


def named_by_published_records(model):
    """The condition "a published record names this row", over the uses the apps registered
    (review.registry.register_public_use: a trip's destinations, a project's topics …).

    Every use is a subquery of its own, so the rows come once each and a list keeps its count
    of queries. "Published" is read when the queryset is made: make it for each request.
    """
    condition = Q(pk__in=[])
    for record, path in registry.public_uses(model):
        condition |= Q(pk__in=record._default_manager.published().values(path))
    return condition


def _named(model):
    return model._base_manager.filter(named_by_published_records(model)).values_list("pk", flat=True)


def public_use_ids(model):
    """The keys of the pairings or topics in public use (their querysets' `in_public_use()`)."""
    return in_public_use_ids(model, lambda: _named(model))


def in_public_use_ids(model, compute):
    """The keys of the rows of `model` in public use (`compute()` reads them), kept until a
    table they are read from changes or a scheduled publication comes.

    Which places, pairings and topics something published names changes only when a record is
    published, changed or withdrawn, yet every list, filter and index asks for it: worked out
    once per change (its subqueries read every published trip, meeting, site visit and
    project), it leaves each page a plain `pk IN (…)`. A page that uses it depends on the tables
    it was read from exactly as if it had run the query itself.
    """
    return content_version.cached(
        f"cooperation:in-public-use:{model._meta.label_lower}",
        lambda: sorted(compute()),
        settings.PAGE_CACHE_SECONDS,
        as_read=True,
    )


class RegionQuerySet(models.QuerySet):
    # The tree is at most five levels deep (省 › 市盟 › 区旗县 › 乡镇 › 村): four hops reach every
    # descendant, and every ancestor.
    DEPTH = 4

    def in_public_use(self):
        """The places a visitor can reach something published through: the ones lists show.

        A place is in public use when something published names it — a published trip goes
        from or to it, a meeting or a stop of one was held there, a published project lies
        there, a published person holds a post in a body there, or it is a side of a pairing in
        public use — or when a place below it is. A league is listed because one of its banners
        has a published trip: the division tree leads down to that banner's page through the
        league's, and the league's page lists the trip too (its sections cover everything
        below it). A place that neither it nor anything below it has published content for
        would be a link to an empty page, and may have been added a minute ago by anyone who
        keeps the places: it is not listed, and its page is not found, until a published record
        names it. The shipped division tree is the same: a banner the records have not reached
        yet is not offered as a filter or a link.
        """
        return self.filter(pk__in=in_public_use_ids(Region, _regions_in_public_use))

    def subtree(self, region):
        """The region and everything below it, in one query.

        The tree is at most five levels deep (省 › 市盟 › 区旗县 › 乡镇 › 村), so four hops
        down reach every descendant without a recursive query.
        """
        condition = Q(pk=region.pk)
        lookup = "parent"
        for _depth in range(self.DEPTH):
            condition |= Q(**{lookup: region})
            lookup += "__parent"
        return self.filter(condition)


def _regions_in_public_use():
    """The places something published names, and every place above them: one query."""
    pairings = Pairing.objects.in_public_use()
    named = Region.objects.filter(
        named_by_published_records(Region)
        | Q(pk__in=pairings.values("support_region"))
        | Q(pk__in=pairings.values("recipient_region"))
    )
    lookups, lookup = ["pk"], "parent"
    for _depth in range(RegionQuerySet.DEPTH):
        lookups.append(lookup)
        lookup += "__parent"
    return {pk for row in named.values_list(*lookups) for pk in row if pk is not None}


class RegionManager(models.Manager.from_queryset(RegionQuerySet)):
    def get_by_natural_key(self, full_name):
        return self.get(full_name=full_name)


class Region(models.Model):
    """A node of the administrative tree: 内蒙古自治区 › 乌兰察布市 › 察哈尔右翼前旗 › 星耀镇."""

    name = models.CharField(_("名称"), max_length=60, help_text=_("正式名称，如 察哈尔右翼前旗"))
    short_name = models.CharField(
        _("简称"), max_length=30, blank=True, help_text=_("报道常用的简称，如 察右前旗")
    )
    aliases = models.CharField(
        _("其他名称"),
        max_length=300,
        blank=True,
        help_text=_("报道或台账中出现的其他写法，以“、”分隔"),
    )
    full_name = models.CharField(
        _("全称"), max_length=200, unique=True, editable=False, help_text=_("含上级区划的全称")
    )
    code = models.CharField(
        _("区划代码"), max_length=12, blank=True, null=True, unique=True, default=None
    )
    level = models.CharField(_("层级"), max_length=12, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    side = models.CharField(_("协作方"), max_length=10, choices=Side.choices)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True, allow_unicode=False)

    objects = RegionManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(level="province"),
                name="region_only_provinces_without_parent",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.full_name = self.compose_full_name()
        if not self.slug:
            self.slug = unique_slug(Region, self.short_name or self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("cooperation:region_detail", self.slug)

    def natural_key(self):
        return (self.full_name,)

    @property
    def display_name(self):
        return self.short_name or self.name

    def compose_full_name(self):
        return (self.parent.full_name if self.parent_id else "") + self.name

    def alias_list(self):
        return [a.strip() for a in self.aliases.replace("，", "、").split("、") if a.strip()]

    def ancestors(self):
        """Parents from the top down (the province first), without the region itself."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class OrganizationKind(models.TextChoices):
    PARTY = "party", _("党委")
    GOVERNMENT = "government", _("政府")
    CONGRESS = "congress", _("人大")
    CPPCC = "cppcc", _("政协")
    DEPARTMENT = "department", _("部门")
    ENTERPRISE = "enterprise", _("企业")
    SCHOOL = "school", _("学校")
    HOSPITAL = "hospital", _("医院")
    SOCIAL = "social", _("社会组织")
    OTHER = "other", _("其他")


class Organization(models.Model):
    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(
        _("类别"), max_length=12, choices=OrganizationKind.choices, default=OrganizationKind.OTHER
    )
    region = models.ForeignKey(
        Region, verbose_name=_("所在地"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="organizations",
    )
    slug = models.SlugField(_("网址标识"), max_length=120, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "region"], name="organization_unique_in_region"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organization, self.name, instance=self)
        super().save(*args, **kwargs)


class Person(Publishable):
    """A real person. Same-name people exist: `disambiguation` tells them apart."""

    name = models.CharField(_("姓名"), max_length=40, db_index=True)
    disambiguation = models.CharField(
        _("区分说明"),
        max_length=120,
        blank=True,
        help_text=_("同名时用以区分，如“锡林郭勒盟委书记”"),
    )
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    bio = models.TextField(_("简介"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("人物")
        verbose_name_plural = _("人物")
        ordering = ["name", "disambiguation"]
        permissions = [("publish_person", _("可以发布和撤回人物"))]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "disambiguation"], name="person_unique_name_disambiguation"
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.disambiguation}）" if self.disambiguation else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("cooperation:person_detail", self.slug)


class Appointment(models.Model):
    """A post held for a time; either end may be known only to the month or year."""

    person = models.ForeignKey(
        Person, verbose_name=_("人物"), on_delete=models.CASCADE, related_name="appointments"
    )
    title = models.CharField(_("职务"), max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="appointments",
    )
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    start_precision = models.CharField(
        _("开始日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    end_precision = models.CharField(
        _("结束日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    source = models.ForeignKey(
        "Source", verbose_name=_("来源"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        ordering = ["person", F("start_date").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="appointment_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.person.name} · {self.title}"

    @property
    def is_current(self):
        return self.end_date is None


class PairingLevel(models.TextChoices):
    COUNTY = "county", _("区旗")
    SUBDISTRICT = "subdistrict", _("街道苏木")
    TOWNSHIP = "township", _("乡镇")
    VILLAGE = "village", _("村")
    SCHOOL = "school", _("校")
    HOSPITAL = "hospital", _("院")
    ENTERPRISE_VILLAGE = "enterprise_village", _("企村")


class PairingQuerySet(models.QuerySet):
    def with_regions(self):
        """The two regions and the ones above them (the diagram places a banner under its league)."""
        return self.select_related("support_region__parent", "recipient_region__parent")

    def with_sides(self):
        """The two regions alone: what a pairing's name, level and link read (`__str__`,
        `level_label`, the regions' display names and addresses) — two joins a row, not four."""
        return self.select_related("support_region", "recipient_region")

    def with_names(self):
        """What the admin's choices of a pairing show: its name."""
        return self.with_sides()

    def in_public_use(self):
        """The pairings a published trip or project is filed under: the ones lists and home show.

        A pairing's page is its trips and projects, with the programme figures beside them. One
        that nothing published is filed under would be a page of unreviewed figures and an
        empty list — and may have been entered a minute ago by anyone who keeps the pairings —
        so it is not listed, and its page is not found, until a published record is filed under
        it.
        """
        return self.filter(pk__in=public_use_ids(Pairing))


class Pairing(models.Model):
    """A Beijing region paired with an Inner Mongolian one: 大兴区 ↔ 察右前旗."""

    support_region = models.ForeignKey(
        Region, verbose_name=_("支援方"), on_delete=models.PROTECT, related_name="pairings_giving"
    )
    recipient_region = models.ForeignKey(
        Region, verbose_name=_("受援方"), on_delete=models.PROTECT,
        related_name="pairings_receiving",
    )
    level = models.CharField(
        _("结对层级"), max_length=20, choices=PairingLevel.choices, default=PairingLevel.COUNTY
    )
    start_year = models.PositiveSmallIntegerField(
        _("起始年份"), null=True, blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("结束年份"), null=True, blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    description = models.TextField(_("说明"), blank=True)
    slug = models.SlugField(_("网址标识"), max_length=120, unique=True)

    objects = PairingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("结对关系")
        verbose_name_plural = _("结对关系")
        ordering = ["support_region__code", "recipient_region__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["support_region", "recipient_region"], name="pairing_unique_regions"
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="pairing_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(support_region=F("recipient_region")),
                name="pairing_two_different_regions",
            ),
        ]

    def __str__(self):
        return f"{self.support_region.display_name}—{self.recipient_region.display_name}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Pairing,
                f"{self.support_region.display_name} {self.recipient_region.display_name}",
                instance=self,
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("cooperation:pairing_detail", self.slug)

    @property
    def level_label(self):
        """The level as the two regions have it: 区旗 for a district and a banner, 省—市盟 for 北京市 ⇄ 兴安盟.

        `level` defaults to 区旗, and a pairing entered between a province and a league keeps
        that default: the regions' own levels are what is true of it.
        """
        if self.level != PairingLevel.COUNTY:
            return self.get_level_display()
        support, recipient = self.support_region.level, self.recipient_region.level
        if support == recipient == RegionLevel.COUNTY:
            return self.get_level_display()
        return _("%(support)s—%(recipient)s") % {
            "support": RegionLevel(support).label,
            "recipient": RegionLevel(recipient).label,
        }


class TopicQuerySet(models.QuerySet):
    def in_public_use(self):
        """The topics a published trip or project is filed under: the ones home and the lists offer.

        A topic's page is the trips and projects filed under it; one that nothing published
        uses would be a link to an empty page (and may have been added a minute ago by anyone
        who keeps the topics), so it is not listed, and its page is not found, until a published
        record uses it. The shipped topics are the same: a topic the records have not reached yet
        is not offered.
        """
        return self.filter(pk__in=public_use_ids(Topic))


class TopicManager(models.Manager.from_queryset(TopicQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Topic(models.Model):
    name = models.CharField(_("名称"), max_length=30, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True)
    description = models.TextField(_("说明"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    objects = TopicManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("协作领域")
        verbose_name_plural = _("协作领域")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Topic, self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("cooperation:topic_detail", self.slug)

    def natural_key(self):
        return (self.name,)


class SourceQuerySet(models.QuerySet):
    def in_public_use(self):
        """The reports a published record cites (its own, its posts', its timeline's, its
        pairing's figures'): the public sees a source only on those records' pages."""
        return self.filter(named_by_published_records(Source))


class Source(models.Model):
    """The report a record came from, with its full text so nothing depends on a live link."""

    title = models.CharField(_("标题"), max_length=300)
    publisher = models.CharField(_("发布单位"), max_length=120, blank=True)
    url = models.URLField(_("链接"), max_length=500, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    text = models.TextField(_("正文"), blank=True)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("来源")
        verbose_name_plural = _("来源")
        ordering = [F("published_on").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title


def photo_upload_to(instance, filename):
    return f"photos/{timezone.now():%Y/%m}/{filename}"


class Photo(models.Model):
    image = models.ImageField(
        _("图片"), upload_to=photo_upload_to, width_field="width", height_field="height",
        validators=[validate_photo],
        help_text=_("JPEG、PNG 或 WebP"),
    )
    width = models.PositiveIntegerField(_("宽度"), editable=False, null=True)
    height = models.PositiveIntegerField(_("高度"), editable=False, null=True)
    thumbnail = models.ImageField(_("缩略图"), upload_to="renditions/", editable=False, blank=True)
    display = models.ImageField(_("展示图"), upload_to="renditions/", editable=False, blank=True)
    caption = models.CharField(_("说明"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("替代文本"), max_length=300, help_text=_("为看不到图片的读者描述图片内容")
    )
    credit = models.CharField(_("摄影/来源"), max_length=120, blank=True)
    taken_on = models.DateField(_("拍摄日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("照片")
        verbose_name_plural = _("照片")
        ordering = ["-taken_on", "-pk"]

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        # The original is stored re-encoded without its metadata, and the renditions are made
        # once, when it arrives, never while a page renders.
        if self.image and not getattr(self.image, "_committed", True):
            self.image = cleaned_original(self.image)
            self.thumbnail, self.display = make_renditions(self.image)
        super().save(*args, **kwargs)


class FigureMetric(models.TextChoices):
    FUNDS = "funds", _("财政帮扶资金（万元）")
    SOCIAL = "social", _("社会帮扶资金（万元）")
    PROJECTS = "projects", _("协作项目数（个）")
    LABOUR = "labour", _("劳务协作人数（人）")
    CONSUMPTION = "consumption", _("消费帮扶金额（万元）")
    TALENT = "talent", _("专业技术人才交流（人次）")
    CADRES = "cadres", _("挂职干部（人次）")
    INVESTMENT = "investment", _("引导企业投资（万元）")


class ProgramFigure(models.Model):
    """One reported number for a pairing and year, planned and actual, with its source."""

    pairing = models.ForeignKey(
        Pairing, verbose_name=_("结对关系"), on_delete=models.CASCADE, related_name="figures"
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    metric = models.CharField(_("指标"), max_length=20, choices=FigureMetric.choices)
    planned = models.DecimalField(
        _("计划"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    actual = models.DecimalField(
        _("完成"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="figures",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("协作数据")
        verbose_name_plural = _("协作数据")
        ordering = ["pairing", "-year", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "year", "metric"], name="figure_unique_pairing_year_metric"
            ),
            models.CheckConstraint(
                condition=(Q(planned__isnull=True) | Q(planned__gte=0))
                & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="figure_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.pairing} {self.year} {self.get_metric_display()}"


class SlugRedirect(models.Model):
    """An old address of a record, kept so links made before a rename still arrive (301)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("记录类型"))
    object_id = models.PositiveBigIntegerField(_("记录 ID"))
    target = GenericForeignKey("content_type", "object_id")
    old_slug = models.SlugField(_("旧网址标识"), max_length=120)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("旧网址")
        verbose_name_plural = _("旧网址")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "old_slug"], name="slug_redirect_unique_old_slug"
            ),
        ]

    def __str__(self):
        return self.old_slug


# The content version's row (cooperation/content_version.py), registered with this app's models.
from cooperation.content_version import ContentVersion  # noqa: E402, F401
