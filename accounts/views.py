"""Two-factor login (check and first set-up) and the session ping of the idle-timeout warning."""

from base64 import b32encode

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import idle
from accounts.audit import record
from accounts.forms import TokenForm
from accounts.models import AuditEvent, Outcome


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("admin:index")


def _page(request, template, context):
    return TemplateResponse(request, template, {**admin.site.each_context(request), **context})


def _staff_required(view):
    return never_cache(login_required(view, login_url="admin:login"))


@_staff_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    devices = list(devices_for_user(user))
    if not devices:
        return redirect(f"{reverse('accounts:otp_setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        device = form.chosen_device()
        allowed, _info = device.verify_is_allowed()
        verified = verify_token(user, device.persistent_id, form.cleaned_data["token"]) if allowed else None
        if verified is not None:
            otp_login(request, verified)
            request.session.cycle_key()
            detail = _("验证通过（%(device)s）") % {"device": verified.name}
            record(AuditEvent.OTP, request=request, obj=user, detail=detail)
            return redirect(_next_url(request))
        record(
            AuditEvent.OTP, request=request, obj=user, outcome=Outcome.FAILURE,
            detail=_("验证码错误") if allowed else _("失败次数过多，暂缓验证"),
        )
        form.add_error("token", _("验证码不正确或已过期。") if allowed else _("失败次数过多，请稍候再试。"))
    return _page(request, "accounts/otp_verify.html", {
        "title": _("两步验证"), "form": form, "next": _next_url(request),
    })


@_staff_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Set up a TOTP authenticator: shown the secret, the user proves it with a first code.

    Only someone with no device yet, or already verified in this session, may add one; a
    stolen password alone can never replace a device.
    """
    user = request.user
    if not user.is_verified() and next(devices_for_user(user), None) is not None:
        return redirect(f"{reverse('accounts:otp_verify')}?{request.GET.urlencode()}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("身份验证器"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session.cycle_key()
            record(AuditEvent.SETTINGS_CHANGE, request=request, obj=device, detail=_("启用两步验证"))
            messages.success(request, _("两步验证已启用；以后每次登录都需要输入验证码。"))
            return redirect(_next_url(request))
        record(AuditEvent.OTP, request=request, obj=user, outcome=Outcome.FAILURE, detail=_("启用两步验证时验证码错误"))
        form.add_error("token", _("验证码不正确，请核对手机时间后重试。"))
    return _page(request, "accounts/otp_setup.html", {
        "title": _("启用两步验证"),
        "form": form,
        "secret": b32encode(device.bin_key).decode(),
        "config_url": device.config_url,
        "next": _next_url(request),
    })


@idle.keeps_session_idle
@never_cache
@require_http_methods(["GET", "POST"])
def session_ping(request):
    """GET: seconds left before the idle timeout; POST (the "stay signed in" button): start again."""
    if not request.user.is_authenticated:
        # 200, not 401: the page's script reads "0" as "ended" and the console stays clean.
        return JsonResponse({"remaining": 0})
    if request.method == "POST":
        idle.touch(request)
    return JsonResponse({"remaining": idle.remaining_seconds(request)})

