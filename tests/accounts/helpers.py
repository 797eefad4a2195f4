"""Small helpers for the accounts tests: role users, TOTP devices and codes, real sign-ins."""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.builders import make_staff

PASSWORD = "pw-for-tests-only"


def make_role_user(django_user_model, role, username=None, **fields):
    return make_staff(django_user_model, username or f"user-{role}", role, **fields)


def add_device(user, name="手机"):
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def current_code(device, steps_ahead=0):
    """The code the user's authenticator shows now (or `steps_ahead` 30-second steps later)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead)
    return str(value).zfill(device.digits)


def sign_in(client, username, password=PASSWORD, address="203.0.113.7"):
    """A real sign-in through the admin login form (axes and the auth signals see it)."""
    return client.post(
        reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )
