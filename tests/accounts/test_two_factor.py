"""Two-factor login (TOTP): required for the administrator roles and superusers, optional for staff."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEntry
from accounts.roles import AUDIT_ADMIN, SECURITY_ADMIN, SYSTEM_ADMIN
from tests.accounts.helpers import add_device, current_code, make_role_user, sign_in
from tests.builders import make_editor

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


def wrong_code(device):
    return "000000" if current_code(device) != "000000" else "111111"


def wait_out_the_throttle(device):
    """After a wrong code the device refuses codes for a while (1 s, doubling): let it pass."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
    )


def verify_url(next_url=INDEX):
    return f"{reverse('accounts:otp_verify')}?{urlencode({'next': next_url})}"


@pytest.mark.usefixtures("otp_required")
@pytest.mark.parametrize("role", [SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN])
def test_an_administrator_must_pass_totp_after_the_password(client, django_user_model, role):
    user = make_role_user(django_user_model, role, "guan")
    device = add_device(user)
    sign_in(client, "guan")

    held = client.get(INDEX)
    wrong = client.post(verify_url(), {"token": wrong_code(device)})
    wait_out_the_throttle(device)
    right = client.post(verify_url(), {"token": current_code(device)})
    after = client.get(INDEX)

    assert (held.status_code, held["Location"]) == (302, verify_url())
    assert wrong.status_code == 200
    assert wrong.context["form"].errors == {"token": ["验证码不正确或已过期。"]}
    assert (right.status_code, right["Location"]) == (302, INDEX)
    assert after.status_code == 200
    assert list(AuditEntry.objects.filter(event="otp").order_by("id").values_list("outcome", "username")) == [
        ("failure", "guan"), ("success", "guan"),
    ]


@pytest.mark.usefixtures("otp_required")
def test_right_after_a_wrong_code_even_the_right_one_waits(client, django_user_model):
    device = add_device(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    sign_in(client, "guan")

    client.post(verify_url(), {"token": wrong_code(device)})
    too_soon = client.post(verify_url(), {"token": current_code(device)})

    assert too_soon.context["form"].errors == {"token": ["失败次数过多，请稍候再试。"]}
    assert client.get(INDEX).status_code == 302


@pytest.mark.usefixtures("otp_required")
def test_a_superuser_must_pass_totp_too(admin_client, admin_user):
    device = add_device(admin_user)

    held = admin_client.get(reverse("admin:visits_delegation_changelist"))
    admin_client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})

    assert held.status_code == 302
    assert held["Location"].startswith(reverse("accounts:otp_verify"))
    assert admin_client.get(reverse("admin:visits_delegation_changelist")).status_code == 200


@pytest.mark.usefixtures("otp_required")
def test_an_administrator_without_a_device_is_sent_to_set_one_up(client, django_user_model):
    make_role_user(django_user_model, SYSTEM_ADMIN, "guan")
    sign_in(client, "guan")

    to_verify = client.get(INDEX)
    to_setup = client.get(to_verify["Location"])
    setup = client.get(to_setup["Location"])
    device = TOTPDevice.objects.get(user__username="guan")
    confirmed = client.post(to_setup["Location"], {"token": current_code(device)})

    assert to_setup["Location"] == f"{reverse('accounts:otp_setup')}?{urlencode({'next': INDEX})}"
    assert setup.status_code == 200
    assert setup.context["secret"] in setup.content.decode()
    assert setup.context["config_url"].startswith("otpauth://totp/")
    assert (confirmed.status_code, confirmed["Location"]) == (302, INDEX)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(INDEX).status_code == 200
    assert AuditEntry.objects.filter(event="settings_change", object_type="otp_totp.totpdevice").count() == 1


@pytest.mark.usefixtures("otp_required")
def test_a_password_alone_cannot_replace_an_existing_device(client, django_user_model):
    user = make_role_user(django_user_model, SECURITY_ADMIN, "an")
    add_device(user)
    sign_in(client, "an")

    response = client.get(reverse("accounts:otp_setup"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


@pytest.mark.usefixtures("otp_required")
def test_an_editor_without_a_device_signs_in_with_the_password_only(client, django_user_model):
    make_editor(django_user_model, "li")
    sign_in(client, "li")

    assert client.get(INDEX).status_code == 200


def test_an_editor_who_chose_totp_must_use_it(client, django_user_model):
    device = add_device(make_editor(django_user_model, "li"))
    sign_in(client, "li")

    held = client.get(INDEX)
    client.post(verify_url(), {"token": current_code(device)})

    assert held.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_an_editor_may_set_up_totp_from_the_admin(client, django_user_model):
    client.force_login(make_editor(django_user_model, "li"))

    index = client.get(INDEX).content.decode()
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user__username="li")
    client.post(reverse("accounts:otp_setup"), {"token": current_code(device)})

    assert f'href="{reverse("accounts:otp_setup")}"' in index
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.usefixtures("otp_required")
def test_a_used_code_cannot_be_replayed_in_another_session(client, django_user_model):
    user = make_role_user(django_user_model, AUDIT_ADMIN, "shen")
    device = add_device(user)
    code = current_code(device)
    sign_in(client, "shen")
    client.post(verify_url(), {"token": code})
    client.post(reverse("admin:logout"))

    sign_in(client, "shen")
    replayed = client.post(verify_url(), {"token": code})

    assert replayed.status_code == 200
    assert client.get(INDEX).status_code == 302


@pytest.mark.usefixtures("otp_required")
def test_until_verified_the_session_is_not_signed_in_on_the_public_site(client, django_user_model):
    make_role_user(django_user_model, SYSTEM_ADMIN, "guan")
    sign_in(client, "guan")

    response = client.get("/")

    assert response.wsgi_request.user.is_authenticated is False


def test_outside_production_the_administrator_roles_may_skip_totp(client, django_user_model, settings):
    assert settings.OTP_REQUIRED_FOR_ADMIN_ROLES is False  # the test settings; production turns it on
    make_role_user(django_user_model, SYSTEM_ADMIN, "guan")
    sign_in(client, "guan")

    assert client.get(INDEX).status_code == 200


def test_production_settings_require_totp_for_administrators(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; django.setup(); "
                               "print(settings.OTP_REQUIRED_FOR_ADMIN_ROLES)"],
        cwd=root, env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATA_DIR": str(tmp_path),
                       "DEBUG": "false", "SECRET_KEY": "two-factor-test-key-" + "x" * 40},
        capture_output=True, text=True, check=False,
    )

    assert (result.returncode, result.stdout.strip()) == (0, "True"), result.stderr


def device_form_data(device, **overrides):
    data = {
        "user": device.user_id, "name": device.name, "confirmed": "on",
        "key": device.key, "step": device.step, "t0": device.t0, "digits": device.digits,
        "tolerance": device.tolerance, "drift": device.drift,
        "throttling_failure_timestamp_0": "", "throttling_failure_timestamp_1": "", "throttling_failure_count": 0,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", [SECURITY_ADMIN, None], ids=["security administrator", "superuser"])
def test_a_device_stays_with_its_owner(client, django_user_model, admin_user, role):
    """Moving a device (or setting its secret) would let whoever holds the phone sign in as someone else."""
    client.force_login(make_role_user(django_user_model, role, "an") if role else admin_user)
    owner, victim = make_editor(django_user_model, "li"), make_role_user(django_user_model, AUDIT_ADMIN, "shen")
    device = add_device(owner)
    key = device.key

    response = client.post(
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
        device_form_data(device, user=victim.pk, key="3132333435363738393031323334353637383930",
                         name="李的手机", throttling_failure_count=0),
    )

    device.refresh_from_db()
    assert response.status_code == 302
    assert (device.user_id, device.key, device.name) == (owner.pk, key, "李的手机")


@pytest.mark.parametrize("role", [SECURITY_ADMIN, None], ids=["security administrator", "superuser"])
def test_nobody_adds_a_device_for_someone_else(client, django_user_model, admin_user, role):
    client.force_login(make_role_user(django_user_model, role, "an") if role else admin_user)
    victim = make_role_user(django_user_model, AUDIT_ADMIN, "shen")

    page = client.get(reverse("admin:otp_totp_totpdevice_add"))
    client.post(reverse("admin:otp_totp_totpdevice_add"), {
        "user": victim.pk, "name": "x", "confirmed": "on", "key": "3132333435363738393031323334353637383930",
        "step": 30, "t0": 0, "digits": 6, "tolerance": 1, "drift": 0, "throttling_failure_count": 0,
    })

    assert page.status_code == 403
    assert not TOTPDevice.objects.filter(user=victim).exists()
