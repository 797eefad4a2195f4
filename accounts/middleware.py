"""Back-office rules applied on every request: idle timeout, two-factor login, password age.

Each does nothing for a visitor without a session cookie, so the public pages cost no extra
query and no `Vary: Cookie`.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import idle
from accounts.passwords import password_change_reason
from accounts.roles import otp_required_by_role
from accounts.signals import OTP_DEVICE_AT_LOGIN

BACK_OFFICE_NAMESPACES = ("admin", "accounts")
# Pages a signed-in user may open before passing two-factor login or changing an old password.
OTP_PENDING_VIEWS = {
    "accounts:otp_verify", "accounts:otp_setup", "accounts:session_ping",
    "admin:logout", "admin:login", "admin:jsi18n",
}
PASSWORD_EXPIRED_VIEWS = OTP_PENDING_VIEWS | {"admin:password_change", "admin:password_change_done"}


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def in_back_office(request):
    match = request.resolver_match
    return match is not None and match.namespace in BACK_OFFICE_NAMESPACES


def view_name(request):
    return request.resolver_match.view_name if request.resolver_match is not None else ""


class IdleTimeoutMiddleware:
    """Signs out a session idle for SESSION_IDLE_TIMEOUT (30 minutes); back-office requests
    count as activity. This is the rule; the warning in the page is only a courtesy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_session(request) and request.user.is_authenticated and idle.expired(request):
            minutes = settings.SESSION_IDLE_TIMEOUT // 60
            request._accounts_logout_reason = _("%(minutes)d 分钟未操作，自动退出") % {"minutes": minutes}
            logout(request)
            messages.warning(
                request, _("由于 %(minutes)d 分钟未操作，已自动退出登录，请重新登录。") % {"minutes": minutes}
            )
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            has_session(request)
            and in_back_office(request)
            and request.user.is_authenticated
            and not getattr(view_func, "accounts_not_activity", False)
        ):
            idle.touch(request)


def otp_pending(request, user):
    """Signed in with a password, but a TOTP check is still owed for this session."""
    if not user.is_authenticated or user.is_verified():
        return False
    if request.session.get(OTP_DEVICE_AT_LOGIN):
        return True
    return settings.OTP_REQUIRED_FOR_ADMIN_ROLES and otp_required_by_role(user)


class OTPRequiredMiddleware:
    """Until the TOTP check is passed, the back office shows only the check (or the set-up of a
    device) and the public site treats the session as signed out.

    Owed by anyone who has a device, and — with OTP_REQUIRED_FOR_ADMIN_ROLES, on by default
    outside development and tests — by superusers and the three administrator roles.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not has_session(request) or not otp_pending(request, request.user):
            return None
        if not in_back_office(request):
            request.user = AnonymousUser()
            return None
        if view_name(request) in OTP_PENDING_VIEWS:
            return None
        return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': request.get_full_path()})}")


class PasswordExpiryMiddleware:
    """A password older than PASSWORD_MAX_AGE_DAYS (90) must be changed before any other work."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not has_session(request) or not in_back_office(request) or view_name(request) in PASSWORD_EXPIRED_VIEWS:
            return None
        user = request.user
        reason = password_change_reason(user) if user.is_authenticated and user.is_staff else None
        if reason is None:
            return None
        if reason == "administrator":
            message = _("您的密码由管理员设置，请先改为只有您自己知道的密码。")
        else:
            message = _("您的密码已超过 %(days)d 天未修改（或从未在本系统设置），请先修改密码。") % {
                "days": settings.PASSWORD_MAX_AGE_DAYS
            }
        messages.warning(request, message)
        return redirect("admin:password_change")
