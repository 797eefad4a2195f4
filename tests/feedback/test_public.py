"""The public page of messages and replies: only what staff published, never who sent it."""

import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from feedback.models import MessageKind
from tests.builders import make_feedback_message
from tests.public_site import parse

pytestmark = pytest.mark.django_db

REPLIES = "/feedback/replies/"


def published(subject, minutes_ago=0, **fields):
    return make_feedback_message(
        subject=subject,
        status="answered",
        reply=fields.pop("reply", f"关于“{subject}”的答复。"),
        is_public=True,
        replied_at=timezone.now(),
        published_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


def subjects(response):
    return parse(response).texts("h3", cls="feedback-subject")


def test_published_messages_show_with_their_replies_newest_first(client):
    published("较早的", minutes_ago=30, text="第一条的内容。")
    published("较新的", minutes_ago=5, kind="error", page_path="/visits/da-xing/", reply="已更正错别字。")

    response = client.get(REPLIES)

    assert subjects(response) == ["较新的", "较早的"]
    newest = parse(response).find("article", cls="feedback-reply")
    today = timezone.localdate()
    assert newest.find("div", cls="feedback-answer").texts("p") == [
        f"答复 {today.year}年{today.month}月{today.day}日", "已更正错别字。"
    ]
    assert newest.find("p", cls="feedback-page").links() == [("/visits/da-xing/", "/visits/da-xing/")]
    assert parse(response).find("h2", cls="results-count").text == "共 2 条公开答复"


def test_unpublished_messages_never_show(client):
    published("公开的")
    make_feedback_message(subject="新收到的")
    make_feedback_message(subject="已答复未公开的", status="answered", reply="已办理。")
    make_feedback_message(subject="不予公开的", status="not_public", reply="已办理。")
    make_feedback_message(subject="已关闭的", status="closed")

    response = client.get(REPLIES)

    assert subjects(response) == ["公开的"]
    html = response.content.decode()
    for hidden in ("新收到的", "已答复未公开的", "不予公开的", "已关闭的"):
        assert hidden not in html


def test_the_senders_name_and_contact_never_reach_a_public_page(client):
    published("公开的", name="王秀英", contact="wang.xiuying@example.gov.cn")
    published("另一条", name="赵六", contact="13700001111")

    pages = [client.get(url).content.decode() for url in (REPLIES, "/feedback/", "/")]

    for html in pages:
        for private in ("王秀英", "wang.xiuying@example.gov.cn", "赵六", "13700001111"):
            assert private not in html


def test_the_list_is_paginated(client):
    for n in range(12):
        published(f"第{n:02d}条", minutes_ago=n)

    first = client.get(REPLIES)
    second = client.get(REPLIES, {"page": "2"})
    nonsense = client.get(REPLIES, {"page": "abc"})

    assert subjects(first) == [f"第{n:02d}条" for n in range(10)]
    assert subjects(second) == ["第10条", "第11条"]
    assert subjects(nonsense) == subjects(first)


def test_an_empty_list_says_so_and_links_to_the_form(client):
    page = parse(client.get(REPLIES))

    assert page.find("p", cls="empty").text == "还没有公开的答复。"
    assert ("我要找错或留言", "/feedback/") in page.find("header", cls="page-header").links()


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_asks_two_queries_however_many_messages(client, django_assert_num_queries, count):
    for n in range(count):
        published(f"第{n}条", minutes_ago=n)
    client.get("/feedback/")
    with CaptureQueriesContext(connection) as every_page:  # what the header and footer ask on any page
        client.get("/feedback/")

    with django_assert_num_queries(len(every_page) + 2):  # the count and the page
        response = client.get(REPLIES)

    assert len(subjects(response)) == count


def test_the_footer_include_links_to_the_forms_with_the_page_it_is_on():
    html = render_to_string("feedback/footer_link.html", {"page_path": "/visits/da-xing/"})

    assert parse(f"<ul>{html}</ul>").links() == [
        ("我为政府网站找错", "/feedback/?kind=error&page=%2Fvisits%2Fda-xing%2F"),
        ("留言", "/feedback/?kind=message"),
        ("留言与答复", "/feedback/replies/"),
    ]


def test_in_english_the_footer_invites_a_message_and_the_kind_names_one():
    # One Chinese word, two English ones: the link is an invitation, the kind is a noun.
    with translation.override("en"):
        html = render_to_string("feedback/footer_link.html", {"page_path": "/"})
        kind = str(MessageKind.MESSAGE.label)

    assert [text for text, _href in parse(f"<ul>{html}</ul>").links()] == [
        "Report an error on this site", "Leave a message", "Messages and replies",
    ]
    assert kind == "Message"


def test_every_public_page_links_to_the_forms_and_the_error_report_names_the_page(client, seed):
    for path in ["/", "/visits/", "/projects/", "/search/?q=芍药"]:
        page = parse(client.get(path))
        hrefs = {a.attrs["href"] for a in page.find("footer", cls="site-footer").find_all("a")}
        assert f"/feedback/?kind=error&page={quote(path.split('?')[0], safe='')}" in hrefs, path
        assert {"/feedback/?kind=message", REPLIES} <= hrefs, path
