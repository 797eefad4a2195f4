"""The public 找错 / 留言 form: what it asks, what it refuses, and how it keeps scripts out."""

import datetime
import re
import time

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.forms import ISSUED_SALT
from feedback.models import Message
from tests.public_site import parse

pytestmark = pytest.mark.django_db

FORM = "/feedback/"
OTHER_SITE = "只能填写本站页面的地址，例如 /visits/…"


def issued(seconds_ago=60):
    return signing.dumps(int(time.time()) - seconds_ago, salt=ISSUED_SALT)


def form_data(**overrides):
    data = {
        "kind": "message",
        "page_path": "",
        "name": "李明",
        "contact": "13912345678",
        "subject": "建议公开项目资金使用情况",
        "text": "希望在项目页面公布每年帮扶资金的使用明细。",
        "website": "",
        "issued": issued(),
    }
    data.update(overrides)
    return data


def post(client, address="198.51.100.7", **overrides):
    return client.post(FORM, form_data(**overrides), REMOTE_ADDR=address)


def field_errors(response):
    """{field name: [messages]} as the page shows them beside each field."""
    page = parse(response)
    errors = {}
    for field in page.find_all("div", cls="feedback-field"):
        name = next(c for c in field.classes if c.startswith("feedback-field-")).removeprefix("feedback-field-")
        texts = [li.text for ul in field.find_all("ul", cls="feedback-errors") for li in ul.find_all("li")]
        if texts:
            errors[name] = texts
    for fieldset in page.find_all("fieldset", cls="feedback-kinds"):
        texts = [li.text for ul in fieldset.find_all("ul", cls="feedback-errors") for li in ul.find_all("li")]
        if texts:
            errors["kind"] = texts
    return errors


def summary(response):
    return [li.text for li in parse(response).find("div", cls="feedback-summary").find_all("li")]


# ---------------------------------------------------------------------------------------------
# Sending a message


def test_a_message_is_stored_and_the_sender_gets_a_reference_and_a_reply_by_date(client):
    response = post(client)

    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.kind, message.name, message.contact, message.subject, message.status) == (
        "message", "李明", "13912345678", "建议公开项目资金使用情况", "new"
    )
    assert re.fullmatch(r"LY\d{8}-[2-9A-HJ-NP-Z]{4}", message.reference)
    confirmation = client.get(response["Location"])
    page = parse(confirmation)
    assert page.find("h1").text == "已收到您的来信"
    facts = {div.find("dt").text: div.find("dd").text for div in page.find("dl", cls="facts").find_all("div")}
    weekday = "星期" + "一二三四五六日"[message.reply_by.weekday()]
    received = timezone.localtime(message.received_at)
    assert facts == {
        "受理编号": message.reference,
        "类型": "留言",
        "收到时间": f"{received.year}年{received.month}月{received.day}日 {received:%H:%M}",
        "答复期限": f"{message.reply_by.year}年{message.reply_by.month}月{message.reply_by.day}日（{weekday}）前",
    }
    assert "13912345678" not in confirmation.content.decode()


def test_an_error_report_keeps_the_page_it_is_about_and_needs_no_name(client):
    response = post(client, kind="error", name="", page_path="/projects/xing-yao/?page=2", subject="错别字")

    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.kind, message.name, message.page_path) == ("error", "", "/projects/xing-yao/?page=2")
    assert message.reference.startswith("JC")


def test_a_full_address_on_this_site_is_kept_as_its_path(client):
    post(client, kind="error", page_path="http://testserver/visits/da-xing/")

    assert Message.objects.get().page_path == "/visits/da-xing/"


def test_a_message_drops_a_page_address_that_only_error_reports_use(client):
    post(client, kind="message", page_path="/visits/")

    assert Message.objects.get().page_path == ""


@pytest.mark.parametrize(
    ("contact", "stored"),
    [
        ("139 1234 5678", "13912345678"),
        ("+8613912345678", "+8613912345678"),
        ("0471-6601234", "0471-6601234"),
        ("(010)12345678", "01012345678"),
        ("li.ming@example.gov.cn", "li.ming@example.gov.cn"),
    ],
)
def test_phone_numbers_and_email_addresses_are_accepted(client, contact, stored):
    post(client, contact=contact)

    assert Message.objects.get().contact == stored


def test_sending_the_same_letter_twice_makes_one_record_and_one_reference(client):
    first = post(client)
    second = post(client)

    assert Message.objects.count() == 1
    references = [parse(client.get(r["Location"])).find("dd", cls="feedback-reference").text for r in (first, second)]
    assert references == [Message.objects.get().reference] * 2


def test_the_confirmation_link_cannot_be_forged_or_guessed(client, django_user_model):
    post(client)
    reference = Message.objects.get().reference

    assert client.get(reverse("feedback:received"), {"r": reference}).status_code == 404
    assert client.get(reverse("feedback:received"), {"r": signing.dumps(reference, salt="other")}).status_code == 404
    assert client.get(reverse("feedback:received")).status_code == 404


# ---------------------------------------------------------------------------------------------
# Every validation error, with its message


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"kind": ""}, {"kind": ["请选择“找错”或“留言”。"]}),
        ({"kind": "complaint"}, {"kind": ["请选择“找错”或“留言”。"]}),
        ({"name": ""}, {"name": ["留言请填写姓名。"]}),
        ({"name": "名" * 51}, {"name": ["姓名不超过 50 个字。"]}),
        ({"contact": ""}, {"contact": ["请填写联系方式，以便我们答复您。"]}),
        ({"contact": "12345"}, {"contact": ["请填写有效的手机号码、固定电话（如 0471-1234567）或电子邮箱。"]}),
        ({"contact": "li@"}, {"contact": ["请填写有效的手机号码、固定电话（如 0471-1234567）或电子邮箱。"]}),
        ({"contact": "1" * 101}, {"contact": ["联系方式不超过 100 个字符。"]}),
        ({"subject": "  "}, {"subject": ["请填写标题。"]}),
        ({"subject": "题" * 101}, {"subject": ["标题不超过 100 个字。"]}),
        ({"text": ""}, {"text": ["请填写内容。"]}),
        ({"text": "太短"}, {"text": ["内容至少 5 个字。"]}),
        ({"text": "字" * 2001}, {"text": ["内容不超过 2000 个字（现有 2001 个字）。"]}),
        ({"kind": "error", "page_path": "https://evil.example/visits/"}, {"page_path": [OTHER_SITE]}),
        ({"kind": "error", "page_path": "//evil.example/"}, {"page_path": [OTHER_SITE]}),
        ({"kind": "error", "page_path": "/\\evil.example"}, {"page_path": [OTHER_SITE]}),
        ({"kind": "error", "page_path": "javascript:alert(1)"}, {"page_path": [OTHER_SITE]}),
        ({"kind": "error", "page_path": "/" + "a" * 300}, {"page_path": ["页面地址不超过 300 个字符。"]}),
    ],
)
def test_each_invalid_field_is_refused_with_its_message_and_nothing_is_stored(client, overrides, errors):
    response = post(client, **overrides)

    assert response.status_code == 200
    assert field_errors(response) == errors
    assert Message.objects.count() == 0


def test_the_page_lists_every_problem_at_the_top_and_keeps_what_was_typed(client):
    response = post(client, contact="", text="太短")

    assert summary(response) == ["联系方式：请填写联系方式，以便我们答复您。", "内容：内容至少 5 个字。"]
    page = parse(response)
    assert page.find("input", name="subject").attrs["value"] == "建议公开项目资金使用情况"
    assert page.find("input", id="id_contact").attrs["aria-invalid"] == "true"


# ---------------------------------------------------------------------------------------------
# Spam: the hidden field, the time taken, the rate per address


def test_a_filled_in_hidden_field_is_refused_quietly(client):
    response = post(client, website="http://spam.example")

    assert response.status_code == 200
    assert parse(response).find("h1").text == "已收到您的来信"
    assert parse(response).find_all("dd", cls="feedback-reference") == []
    assert Message.objects.count() == 0


def test_the_hidden_field_is_hidden_from_people_and_screen_readers(client):
    page = parse(client.get(FORM))

    trap = page.find("div", cls="feedback-trap")
    assert trap.attrs["aria-hidden"] == "true"
    assert trap.find("label").text == "请勿填写此项"
    assert (trap.find("input").attrs["name"], trap.find("input").attrs["tabindex"]) == ("website", "-1")


def test_a_form_sent_back_too_fast_is_refused_and_can_be_sent_again(client):
    response = post(client, issued=issued(seconds_ago=0))

    assert response.status_code == 200
    assert summary(response) == ["提交过快。请核对内容后再提交一次。"]
    assert Message.objects.count() == 0
    fresh = parse(response).find("input", name="issued").attrs["value"]
    assert fresh != ""


@pytest.mark.parametrize(
    ("token", "error"),
    [
        ("", "表单已失效，请再提交一次。"),
        ("forged:token", "表单已失效，请再提交一次。"),
        (
            signing.dumps(int(time.time()) - 2 * 24 * 3600, salt=ISSUED_SALT),
            "表单打开太久已过期，请核对内容后再提交一次。",
        ),
    ],
    ids=["missing", "forged", "two days old"],  # fixed names: the stale token differs from run to run
)
def test_a_missing_forged_or_stale_form_time_is_refused(client, token, error):
    response = post(client, issued=token)

    assert summary(response) == [error]
    assert Message.objects.count() == 0


def test_the_minimum_time_is_a_setting(client, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 30

    response = post(client, issued=issued(seconds_ago=20))

    assert summary(response) == ["提交过快。请核对内容后再提交一次。"]


def test_an_address_is_limited_and_another_address_is_not(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    for n in range(3):
        assert post(client, subject=f"第{n}条").status_code == 302

    limited = post(client, subject="第4条")
    other = post(client, address="198.51.100.8", subject="别人的")

    assert limited.status_code == 429
    assert "请稍后再试" in parse(limited).find("div", role="alert").text
    assert parse(limited).find("input", name="subject").attrs["value"] == "第4条"
    assert other.status_code == 302
    assert sorted(Message.objects.values_list("subject", flat=True)) == ["别人的", "第0条", "第1条", "第2条"]


def test_the_limit_counts_only_the_window(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    post(client, subject="一小时前")
    Message.objects.update(received_at=Message.objects.get().received_at - datetime.timedelta(hours=2))

    assert post(client, subject="现在").status_code == 302


def test_behind_the_proxy_the_limit_counts_the_address_the_proxy_saw(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.FEEDBACK_RATE_LIMIT = 2
    proxy = "10.0.0.2"

    def through_proxy(forwarded, subject):
        return client.post(
            FORM, form_data(subject=subject), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded
        )

    first = through_proxy("203.0.113.5", "一")
    second = through_proxy("1.2.3.4, 203.0.113.5", "二")
    spoofed = through_proxy("5.6.7.8, 203.0.113.5", "三")
    neighbour = through_proxy("203.0.113.6", "四")

    assert [r.status_code for r in (first, second, spoofed, neighbour)] == [302, 302, 429, 302]


def test_the_sender_address_itself_is_not_stored(client):
    post(client, address="198.51.100.77")

    message = Message.objects.get()
    assert "198.51.100.77" not in str(Message.objects.values().get())
    assert len(message.client_key) == 40


# ---------------------------------------------------------------------------------------------
# The page itself


def test_the_page_address_is_prefilled_from_a_link_on_this_site_only(client):
    ours = parse(client.get(FORM, {"page": "/visits/da-xing/"}))
    theirs = parse(client.get(FORM, {"page": "https://evil.example/"}))

    assert ours.find("input", name="page_path").attrs["value"] == "/visits/da-xing/"
    assert "checked" in ours.find("input", id="id_kind_0").attrs  # 找错
    assert "value" not in theirs.find("input", name="page_path").attrs
    assert "checked" in theirs.find("input", id="id_kind_1").attrs  # 留言


def test_the_kind_is_chosen_from_the_link(client):
    page = parse(client.get(FORM, {"kind": "error"}))

    assert [(i.attrs["value"], "checked" in i.attrs) for i in page.find_all("input", name="kind")] == [
        ("error", True), ("message", False)
    ]


def test_the_form_and_its_confirmation_are_never_cached(client):
    shown = client.get(FORM)
    refused = post(client, contact="")
    sent = post(client)
    confirmation = client.get(sent["Location"])

    for response in (shown, refused, sent, confirmation):
        assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_form_page_runs_under_the_content_security_policy(client):
    response = client.get(FORM)
    html = response.content.decode()

    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert re.findall(r"<script(?![^>]*\bsrc=)|<style|\sstyle=", html) == []
    assert '<link rel="stylesheet" href="/static/css/feedback.css">' in html


def test_the_form_page_adds_no_query_to_what_every_page_asks(client, django_assert_num_queries):
    client.get("/this-page-does-not-exist/")
    with CaptureQueriesContext(connection) as every_page:
        client.get("/this-page-does-not-exist/")

    with django_assert_num_queries(len(every_page)):
        response = client.get(FORM)

    assert response.status_code == 200


def test_the_form_links_to_the_published_replies(client):
    links = parse(client.get(FORM)).find("header", cls="page-header").links()

    assert links == [("查看已公开的留言与答复", "/feedback/replies/")]

