from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from accounts.models import MIN_RETENTION_DAYS


@register()
def audit_retention(app_configs, **kwargs):
    if settings.AUDIT_LOG_RETENTION_DAYS < MIN_RETENTION_DAYS:
        return [Error(
            f"AUDIT_LOG_RETENTION_DAYS is {settings.AUDIT_LOG_RETENTION_DAYS}; "
            f"等保 2.0 needs at least {MIN_RETENTION_DAYS}.",
            id="accounts.E001",
        )]
    return []


@register(Tags.security, deploy=True)
def otp_required_in_production(app_configs, **kwargs):
    if not settings.OTP_REQUIRED_FOR_ADMIN_ROLES:
        return [Warning(
            "OTP_REQUIRED_FOR_ADMIN_ROLES is off: administrators can sign in without two-factor login.",
            hint="Unset OTP_REQUIRED_FOR_ADMIN_ROLES (it is on by default when DEBUG is off).",
            id="accounts.W001",
        )]
    return []
