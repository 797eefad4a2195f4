"""The public form (找错 / 留言) with its spam checks, and the moderation form of the admin."""

import re
import time
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from feedback.conf import setting
from feedback.models import OPEN_STATUSES, Message, MessageKind, MessageStatus

TEXT_MAX_LENGTH = 2000
TEXT_MIN_LENGTH = 5
ISSUED_SALT = "feedback.form.issued"
MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:-\d{1,6})?")


def same_site_path(value, host):
    """The path (and query) of a page of this site named by `value`, or None.

    Accepts a path (/visits/…) or a full address on this host; refuses anything that points
    elsewhere, including the protocol-relative //host and backslash tricks browsers accept.
    """
    value = (value or "").strip()
    if not value or len(value) > 300 or any(char.isspace() or ord(char) < 32 for char in value):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={host}):
        return None
    parts = urlsplit(value)
    if parts.netloc and parts.netloc != host:
        return None
    path = parts.path
    if not path.startswith("/") or path.startswith("//") or "\\" in value:
        return None
    return f"{path}?{parts.query}" if parts.query else path


def issue_token():
    """The signed time the form was shown, carried in a hidden field."""
    return signing.dumps(int(time.time()), salt=ISSUED_SALT)


def normalize_contact(value):
    """A phone number without spaces and brackets, an e-mail address as written; None if neither."""
    value = value.strip()
    if "@" in value:
        try:
            EmailValidator()(value)
        except ValidationError:
            return None
        return value
    phone = re.sub(r"[\s()（）]", "", value)
    if MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone):
        return phone
    return None


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=MessageKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择“找错”或“留言”。"), "invalid_choice": _("请选择“找错”或“留言”。")},
    )
    page_path = forms.CharField(
        label=_("所指页面"),
        required=False,
        max_length=300,
        help_text=_("出错页面的地址，例如 /visits/…；从页面上的“我为政府网站找错”进入时已自动填好"),
        error_messages={"max_length": _("页面地址不超过 %(limit_value)d 个字符。")},
    )
    name = forms.CharField(
        label=_("姓名"),
        required=False,
        max_length=50,
        help_text=_("留言请填写，以便答复时称呼您"),
        error_messages={"max_length": _("姓名不超过 %(limit_value)d 个字。")},
    )
    contact = forms.CharField(
        label=_("联系方式"),
        max_length=100,
        help_text=_("手机号码、固定电话或电子邮箱，仅用于答复您，不会公开"),
        error_messages={
            "required": _("请填写联系方式，以便我们答复您。"),
            "max_length": _("联系方式不超过 %(limit_value)d 个字符。"),
        },
    )
    subject = forms.CharField(
        label=_("标题"),
        max_length=100,
        error_messages={"required": _("请填写标题。"), "max_length": _("标题不超过 %(limit_value)d 个字。")},
    )
    text = forms.CharField(
        label=_("内容"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": TEXT_MAX_LENGTH}),
        help_text=_("不超过 %(limit)d 个字。请勿填写身份证号等个人信息。") % {"limit": TEXT_MAX_LENGTH},
        error_messages={"required": _("请填写内容。")},
    )
    # Hidden from people by CSS and from screen readers by aria-hidden; scripts fill it in.
    website = forms.CharField(label=_("请勿填写此项"), required=False)
    issued = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, host="", **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["page_path"].widget.attrs.update({"inputmode": "url", "spellcheck": "false"})

    def is_spam_trap_filled(self):
        return bool(self.data.get("website", "").strip())

    def clean_page_path(self):
        value = self.cleaned_data["page_path"].strip()
        if not value:
            return ""
        path = same_site_path(value, self.host)
        if path is None:
            raise ValidationError(_("只能填写本站页面的地址，例如 /visits/…"), code="other_site")
        return path

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_contact(self):
        contact = normalize_contact(self.cleaned_data["contact"])
        if contact is None:
            raise ValidationError(_("请填写有效的手机号码、固定电话（如 0471-1234567）或电子邮箱。"), code="invalid")
        return contact

    def clean_subject(self):
        return self.cleaned_data["subject"].strip()

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < TEXT_MIN_LENGTH:
            raise ValidationError(_("内容至少 %(limit)d 个字。") % {"limit": TEXT_MIN_LENGTH}, code="too_short")
        if len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(
                _("内容不超过 %(limit)d 个字（现有 %(count)d 个字）。")
                % {"limit": TEXT_MAX_LENGTH, "count": len(text)},
                code="too_long",
            )
        return text

    def clean_issued(self):
        try:
            issued = signing.loads(self.cleaned_data["issued"], salt=ISSUED_SALT)
        except signing.BadSignature:
            raise ValidationError(_("表单已失效，请再提交一次。"), code="bad_token") from None
        age = time.time() - int(issued)
        if age > setting("FEEDBACK_FORM_MAX_AGE"):
            raise ValidationError(_("表单打开太久已过期，请核对内容后再提交一次。"), code="expired")
        if age < setting("FEEDBACK_MIN_FILL_SECONDS"):
            raise ValidationError(_("提交过快。请核对内容后再提交一次。"), code="too_fast")
        return issued

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") == MessageKind.MESSAGE and "name" in cleaned_data and not cleaned_data["name"]:
            self.add_error("name", ValidationError(_("留言请填写姓名。"), code="required"))
        return cleaned_data


class MessageModerationForm(forms.ModelForm):
    """Staff answer a message and choose whether it goes on the public page with its reply."""

    class Meta:
        model = Message
        fields = ["subject", "text", "status", "reply", "is_public"]
        widgets = {"reply": forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"})}
        help_texts = {
            "text": _("公开前请删去内容中的身份证号、电话等个人信息；来信原文保留在“历史”中。"),
            "reply": _("填写答复后，状态自动改为“已答复”。"),
        }

    def clean(self):
        cleaned_data = super().clean()
        reply = (self._value("reply") or "").strip()
        status = self._value("status")
        if reply and "reply" in self.changed_data and status in OPEN_STATUSES:
            # Writing the reply is answering: nobody has to remember to change the status too.
            cleaned_data["status"] = status = MessageStatus.ANSWERED
        if self._value("is_public"):
            field = "is_public" if "is_public" in self.fields else None
            if not reply:
                self.add_error(field, _("请先填写答复，再公开。"))
            elif status != MessageStatus.ANSWERED:
                self.add_error(
                    field,
                    _("只有“已答复”的留言可以公开；现在的状态是“%(status)s”。") % {"status": status_label(status)},
                )
        return cleaned_data

    def _value(self, name):
        """The submitted value of a field, or the stored one where the field is read-only for this user."""
        return self.cleaned_data.get(name) if name in self.fields else getattr(self.instance, name)


def status_label(value):
    try:
        return MessageStatus(value).label
    except ValueError:
        return value
