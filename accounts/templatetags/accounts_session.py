"""The idle-timeout warning script, with what it needs to know in data attributes (no inline JS)."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def idle_timeout_script(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    minutes = settings.SESSION_IDLE_TIMEOUT // 60
    return format_html(
        '<script src="{}" defer data-idle-seconds="{}" data-warn-seconds="{}" data-ping-url="{}"'
        ' data-message="{}" data-button="{}" data-expired="{}"></script>',
        static("accounts/idle-timeout.js"),
        settings.SESSION_IDLE_TIMEOUT,
        settings.SESSION_IDLE_WARNING,
        reverse("accounts:session_ping"),
        _("您已较长时间未操作，登录将在 {seconds} 秒后因 %(minutes)d 分钟未操作而结束。") % {"minutes": minutes},
        _("继续使用（保持登录）"),
        _("登录已因长时间未操作而结束，请重新登录。"),
    )
