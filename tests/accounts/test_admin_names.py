"""The admin names everything in the office's words, in both languages: every page, every role."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.public_site import parse
from tests.security.test_permission_matrix import (
    ANONYMOUS,
    FACTORIES,
    NOT_STAFF,
    ROLES,
    cell,
    make_role_user,
    sign_in,
)

pytestmark = pytest.mark.django_db


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


# Every admin page, as every role sees it -----------------------------------------------------

# Where a page names things rather than shows a record: headings, captions, column headings,
# field labels and their help, buttons, actions, the record-type and permission pickers, the title.
LABELS = ("title", "h1", "h2", "h3", "caption", "legend", "label", "button", "summary")
PICKERS = ("action", "content_type", "permissions", "user_permissions", "permissions_old", "user_permissions_old")
# What Chinese text writes in Latin letters too: abbreviations, file formats and encodings, the
# 网页标签 names of the government-website rules, keys ("按住 Control 键"), the language switch
# (English) and the larger-text button (Aa).
LATIN_IN_CHINESE = {
    "ICP", "IP", "ID", "SHA", "URL", "CSV", "JSON", "Excel", "Unix", "LDAP",
    "BOM", "GB", "GBK", "UTF", "JPEG", "PNG", "WebP", "XLSX", "docx", "html", "txt",
    "SiteName", "SiteDomain", "SiteIDCode", "Control", "Command", "Mac", "English", "Aa",
}
WORD = re.compile(r"[A-Za-z]{2,}")
ADDRESS = re.compile(r"[\w-]+(\.[\w-]+)+")  # jmxz.example.gov.cn: an example address, not words


def label_texts(page):
    texts = [text for tag in LABELS for text in page.texts(tag)]
    texts += [th.text for thead in page.find_all("thead") for th in thead.find_all("th")]
    texts += page.texts(cls="help")
    texts += [
        element.attrs.get("value", "")
        for element in page.find_all("input")
        if element.attrs.get("type") in ("submit", "button")
    ]
    for select in page.find_all("select"):
        if select.attrs.get("name") in PICKERS:
            texts += select.texts("option")
    return texts


def english_words(page, data=()):
    """The words in Latin letters where the page names things (the records' own text left out)."""
    found = set()
    for text in label_texts(page):
        for value in data:
            text = text.replace(value, "")
        found |= {word for word in WORD.findall(ADDRESS.sub("", text)) if word not in LATIN_IN_CHINESE}
    return found


def model_pages(model, target):
    """The model's admin pages (those it has), its record's included, and its own extra views."""
    info = f"{model._meta.app_label}_{model._meta.model_name}"
    urls = [reverse("admin:app_list", args=[model._meta.app_label])]
    for page, args in (("changelist", ()), ("add", ()), ("change", (target.pk,)), ("history", (target.pk,)),
                       ("delete", (target.pk,)), ("review", (target.pk,)), ("report", ()), ("export", ()),
                       ("rollback", (target.pk,))):
        try:
            urls.append(reverse(f"admin:{info}_{page}", args=args))
        except NoReverseMatch:
            continue
    return urls


@pytest.mark.parametrize("role", [role for role in ROLES if role not in (ANONYMOUS, NOT_STAFF)])
def test_every_admin_page_names_things_in_chinese_for_every_role(client, django_user_model, role):
    user = make_role_user(django_user_model, role)
    sign_in(client, user)
    english, opened = {}, 0

    def walk(urls, data=()):
        nonlocal opened
        for url in urls:
            response = client.get(url)
            if response.status_code not in (200, 403) or "html" not in response["Content-Type"]:
                continue
            opened += 1
            for word in english_words(parse(response), (user.username, *data)):
                english.setdefault(word, url)

    walk(["/admin/", reverse("admin:password_change")])
    for model in admin.site._registry:
        with cell():
            target = FACTORIES[model._meta.label_lower](django_user_model)
            walk(model_pages(model, target), data=(str(target), *_record_values(target)))

    assert opened > len(admin.site._registry)
    assert not english, "\n".join(f"{word}: {url}" for word, url in sorted(english.items()))


def _record_values(target):
    """What a record shows of itself in a list or a form: its name, user names, addresses."""
    values = []
    for name in ("username", "old_slug", "url", "page", "number", "file_name", "path_info", "user_agent"):
        value = getattr(target, name, None)
        if isinstance(value, str) and value:
            values.append(value)
    owner = getattr(target, "user", None)
    if owner is not None and hasattr(owner, "username"):
        values.append(owner.username)
    return values
