"""The admin names everything in the office's words, in both languages.

Every admin page, as every staff role sees it, is read for Latin words by the permission
matrix's walk (the check is tests/accounts/admin_names.py); here, particular names in Chinese
and in English.
"""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.public_site import parse

pytestmark = [pytest.mark.django_db, pytest.mark.rights]


def test_the_security_apps_are_named_in_chinese_and_english(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("names", password="names-only-password"))

    chinese = parse(client.get("/admin/")).texts("caption")
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    english = parse(client.get("/admin/")).texts("caption")

    assert {"登录失败锁定", "两步验证设备"} <= set(chinese)
    assert {"Login lockouts", "Two-factor devices"} <= set(english)
    assert not [name for name in chinese + english if name.upper() in {"AXES", "TOTP DEVICES", "TOTP"}]


def test_the_two_factor_devices_are_described_in_the_readers_language(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("names", password="names-only-password"))
    TOTPDevice.objects.create(user=django_user_model.objects.get(username="names"), name="手机")
    url = "/admin/otp_totp/totpdevice/"

    chinese = parse(client.get(url)).find("table", id="result_list").find("thead").texts("th")
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    english = parse(client.get(url)).find("table", id="result_list").find("thead").texts("th")

    assert chinese[1:] == ["账号", "名称", "创建时间", "最近使用时间", "已确认"]
    assert english[1:] == ["Account", "Name", "Created at", "Last used at", "Confirmed"]


def test_a_permission_is_offered_in_the_offices_words(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("names", password="names-only-password"))

    options = parse(client.get("/admin/auth/group/add/")).find("select", name="permissions").texts("option")

    assert "考察活动 | 代表团考察 | 可以修改代表团考察" in options
    assert "考察活动 | 代表团考察的历史记录 | 可以查看代表团考察的历史记录" in options
    assert not [option for option in options if "Can " in option or "historical" in option]


def test_the_login_lockout_records_are_named_in_chinese(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("names", password="names-only-password"))

    links = [text for text, _href in parse(client.get("/admin/")).links()]

    assert {"登录尝试", "登录失败", "登录记录"} <= set(links)
    assert not {"Access attempts", "Access failures", "Access logs"} & set(links)


def test_a_refused_page_says_so_in_chinese_and_offers_a_way_back(client, django_user_model):
    from tests.builders import make_editor

    client.force_login(make_editor(django_user_model))

    response = client.get("/admin/auth/user/")

    page = parse(response)
    assert response.status_code == 403
    assert page.find("h1").text == "没有访问权限"
    assert page.find("main").links()[-2:] == [("返回首页", "/"), ("返回管理后台", "/admin/")]
