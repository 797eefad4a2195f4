"""The forms of the report review: the article in, what was extracted corrected, people chosen."""

import hashlib
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cooperation.ledgers import cells
from cooperation.ledgers.context import ImportContext, NameProblem
from cooperation.models import Topic
from visits.models import DelegationKind, MeetingKind, SpeechKind
from visits.report_import.review import (
    MAX_CHARS,
    NEW_PERSON,
    OUTSIDE_MEETINGS,
    PEOPLE_COLUMNS,
    ReportRefused,
    check_text,
)

# Characters that would make a name ambiguous where the ledgers write 姓名（职务）.
_NAME_FORBIDDEN = re.compile(r"[；;（）()\n]")
_TERM_SEPARATORS = re.compile(r"[、，,；;\n]+")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented way of allowing `multiple`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.docx,.html,.htm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReportInputForm(forms.Form):
    text = forms.CharField(
        label=_("报道正文"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "vLargeTextField"}),
        help_text=_("粘贴一篇报道的全文（最多 %(max)s 字）。") % {"max": MAX_CHARS},
    )
    files = MultipleFileField(
        label=_("或上传文件"),
        required=False,
        help_text=_("一个或多个 .txt（UTF-8 或 GB18030）、.docx、.html 文件，每个文件一篇报道。"),
    )
    published_on = forms.DateField(
        label=_("发布日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("可不填。报道只写“近日”时，按发布日期所在月份记录考察日期。格式如 2024-06-20。"),
    )

    def clean(self):
        data = super().clean()
        text = data.get("text") or ""
        files = data.get("files") or []
        if text.strip() and files:
            raise ValidationError(_("请粘贴文字或上传文件，二者选一。"))
        if not text.strip() and not files:
            raise ValidationError(_("请粘贴报道的文字，或上传 .txt、.docx、.html 文件。"))
        if text.strip():
            try:
                data["text"], data["annotations_removed"] = check_text(text)
            except ReportRefused as refused:
                self.add_error("text", str(refused))
        return data


def resolve_regions(value, single, context):
    """The import's reading of region names; a ValidationError with its words otherwise."""
    items = [item for item in _TERM_SEPARATORS.split(value or "") if item.strip()]
    if single and len(items) > 1:
        raise ValidationError(_("只能写一个出发地。"))
    problems = []
    for item in items:
        try:
            context.regions.resolve(item)
        except NameProblem as exc:
            problems.append(str(exc))
    if problems:
        raise ValidationError(problems)
    return "、".join(item.strip() for item in items)


class TripForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    name = forms.CharField(label=_("代表团"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=DelegationKind.choices, initial=DelegationKind.INSPECTION)
    origin = forms.CharField(label=_("出发地"), max_length=100, required=False, help_text=_("如 大兴区"))
    destinations = forms.CharField(
        label=_("目的地"), max_length=500, required=False, help_text=_("用、分隔，如 察右前旗、正镶白旗")
    )
    start_date = forms.CharField(
        label=_("开始日期"), max_length=40, required=False, help_text=_("如 2024-06-20、2024年6月 或 2024年")
    )
    end_date = forms.CharField(label=_("结束日期"), max_length=40, required=False)
    publisher = forms.CharField(label=_("发布单位"), max_length=120, required=False)
    url = forms.URLField(label=_("链接"), max_length=500, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label=_("发布日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    summary = forms.CharField(label=_("摘要"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    topics = forms.ModelMultipleChoiceField(
        label=_("协作领域"), queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    projects = forms.CharField(
        label=_("相关项目"),
        max_length=2000,
        required=False,
        help_text=_("项目名称或编号，用；分隔；未登记的项目将作为草稿新建"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.import_context = ImportContext()

    def clean_origin(self):
        return resolve_regions(self.cleaned_data["origin"], True, self.import_context)

    def clean_destinations(self):
        return resolve_regions(self.cleaned_data["destinations"], False, self.import_context)

    def _date(self, name):
        try:
            return cells.parse_date(self.cleaned_data.get(name))
        except cells.CellError as exc:
            self.add_error(name, str(exc))
            return None, None

    def clean_projects(self):
        return [item.strip() for item in re.split(r"[；;\n]+", self.cleaned_data["projects"]) if item.strip()]

    def clean(self):
        data = super().clean()
        start, start_precision = self._date("start_date")
        end, end_precision = self._date("end_date")
        if end is not None and start is None:
            self.add_error("start_date", _("写了结束日期，却没有开始日期。"))
        elif start is not None and end is not None:
            if start_precision != end_precision:
                self.add_error("end_date", _("结束日期与开始日期须精确到同一级（都到日、都到月或都到年）。"))
            elif end < start:
                self.add_error("end_date", _("结束日期早于开始日期。"))
        return data


class ItemForm(forms.Form):
    """An extracted item: where in the article it was read, and by which rule."""

    sentence = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    title_sentence = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    rule = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    # What the reader was unsure of (a guessed side, a title taken from the name before),
    # shown beside the row for the reviewer to decide.
    doubt = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


def check_name(value):
    if _NAME_FORBIDDEN.search(value):
        raise ValidationError(_("姓名中不能有括号、分号或换行；职务请写在“职务”栏。"))
    return value


class ParticipantForm(ItemForm):
    name = forms.CharField(label=_("姓名"), max_length=40, required=False, validators=[check_name])
    title = forms.CharField(label=_("职务（照报道）"), max_length=200, required=False)
    column = forms.ChoiceField(label=_("身份"), choices=list(PEOPLE_COLUMNS.items()), initial="出席人员")

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("title"):
            raise ValidationError(_("姓名和职务至少要写一项。"))
        return data


class SiteVisitForm(ItemForm):
    place = forms.CharField(label=_("地点"), max_length=200)
    description = forms.CharField(label=_("考察内容"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(ItemForm):
    title = forms.CharField(label=_("会议"), max_length=200)
    kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices, initial=MeetingKind.SYMPOSIUM)
    place = forms.CharField(label=_("会议地点"), max_length=200, required=False)


class SpeechForm(ItemForm):
    meeting = forms.TypedChoiceField(label=_("会议"), coerce=int, initial=1)
    name = forms.CharField(label=_("发言人"), max_length=40, required=False, validators=[check_name])
    title = forms.CharField(label=_("职务（照报道）"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("发言类型"), choices=SpeechKind.choices, initial=SpeechKind.SPEECH)
    points = forms.CharField(label=_("要点"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, meeting_count=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            (number, _("会议 %(number)s") % {"number": number}) for number in range(1, max(meeting_count, 1) + 1)
        ] + [(OUTSIDE_MEETINGS, _("不在会议中"))]

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("title"):
            raise ValidationError(_("发言人和职务至少要写一项。"))
        return data


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=1, can_delete=True)
SiteVisitFormSet = forms.formset_factory(SiteVisitForm, extra=1, can_delete=True, can_order=True)
MeetingFormSet = forms.formset_factory(MeetingForm, extra=1, can_delete=True)
SpeechFormSet = forms.formset_factory(SpeechForm, extra=1, can_delete=True)


def kept(formset):
    """The cleaned rows staff kept: not dropped, not a blank row left for adding."""
    forms_in_order = formset.ordered_forms if getattr(formset, "can_order", False) else formset.forms
    rows = []
    for form in forms_in_order:
        if not form.has_changed() and form.empty_permitted:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        rows.append(form.cleaned_data)
    return rows


def person_key(name):
    return "p" + hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


class PeopleForm(forms.Form):
    """For each name in the trip: the person already recorded, one of several, or a new one."""

    def __init__(self, *args, names=(), lookup=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = list(dict.fromkeys(name for name in names if name))
        self.lookup = lookup
        self.rows = []
        for name in self.names:
            key = person_key(name)
            candidates = lookup.candidates(name)
            choices = [("", _("请选择…"))] if len(candidates) > 1 else []
            for candidate in candidates:
                label = str(candidate.person)
                if candidate.titles:
                    label += "：" + "、".join(candidate.titles[:3])
                choices.append((str(candidate.person.pk), label))
            choices.append((NEW_PERSON, _("新建人物")))
            self.fields[key] = forms.ChoiceField(
                label=name, choices=choices, required=False, initial=lookup.default_choice(name)
            )
            self.fields[key + "_d"] = forms.CharField(
                label=_("区分说明"), max_length=120, required=False, help_text=_("与同名人物区分，如其职务")
            )
            self.rows.append({"name": name, "key": key, "candidates": candidates})

    def bound_rows(self):
        for row in self.rows:
            yield {**row, "choice": self[row["key"]], "disambiguation": self[row["key"] + "_d"]}

    def clean(self):
        data = super().clean()
        self.choices, self.disambiguations = {}, {}
        for row in self.rows:
            name, key = row["name"], row["key"]
            choice = data.get(key) or self.lookup.default_choice(name)
            candidates = row["candidates"]
            if not choice:
                self.add_error(
                    key,
                    _("有 %(count)s 位同名的“%(name)s”：请选择是哪一位，或新建人物。")
                    % {"count": len(candidates), "name": name},
                )
                continue
            label = (data.get(key + "_d") or "").strip()
            if choice == NEW_PERSON and any(c.person.disambiguation == label for c in candidates):
                self.add_error(
                    key + "_d",
                    _("已有同名的“%(name)s”：新建时请填写与其不同的区分说明（如职务）。") % {"name": name},
                )
                continue
            self.choices[name] = choice
            if choice == NEW_PERSON:
                self.disambiguations[name] = label
        return data
