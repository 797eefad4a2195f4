from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

FORMATS = [("xlsx", _("XLSX 工作簿")), ("csv", _("CSV（UTF-8 带 BOM）"))]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("台账文件"),
        help_text=_(
            "CSV（UTF-8、UTF-8 带 BOM、GB18030/GBK）、XLSX、旧版 Excel 的 XLS，或系统“导出 Excel”得到的网页表格"
            "（HTML）、Excel 2003 XML 表格。按表头识别考察活动、会议发言或项目；"
            "含这三个工作表的工作簿一次导入全部。"
        ),
    )
    publish = forms.BooleanField(
        label=_("导入即发布"),
        required=False,
        help_text=_("不勾选时，新记录为草稿。只有审核发布人员可以勾选。"),
    )

    own_region = forms.CharField(
        label=_("本单位所在地区"),
        required=False,
        max_length=60,
        help_text=_(
            "旗县区名，如 奈曼旗。表中只有来访单位或出发地、没有目的地（来访接待登记表）时作目的地；"
            "只有目的地、没有出发地（本单位外出台账）时作出发地。只用于那一栏空着的行，预览中逐行列出。"
        ),
    )

    def __init__(self, *args, can_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.LEDGER_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "文件有 %(size).1f MB，超过网页导入的上限 %(limit)d MB；请拆成几个文件，或请管理员用 "
                    "import_ledger 命令导入。"
                )
                % {"size": upload.size / 1024 / 1024, "limit": limit // 1024 // 1024}
            )
        return upload


class ConfirmForm(forms.Form):
    """Carries the dry-run file to the confirm step: its temporary name and its hash."""

    token = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)
    publish = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not token.isalnum() or len(token) > 64:
            raise forms.ValidationError(_("无效的导入凭据"))
        return token


class ColumnMapForm(forms.Form):
    """The preview's question for the columns no ledger reads: which field each is, if any.

    `unknown`: the job's summary of them ({sheet, ledger, columns, fields} a sheet); a column
    named in several sheets is asked once, with the fields of the first.
    """

    def __init__(self, *args, unknown=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = {}
        for sheet in unknown:
            for column in sheet["columns"]:
                if column in self.columns.values():
                    continue
                name = f"column_{len(self.columns)}"
                self.columns[name] = column
                # The preview's proposal fills the choice in; the importer confirms or changes it.
                target, why = (sheet.get("proposed") or {}).get(column) or (None, "")
                self.fields[name] = forms.ChoiceField(
                    label=_("“%(column)s”（%(sheet)s，%(ledger)s）")
                    % {"column": column, "sheet": sheet["sheet"], "ledger": sheet["ledger"]},
                    choices=[("", _("不导入"))] + [(field, field) for field in sheet["fields"]],
                    required=False,
                    initial=target if target in sheet["fields"] else "",
                    help_text=(_("建议：%(field)s（%(why)s）") % {"field": target, "why": why}) if target
                    else (_("建议不导入：%(why)s") % {"why": why} if why else ""),
                )

    def column_map(self):
        """{column: field} of the columns given a field."""
        return {column: self.cleaned_data[name] for name, column in self.columns.items() if self.cleaned_data[name]}


class ExportForm(forms.Form):
    ledger = forms.ChoiceField(label=_("台账"))
    file_format = forms.ChoiceField(label=_("格式"), choices=FORMATS, initial="xlsx")
    published_only = forms.BooleanField(label=_("只导出已发布的记录"), required=False)

    def __init__(self, *args, ledgers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ledger"].choices = [("", _("全部台账（XLSX 工作簿）"))] + [
            (ledger.ledger_slug, ledger.ledger_name) for ledger in ledgers
        ]
        self.fields["ledger"].required = False

    def clean(self):
        data = super().clean()
        if data.get("file_format") == "csv" and not data.get("ledger"):
            raise forms.ValidationError(_("CSV 只能放一个台账：请选择台账，或选 XLSX 导出全部。"))
        return data
