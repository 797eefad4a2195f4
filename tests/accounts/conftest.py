import pytest


@pytest.fixture
def otp_required(settings):
    """Production's rule: the administrator roles and superusers must pass TOTP (off in tests)."""
    settings.OTP_REQUIRED_FOR_ADMIN_ROLES = True
