"""The site's identity as a government website, and what the dead-link check found.

SiteSettings is one row (the admin offers no second and no delete): the 主办单位, contact
details and registrations every public page's footer and 网页标签 show. LinkCheckRun and
BrokenLink are written only by `manage.py check_links` and read in the admin.
"""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.photos import validate_photo

SETTINGS_PK = 1

# 京ICP备12345678号, 京ICP备12345678号-1
ICP_PATTERN = r"^[\u4e00-\u9fff]ICP备\d{6,10}号(-\d{1,3})?$"
# 京公网安备 11011502000001号: the record number is 14 digits, and the registry looks it up by them.
POLICE_PATTERN = r"^[\u4e00-\u9fff]公网安备\s?(\d{14})号$"
# Ten letters and digits: six for the division (or bm + department) and four for the site.
ID_CODE_PATTERN = r"^[0-9A-Za-z]{10}$"


class SiteSettings(models.Model):
    site_name = models.CharField(_("网站名称"), max_length=100, help_text=_("网页标签 SiteName，页脚也显示它"))
    site_domain = models.CharField(
        _("网站域名"), max_length=253, blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9.-]+(:\d+)?$", _("只填写域名，如 jmxz.example.gov.cn，不含 http://"))],
        help_text=_("网页标签 SiteDomain，如 jmxz.example.gov.cn；留空则用访问时的域名"),
    )
    site_id_code = models.CharField(
        _("政府网站标识码"), max_length=10, blank=True,
        validators=[RegexValidator(ID_CODE_PATTERN, _("标识码是 10 位字母或数字，如 1500000001"))],
        help_text=_("网页标签 SiteIDCode，由政府网站主管单位核发"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=120)
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("联系电话"), max_length=60)
    postcode = models.CharField(
        _("邮编"), max_length=6, blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("邮编是 6 位数字"))],
    )
    icp_number = models.CharField(
        _("ICP备案号"), max_length=40, blank=True,
        validators=[RegexValidator(ICP_PATTERN, _("写作 京ICP备12345678号 或 京ICP备12345678号-1"))],
    )
    police_number = models.CharField(
        _("公安备案号"), max_length=40, blank=True,
        validators=[RegexValidator(POLICE_PATTERN, _("写作 京公网安备11011502000001号（14 位数字）"))],
    )
    party_mark = models.ImageField(
        _("党政机关网站标识"), upload_to="govsite/", blank=True, validators=[validate_photo],
        help_text=_("开办单位下载的“党政机关”标识图片（JPEG、PNG 或 WebP）"),
    )
    party_mark_url = models.URLField(
        _("标识链接"), max_length=300, blank=True,
        help_text=_("点击标识打开的核验页面，由标识发放机构提供"),
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("网站信息")
        verbose_name_plural = _("网站信息")
        constraints = [models.CheckConstraint(condition=models.Q(pk=SETTINGS_PK), name="site_settings_single_row")]

    def __str__(self):
        return self.site_name

    def save(self, *args, **kwargs):
        self.pk = SETTINGS_PK
        super().save(*args, **kwargs)

    @property
    def police_record_code(self):
        """The 14 digits of the 公安备案号 that the registry's page takes."""
        match = re.match(POLICE_PATTERN, self.police_number)
        return match.group(1) if match else ""

    @property
    def icp_url(self):
        return settings.GOVSITE_ICP_REGISTRY_URL

    @property
    def police_url(self):
        code = self.police_record_code
        return settings.GOVSITE_POLICE_REGISTRY_URL.format(code=code) if code else ""

    @property
    def id_code_url(self):
        return settings.GOVSITE_ID_CODE_REGISTRY_URL.format(code=self.site_id_code) if self.site_id_code else ""


class NoRows(models.Manager):
    def get_queryset(self):
        return super().get_queryset().none()


class SectionFreshness(SiteSettings):
    """Not data of its own: the admin's entry for the sections dashboard, with its own view permission."""

    objects = NoRows()

    class Meta:
        proxy = True
        verbose_name = _("栏目更新情况")
        verbose_name_plural = _("栏目更新情况")
        default_permissions = ("view",)


class LinkCheckRun(models.Model):
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("检查页面数"), default=0)
    links = models.PositiveIntegerField(_("检查链接数"), default=0)
    broken = models.PositiveIntegerField(_("失效链接数"), default=0)
    skipped = models.PositiveIntegerField(
        _("未及检查的外部链接"), default=0, help_text=_("超过总时限而未检查的外部链接")
    )

    class Meta:
        verbose_name = _("链接检查")
        verbose_name_plural = _("链接检查")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class LinkKind(models.TextChoices):
    LINK = "link", _("链接")
    IMAGE = "image", _("图片")
    ATTACHMENT = "attachment", _("附件")
    RESOURCE = "resource", _("页面资源")


class BrokenLinkQuerySet(models.QuerySet):
    def current(self):
        """Failing at the latest check: not fixed since."""
        return self.filter(fixed_at__isnull=True)


class BrokenLink(models.Model):
    page = models.CharField(_("所在页面"), max_length=500)
    url = models.CharField(_("链接地址"), max_length=2000)
    kind = models.CharField(_("类型"), max_length=12, choices=LinkKind.choices, default=LinkKind.LINK)
    internal = models.BooleanField(_("站内"), default=True)
    status_code = models.PositiveSmallIntegerField(_("状态码"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    first_seen = models.DateTimeField(_("首次发现"))
    last_seen = models.DateTimeField(_("最近发现"))
    fixed_at = models.DateTimeField(_("恢复时间"), null=True, blank=True, help_text=_("之后的检查中不再失效"))
    last_run = models.ForeignKey(
        LinkCheckRun, verbose_name=_("最近检查"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = BrokenLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("失效链接")
        verbose_name_plural = _("失效链接")
        ordering = [models.F("fixed_at").desc(nulls_first=True), "-last_seen", "page"]
        constraints = [models.UniqueConstraint(fields=["page", "url"], name="broken_link_unique_page_url")]

    def __str__(self):
        return self.url

    @property
    def problem(self):
        return f"HTTP {self.status_code}" if self.status_code else self.error
