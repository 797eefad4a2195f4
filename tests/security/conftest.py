import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashes(settings):
    # Every test here signs in several role users; what is checked does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
