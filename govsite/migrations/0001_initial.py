import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import cooperation.photos


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="LinkCheckRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField(verbose_name="开始时间")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="结束时间")),
                ("pages", models.PositiveIntegerField(default=0, verbose_name="检查页面数")),
                ("links", models.PositiveIntegerField(default=0, verbose_name="检查链接数")),
                ("broken", models.PositiveIntegerField(default=0, verbose_name="失效链接数")),
                (
                    "skipped",
                    models.PositiveIntegerField(
                        default=0, help_text="超过总时限而未检查的外部链接", verbose_name="未及检查的外部链接"
                    ),
                ),
            ],
            options={
                "verbose_name": "链接检查",
                "verbose_name_plural": "链接检查",
                "ordering": ["-started_at"],
            },
        ),
        migrations.CreateModel(
            name="SiteSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "site_name",
                    models.CharField(help_text="网页标签 SiteName，页脚也显示它", max_length=100, verbose_name="网站名称"),
                ),
                (
                    "site_domain",
                    models.CharField(
                        blank=True,
                        help_text="网页标签 SiteDomain，如 jmxz.example.gov.cn；留空则用访问时的域名",
                        max_length=253,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Za-z0-9.-]+(:\\d+)?$", "只填写域名，如 jmxz.example.gov.cn，不含 http://"
                            )
                        ],
                        verbose_name="网站域名",
                    ),
                ),
                (
                    "site_id_code",
                    models.CharField(
                        blank=True,
                        help_text="网页标签 SiteIDCode，由政府网站主管单位核发",
                        max_length=10,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9A-Za-z]{10}$", "标识码是 10 位字母或数字，如 1500000001"
                            )
                        ],
                        verbose_name="政府网站标识码",
                    ),
                ),
                ("sponsor", models.CharField(max_length=120, verbose_name="主办单位")),
                ("address", models.CharField(max_length=200, verbose_name="地址")),
                ("phone", models.CharField(max_length=60, verbose_name="联系电话")),
                (
                    "postcode",
                    models.CharField(
                        blank=True,
                        max_length=6,
                        validators=[django.core.validators.RegexValidator("^\\d{6}$", "邮编是 6 位数字")],
                        verbose_name="邮编",
                    ),
                ),
                (
                    "icp_number",
                    models.CharField(
                        blank=True,
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[\\u4e00-\\u9fff]ICP备\\d{6,10}号(-\\d{1,3})?$",
                                "写作 京ICP备12345678号 或 京ICP备12345678号-1",
                            )
                        ],
                        verbose_name="ICP备案号",
                    ),
                ),
                (
                    "police_number",
                    models.CharField(
                        blank=True,
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[\\u4e00-\\u9fff]公网安备\\s?(\\d{14})号$", "写作 京公网安备11011502000001号（14 位数字）"
                            )
                        ],
                        verbose_name="公安备案号",
                    ),
                ),
                (
                    "party_mark",
                    models.ImageField(
                        blank=True,
                        help_text="开办单位下载的“党政机关”标识图片（JPEG、PNG 或 WebP）",
                        upload_to="govsite/",
                        validators=[cooperation.photos.validate_photo],
                        verbose_name="党政机关网站标识",
                    ),
                ),
                (
                    "party_mark_url",
                    models.URLField(
                        blank=True, help_text="点击标识打开的核验页面，由标识发放机构提供", max_length=300, verbose_name="标识链接"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="修改时间")),
            ],
            options={
                "verbose_name": "网站信息",
                "verbose_name_plural": "网站信息",
                "constraints": [models.CheckConstraint(condition=models.Q(("pk", 1)), name="site_settings_single_row")],
            },
        ),
        migrations.CreateModel(
            name="SectionFreshness",
            fields=[],
            options={
                "verbose_name": "栏目更新情况",
                "verbose_name_plural": "栏目更新情况",
                "proxy": True,
                "default_permissions": ("view",),
                "indexes": [],
                "constraints": [],
            },
            bases=("govsite.sitesettings",),
        ),
        migrations.CreateModel(
            name="BrokenLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("page", models.CharField(max_length=500, verbose_name="所在页面")),
                ("url", models.CharField(max_length=2000, verbose_name="链接地址")),
                (
                    "kind",
                    models.CharField(
                        choices=[("link", "链接"), ("image", "图片"), ("attachment", "附件"), ("resource", "页面资源")],
                        default="link",
                        max_length=12,
                        verbose_name="类型",
                    ),
                ),
                ("internal", models.BooleanField(default=True, verbose_name="站内")),
                ("status_code", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="状态码")),
                ("error", models.CharField(blank=True, max_length=300, verbose_name="错误")),
                ("first_seen", models.DateTimeField(verbose_name="首次发现")),
                ("last_seen", models.DateTimeField(verbose_name="最近发现")),
                (
                    "fixed_at",
                    models.DateTimeField(blank=True, help_text="之后的检查中不再失效", null=True, verbose_name="恢复时间"),
                ),
                (
                    "last_run",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="govsite.linkcheckrun",
                        verbose_name="最近检查",
                    ),
                ),
            ],
            options={
                "verbose_name": "失效链接",
                "verbose_name_plural": "失效链接",
                "ordering": [models.OrderBy(models.F("fixed_at"), descending=True, nulls_first=True), "-last_seen", "page"],
                "constraints": [models.UniqueConstraint(fields=("page", "url"), name="broken_link_unique_page_url")],
            },
        ),
    ]
