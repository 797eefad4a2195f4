"""Checks before publishing, as the reviewer meets them: personal information, 错敏词, alt text, links."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cooperation.models import Photo
from review import publishing
from review.checks import check_links
from review.models import ReviewRequest, SensitiveWord, Status
from tests.builders import delegation_form_data, make_delegation, make_participant, review_decision

pytestmark = pytest.mark.django_db

VALID_ID = "11010519491231002X"
WRONG_CHECK_DIGIT_ID = "110105194912310021"
VALID_CARD = "6222021234567890128"
WRONG_LUHN_CARD = "6222021234567890121"


def submitted(editor, **fields):
    trip = make_delegation(status=Status.DRAFT, **fields)
    return trip, publishing.submit(trip, editor)


def screen(client, user, trip):
    client.force_login(user)
    return client.get(reverse("admin:visits_delegation_review", args=[trip.pk]))


@pytest.mark.parametrize(
    ("body", "masked"),
    [
        (f"联系人身份证号{VALID_ID}。", "110105********002X"),
        ("联系电话13812341234。", "138****1234"),
        (f"收款账号{VALID_CARD}。", "6222***********0128"),
    ],
    ids=["id_number", "mobile", "bank_card"],
)
def test_personal_information_blocks_approval_until_masked(client, editor, first, body, masked, request):
    trip, review = submitted(editor, body=body)

    page = screen(client, first, trip)
    with pytest.raises(publishing.ReviewRefused, match="还有 1 处必须处理的问题"):
        publishing.approve(review, first, "同意")

    kind = request.node.callspec.id
    assert [(i.kind, i.where, i.masked, i.blocking) for i in page.context["blocking"]] == [(kind, "正文", masked, True)]
    assert masked in page.content.decode()
    assert "把以上个人信息替换为脱敏形式" in page.content.decode()

    review_decision(client, trip, "mask")
    trip.refresh_from_db()
    assert masked in trip.body
    publishing.approve(review, first, "已脱敏，同意。")
    review.refresh_from_db()
    assert review.current_step == "final"
    assert [o.decision for o in review.opinions.all()] == ["mask", "approve"]


@pytest.mark.parametrize("body", [f"编号{WRONG_CHECK_DIGIT_ID}", f"账号{WRONG_LUHN_CARD}", "帮扶资金12345678901万元"])
def test_numbers_that_fail_their_check_do_not_block(editor, first, body):
    _trip, review = submitted(editor, body=body)

    publishing.approve(review, first, "同意")

    review.refresh_from_db()
    assert review.current_step == "final"


def test_personal_information_in_a_child_row_blocks_too(client, editor, first):
    trip = make_delegation(status=Status.DRAFT)
    make_participant(trip, name_as_printed="张三", title_as_printed="村民（电话13912345678）")
    review = publishing.submit(trip, editor)

    issues = screen(client, first, trip).context["blocking"]

    assert [(i.kind, i.value, i.masked) for i in issues] == [("mobile", "13912345678", "139****5678")]
    assert issues[0].where == "参加人员“村民（电话139****5678）张三”·报道中的职务"
    with pytest.raises(publishing.ReviewRefused):
        publishing.approve(review, first, "同意")


def test_personal_information_in_a_pending_change_blocks_and_masks_the_change(client, editor, first):
    trip = make_delegation(status=Status.PUBLISHED, body="正文")
    client.force_login(editor)
    data = delegation_form_data(trip, body="联系电话13812341234")
    data.pop("status")
    client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), data)
    review = ReviewRequest.objects.get()

    with pytest.raises(publishing.ReviewRefused):
        publishing.approve(review, first, "同意")
    publishing.mask_personal_information(review, first)

    review.refresh_from_db()
    trip.refresh_from_db()
    assert (review.revision["body"], trip.body) == (["联系电话138****1234"], "正文")


def test_a_hard_word_blocks_and_a_soft_one_only_warns(client, editor, first):
    trip, review = submitted(editor, summary="推进东西部扶贫协作，再接再励。")
    SensitiveWord.objects.create(word="内部资料", hard=True)
    _other, blocked = submitted(editor, summary="此件为内部资料。")

    issues = screen(client, first, trip).context["issues"]
    assert [(i.value, i.blocking, i.advice) for i in issues] == [
        ("东西部扶贫协作", False, "东西部协作"), ("再接再励", False, "再接再厉"),
    ]
    publishing.approve(review, first, "同意")
    with pytest.raises(publishing.ReviewRefused, match="含禁止发布的词语"):
        publishing.approve(blocked, first, "同意")


def test_a_photo_without_alt_text_is_flagged(client, editor, first):
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "seagreen").save(buffer, format="PNG")
    photo = Photo.objects.create(image=SimpleUploadedFile("p.png", buffer.getvalue()), caption="芍药", alt_text="")
    trip, review = submitted(editor, cover_photo=photo)

    issues = screen(client, first, trip).context["issues"]

    assert [(i.kind, i.where, i.blocking) for i in issues] == [("alt_text", "芍药", False)]
    publishing.approve(review, first, "同意")  # flagged, not blocking


def test_links_that_do_not_resolve_are_flagged_on_the_review_screen(client, editor, first):
    trip, _review = submitted(editor, body='见<a href="/visits/">考察列表</a>和<a href="/no-such-page/">旧页面</a>')

    issues = screen(client, first, trip).context["issues"]

    assert [(i.kind, i.value, i.advice, i.blocking) for i in issues] == [
        ("dead_link", "/no-such-page/", "本站没有这个地址", False),
    ]


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, body):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/get-only":
            self.send_response(405 if self.command == "HEAD" else 200)
        elif self.path == "/slow":
            time.sleep(3)
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_external_links_are_asked_with_head_within_a_bounded_time(local_server, settings):
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]  # the local server stands for a public one
    urls = [f"{local_server}/ok", f"{local_server}/get-only", f"{local_server}/gone", f"{local_server}/slow"]

    started = time.monotonic()
    results = check_links(urls, own_hosts={"testserver"}, timeout=1, budget=2)
    elapsed = time.monotonic() - started

    assert results == {
        f"{local_server}/ok": None,
        f"{local_server}/get-only": None,
        f"{local_server}/gone": "HTTP 404",
        f"{local_server}/slow": results[f"{local_server}/slow"],
    }
    assert results[f"{local_server}/slow"] is not None
    assert elapsed < 2.5


def test_links_into_a_private_network_are_not_asked(local_server):
    assert check_links([f"{local_server}/ok"], own_hosts={"testserver"}) == {f"{local_server}/ok": "无法访问"}


def test_links_to_this_site_are_resolved_without_a_request():
    results = check_links(["http://testserver/visits/", "http://testserver/nowhere/", "/projects/"], {"testserver"})

    assert results == {"http://testserver/visits/": None, "http://testserver/nowhere/": "本站没有这个地址",
                       "/projects/": None}


def test_a_withdrawal_is_not_held_up_by_checks(editor, first):
    trip = make_delegation(status=Status.PUBLISHED, body="联系电话13812341234")
    review = publishing.submit(trip, editor, "withdraw")

    publishing.approve(review, first, "同意撤回")

    review.refresh_from_db()
    assert review.current_step == "final"
