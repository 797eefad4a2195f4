"""What is built: cooperation projects and their dated timeline."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.dates import DatePrecision
from cooperation.kept_links import KeptLinksQuerySet
from cooperation.models import Organization, Pairing, Photo, Region, Source, Topic
from cooperation.ordering import within_parent
from cooperation.slugs import slug_url, unique_slug
from review.models import Publishable, PublishableQuerySet


class ProjectStage(models.TextChoices):
    PLANNED = "planned", _("谋划")
    BUILDING = "building", _("在建")
    BUILT = "built", _("建成")
    OPERATING = "operating", _("运营")
    TERMINATED = "terminated", _("终止")


class ProjectQuerySet(KeptLinksQuerySet, PublishableQuerySet):
    def with_listing_related(self):
        """What a project's card, search result and feed entry name: its pairing's two sides, its
        place and its topics (not its body, which only its own page shows)."""
        return self.kept_related("pairing", "region").kept_links("topics")

    def with_detail_related(self):
        return self.select_related("organization", "source").kept_related(
            "pairing", "region__parent__parent__parent"
        ).kept_links("topics").prefetch_related(
            "photos", models.Prefetch("updates", queryset=within_parent(ProjectUpdate.objects.all()))
        )


class Project(Publishable):
    code = models.CharField(
        _("编号"), max_length=60, blank=True, null=True, unique=True, default=None,
        help_text=_("台账中的编号，导入时用以识别同一条记录"),
    )
    name = models.CharField(_("项目名称"), max_length=200)
    slug = models.SlugField(_("网址标识"), max_length=120, unique=True)
    pairing = models.ForeignKey(
        Pairing, verbose_name=_("结对关系"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("所在地"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("实施主体"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("协作领域"), blank=True, related_name="projects")
    start_year = models.PositiveSmallIntegerField(
        _("年度"), null=True, blank=True, db_index=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    stage = models.CharField(
        _("项目状态"), max_length=12, choices=ProjectStage.choices, blank=True,
    )
    aid_funds = models.DecimalField(
        _("帮扶资金（万元）"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    total_investment = models.DecimalField(
        _("总投资（万元）"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    beneficiaries = models.PositiveIntegerField(_("受益人数"), null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)
    photos = models.ManyToManyField(Photo, verbose_name=_("照片"), blank=True, related_name="projects")
    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="projects",
    )
    featured = models.BooleanField(_("首页推荐"), default=False)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("协作项目")
        verbose_name_plural = _("协作项目")
        ordering = [F("start_year").desc(nulls_last=True), "name"]
        permissions = [("publish_project", _("可以发布和撤回协作项目"))]
        constraints = [
            models.CheckConstraint(
                condition=(Q(aid_funds__isnull=True) | Q(aid_funds__gte=0))
                & (Q(total_investment__isnull=True) | Q(total_investment__gte=0)),
                name="project_funds_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Project, self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("projects:project_detail", self.slug)


class ProjectUpdate(models.Model):
    """One dated entry of a project's timeline (开工, 投产, 验收 …)."""

    project = models.ForeignKey(
        Project, verbose_name=_("协作项目"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("日期"))
    date_precision = models.CharField(
        _("日期精度"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(_("事项"), max_length=200)
    text = models.TextField(_("说明"), blank=True)
    stage = models.CharField(_("项目状态"), max_length=12, choices=ProjectStage.choices, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("项目进展")
        verbose_name_plural = _("项目进展")
        ordering = ["project", "date", "pk"]

    def __str__(self):
        return f"{self.date} {self.title}"
