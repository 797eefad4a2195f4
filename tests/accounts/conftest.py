import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashes(settings):
    # The rules under test do not depend on the hasher; PBKDF2 would make each test seconds long.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def otp_required(settings):
    """Production's rule: the administrator roles and superusers must pass TOTP (off in tests)."""
    settings.OTP_REQUIRED_FOR_ADMIN_ROLES = True
