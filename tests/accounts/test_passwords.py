"""Password rules: 8 characters from 3 of 4 classes, none of the last 5, changed every 90 days."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordHistory
from accounts.password_validation import character_classes
from accounts.passwords import password_change_reason
from accounts.roles import SYSTEM_ADMIN
from tests.accounts.helpers import PASSWORD, make_role_user, sign_in
from tests.builders import make_editor

pytestmark = pytest.mark.django_db


def refusals(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return sorted(e.code for e in error.error_list)
    return []


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("abcdefgh", {"lower"}),
        ("ABCDEFGH", {"upper"}),
        ("20240620", {"digit"}),
        ("!@#$%^&*", {"symbol"}),
        ("abcdEFGH", {"lower", "upper"}),
        ("abcd1234", {"lower", "digit"}),
        ("ABCD!@#$", {"upper", "symbol"}),
        ("Abcd1234", {"upper", "lower", "digit"}),
        ("abcd12#$", {"lower", "digit", "symbol"}),
        ("Ab1#", {"upper", "lower", "digit", "symbol"}),
        ("京蒙协作Ab", {"upper", "lower", "symbol"}),
    ],
)
def test_each_character_is_counted_in_its_class(password, classes):
    assert character_classes(password) == classes


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("qwmzpvxk", ["password_too_few_character_classes"]),
        ("QWMZpvxk", ["password_too_few_character_classes"]),
        ("qwmz7391", ["password_too_few_character_classes"]),
        ("QWMZ#%!&", ["password_too_few_character_classes"]),
        ("Qwmz7391", []),
        ("qwmz73#!", []),
        ("QWMZ73#!", []),
        ("Qwmz#%!&", []),
        ("Qw7#mzx", ["password_too_short"]),
        ("Qw7#mzxk", []),
        ("qw7", ["password_too_few_character_classes", "password_too_short"]),
    ],
)
def test_a_password_needs_eight_characters_from_three_classes(password, codes):
    assert refusals(password) == codes


def set_password(user, password):
    user.set_password(password)
    user.save()


def test_none_of_the_last_five_passwords_may_be_used_again(django_user_model):
    user = make_editor(django_user_model)
    passwords = [f"Oldpass#{n}x" for n in range(1, 6)]
    for password in passwords:
        set_password(user, password)

    assert [refusals(password, user) for password in passwords] == [["password_reused"]] * 5
    assert refusals("Brand#new9", user) == []
    assert PasswordHistory.objects.filter(user=user).count() == 5


def test_the_first_password_is_refused_until_five_others_follow_it(django_user_model):
    user = make_editor(django_user_model)
    set_password(user, "First#pass1")

    for n in range(4):
        set_password(user, f"Other#pass{n}")
        assert refusals("First#pass1", user) == ["password_reused"]
    set_password(user, "Other#pass9")

    assert refusals("First#pass1", user) == []


def test_the_admin_password_change_page_applies_the_rules(client, django_user_model):
    user = make_editor(django_user_model)
    set_password(user, "Current#pw1")
    client.force_login(user)
    url = reverse("admin:password_change")

    reused = client.post(url, {"old_password": "Current#pw1", "new_password1": "Current#pw1",
                               "new_password2": "Current#pw1"})
    weak = client.post(url, {"old_password": "Current#pw1", "new_password1": "weakpassword",
                             "new_password2": "weakpassword"})
    changed = client.post(url, {"old_password": "Current#pw1", "new_password1": "Fresh#pass2",
                                "new_password2": "Fresh#pass2"})

    assert [e.code for e in reused.context["form"].errors.as_data()["new_password2"]] == ["password_reused"]
    assert [e.code for e in weak.context["form"].errors.as_data()["new_password2"]] == [
        "password_too_few_character_classes",
    ]
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Fresh#pass2")


def age_password(user, days):
    PasswordHistory.objects.filter(user=user).update(changed_at=timezone.now() - timedelta(days=days))


def test_a_password_older_than_90_days_must_be_changed_first(client, django_user_model):
    user = make_editor(django_user_model)
    age_password(user, 91)
    client.force_login(user)

    response = client.get(reverse("admin:visits_delegation_changelist"))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:password_change")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert [str(m) for m in page.context["messages"]] == [
        "您的密码已超过 90 天未修改（或从未在本系统设置），请先修改密码。"
    ]


def test_after_changing_an_expired_password_work_goes_on(client, django_user_model):
    user = make_editor(django_user_model)
    age_password(user, 120)
    client.force_login(user)

    client.post(reverse("admin:password_change"), {
        "old_password": PASSWORD, "new_password1": "Renewed#pw7", "new_password2": "Renewed#pw7",
    })

    assert client.get(reverse("admin:visits_delegation_changelist")).status_code == 200


def test_a_password_changed_89_days_ago_is_still_good(client, django_user_model):
    user = make_editor(django_user_model)
    age_password(user, 89)
    client.force_login(user)

    assert client.get(reverse("admin:index")).status_code == 200


def test_an_account_with_no_recorded_password_change_must_set_one(client, django_user_model):
    user = make_editor(django_user_model)
    PasswordHistory.objects.filter(user=user).delete()
    client.force_login(user)

    response = client.get(reverse("admin:index"))

    assert (response.status_code, response["Location"]) == (302, reverse("admin:password_change"))


def test_the_public_site_is_not_blocked_by_an_old_password(client, django_user_model):
    user = make_editor(django_user_model)
    age_password(user, 200)
    client.force_login(user)

    assert client.get("/").status_code == 200


def test_a_password_set_by_the_system_administrator_is_changed_at_the_next_sign_in(client, django_user_model):
    target = make_editor(django_user_model, "li")
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))
    client.post(reverse("admin:auth_user_password_change", args=[target.pk]),
                {"password1": "Reset#pw44", "password2": "Reset#pw44"})
    client.post(reverse("admin:logout"))

    sign_in(client, "li", password="Reset#pw44")
    response = client.get(reverse("admin:index"))

    assert (response.status_code, response["Location"]) == (302, reverse("admin:password_change"))
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == ["您的密码由管理员设置，请先改为只有您自己知道的密码。"]
    client.post(reverse("admin:password_change"), {
        "old_password": "Reset#pw44", "new_password1": "Mine#only55", "new_password2": "Mine#only55",
    })
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_account_made_in_the_admin_starts_with_a_password_to_change(client, django_user_model):
    client.force_login(make_role_user(django_user_model, SYSTEM_ADMIN, "guan"))

    client.post(reverse("admin:auth_user_add"), {
        "username": "xin", "password1": "First#pw123", "password2": "First#pw123", "usable_password": "true",
    })

    assert password_change_reason(django_user_model.objects.get(username="xin")) == "administrator"
