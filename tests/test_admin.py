"""The admin as staff use it: roles hold, photos are checked, change lists read as Django's (every page over
the seed report: tests/test_admin_pages.py)."""

from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

from cooperation.models import Appointment, Photo
from review import publishing
from review.models import ReviewRequest, Status
from tests.builders import (
    delegation_form_data,
    make_delegation,
    make_editor,
    make_meeting,
    make_person,
    make_publisher,
    make_region,
    make_speech,
    review_decision,
)
from visits.models import Delegation

pytestmark = pytest.mark.django_db

def test_an_editor_is_offered_only_draft_and_review(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    trip = make_delegation(status=Status.DRAFT)

    response = client.get(reverse("admin:visits_delegation_change", args=[trip.pk]))

    choices = [value for value, _ in response.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review"]


def test_an_editor_cannot_publish_with_a_forged_post(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    trip = make_delegation(status=Status.DRAFT)

    response = client.post(
        reverse("admin:visits_delegation_change", args=[trip.pk]),
        delegation_form_data(trip, status="published"),
    )

    assert response.status_code == 200  # the form comes back with an error
    trip.refresh_from_db()
    assert (trip.status, trip.published_at) == ("draft", None)


def test_an_editor_can_send_a_draft_for_review(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    trip = make_delegation(status=Status.DRAFT)

    response = client.post(
        reverse("admin:visits_delegation_change", args=[trip.pk]),
        delegation_form_data(trip, status="review"),
    )

    assert response.status_code == 302
    trip.refresh_from_db()
    assert trip.status == "review"
    assert [(r.action, r.state, r.current_step) for r in ReviewRequest.objects.for_record(trip)] == [
        ("publish", "pending", "first"),
    ]


def test_an_editor_has_no_publish_action_and_a_forged_one_does_nothing(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    trip = make_delegation(status=Status.REVIEW)
    url = reverse("admin:visits_delegation_changelist")

    action_form = client.get(url).context["action_form"]
    actions = [name for name, _ in action_form.fields["action"].choices] if action_form else []
    client.post(url, {"action": "publish_selected", "_selected_action": [trip.pk]})

    assert "publish_selected" not in actions
    trip.refresh_from_db()
    assert trip.status == "review"


def test_an_editor_cannot_change_a_published_records_status_and_their_change_waits_for_review(
    client, django_user_model
):
    client.force_login(make_editor(django_user_model))
    trip = make_delegation(status=Status.PUBLISHED, title="已发布的标题")

    client.post(
        reverse("admin:visits_delegation_change", args=[trip.pk]),
        delegation_form_data(trip, status="withdrawn", title="改过的标题"),
    )

    trip.refresh_from_db()
    assert (trip.status, trip.title) == ("published", "已发布的标题")
    assert [(r.action, r.revision["title"]) for r in ReviewRequest.objects.for_record(trip)] == [
        ("change", ["改过的标题"]),
    ]


def test_an_editor_cannot_publish_a_meeting_inline_or_alone(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    meeting = make_meeting(status=Status.DRAFT)

    client.post(
        reverse("admin:visits_meeting_change", args=[meeting.pk]),
        {
            "delegation": "", "title": meeting.title, "slug": meeting.slug, "kind": "symposium",
            "order": "0", "date": "", "date_precision": "day", "place": "", "region": "", "chair": "",
            "summary": "", "status": "published", "speeches-TOTAL_FORMS": "0", "speeches-INITIAL_FORMS": "0",
        },
    )

    meeting.refresh_from_db()
    assert meeting.status == "draft"


def test_publishers_publish_and_withdraw_only_through_the_chain_and_history_says_who(client, django_user_model):
    editor, zhao, qian = (make_editor(django_user_model), make_publisher(django_user_model, "zhao"),
                          make_publisher(django_user_model, "qian"))
    trip = make_delegation(status=Status.DRAFT)
    client.force_login(zhao)
    actions = client.get(reverse("admin:visits_delegation_changelist")).context["action_form"].fields["action"]

    def through_the_chain(action):
        publishing.submit(trip, editor, action)
        for reviewer in (zhao, qian):
            client.force_login(reviewer)
            review_decision(client, trip, "approve")
        trip.refresh_from_db()

    through_the_chain("publish")
    published_at = trip.published_at
    assert (trip.status, trip.history.first().history_user) == ("published", qian)
    through_the_chain("withdraw")
    through_the_chain("publish")

    assert [name for name, _label in actions.choices] == [
        "", "delete_selected", "submit_selected", "request_withdrawal_selected",
    ]
    assert trip.published_at == published_at  # the first publication time is kept
    statuses = [h.status for h in trip.history.order_by("history_date")]
    assert [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]] == [
        "draft", "review", "published", "withdrawn", "review", "published",
    ]


def test_a_change_through_the_admin_is_kept_in_history_with_its_author(client, django_user_model):
    editor = make_editor(django_user_model)
    client.force_login(editor)
    trip = make_delegation(status=Status.DRAFT, title="旧标题")

    client.post(
        reverse("admin:visits_delegation_change", args=[trip.pk]),
        delegation_form_data(trip, title="新标题", status="draft"),
    )

    latest = Delegation.history.filter(id=trip.pk).order_by("-history_date").first()
    assert (latest.title, latest.history_user) == ("新标题", editor)
    response = client.get(reverse("admin:visits_delegation_history", args=[trip.pk]))
    assert response.status_code == 200


def test_the_photo_admin_accepts_a_real_image_and_makes_renditions(admin_client, tmp_path):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2400, 1600), "seagreen").save(buffer, format="JPEG")
    upload = SimpleUploadedFile("peony.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = admin_client.post(
        reverse("admin:cooperation_photo_add"),
        {"image": upload, "caption": "芍药鲜切花", "alt_text": "大棚里成片的芍药", "credit": "", "taken_on": ""},
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (2400, 1600)
    renditions = []
    for field_file in (photo.thumbnail, photo.display):
        with field_file.open("rb"), Image.open(field_file) as image:
            renditions.append((image.format, image.size))
    assert renditions == [("WEBP", (480, 320)), ("WEBP", (1600, 1067))]


def jpeg_with_gps_and_html():
    """A phone photo with its GPS position, with an HTML page appended after the image data."""
    from io import BytesIO

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (41.0, 30.0, 0.0), 3: "E", 4: (113.0, 5.0, 0.0)})
    buffer = BytesIO()
    Image.new("RGB", (300, 200), "seagreen").save(buffer, format="JPEG", exif=exif, comment=b"<b>note</b>")
    return buffer.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


def test_an_uploaded_photo_is_stored_re_encoded_without_its_metadata(admin_client, django_capture_on_commit_callbacks):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    content = jpeg_with_gps_and_html()
    with Image.open(BytesIO(content)) as original:
        assert original.getexif().get_ifd(0x8825)  # the test's own premise: a GPS position is there

    with django_capture_on_commit_callbacks(execute=True):  # the file takes its name at commit
        response = admin_client.post(
            reverse("admin:cooperation_photo_add"),
            {"image": SimpleUploadedFile("peony.jpg", content, content_type="image/jpeg"), "caption": "",
             "alt_text": "芍药", "credit": "", "taken_on": ""},
        )

    assert response.status_code == 302
    photo = Photo.objects.get()
    with photo.image.open("rb"):
        stored = photo.image.read()
    with photo.image.open("rb"), Image.open(photo.image) as image:
        found = (image.format, image.size, dict(image.getexif()), image.info.get("comment"))
    assert b"<script" not in stored and b"<html" not in stored and b"PhoneMaker" not in stored
    assert found == ("JPEG", (200, 300), {}, None)  # turned the way the camera meant, then stripped
    assert photo.image.name.endswith(".jpg")
    assert (photo.width, photo.height) == (200, 300)


NOT_AN_IMAGE = "请上传一张有效的图片。您所上传的文件不是图片或者是已损坏的图片。"


def image_bytes(fmt, size=(64, 48)):
    """A file's contents made when the test runs: every worker collects the parameters below, and
    the huge image took 3 s of CPU to encode in each of them."""

    def made():
        from io import BytesIO

        from PIL import Image

        buffer = BytesIO()
        Image.new("RGB", size, "seagreen").save(buffer, format=fmt)
        return buffer.getvalue()

    return made


# What is uploaded as a photo and what the form says of it.
NOT_A_PHOTO = [
    ("empty.jpg", lambda: b"", "所提交的是空文件。"),
    ("notes.jpg", lambda: b"this is a text file, renamed", NOT_AN_IMAGE),
    (
        "drawing.png",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        NOT_AN_IMAGE,
    ),
    ("truncated.jpg", lambda: image_bytes("JPEG")()[:400], NOT_AN_IMAGE),
    ("animation.gif", image_bytes("GIF"), "只接受 JPEG、PNG 或 WebP 图片。"),
    ("huge.png", image_bytes("PNG", size=(8000, 6000)), "图片像素过多（8000×6000），请缩小后再上传。"),
]


@pytest.mark.parametrize(("name", "make_content", "message"), NOT_A_PHOTO, ids=[name for name, *_ in NOT_A_PHOTO])
def test_the_photo_admin_refuses_what_is_not_an_image(admin_client, name, make_content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        reverse("admin:cooperation_photo_add"),
        {
            "image": SimpleUploadedFile(name, make_content()),
            "caption": "", "alt_text": "图", "credit": "", "taken_on": "",
        },
    )

    assert response.status_code == 200
    assert Photo.objects.count() == 0
    assert response.context["adminform"].form.errors["image"] == [message]


def test_renaming_a_slug_in_the_admin_keeps_the_old_address_answering(admin_client, django_user_model):
    trip = make_delegation(status=Status.PUBLISHED)
    old_url = trip.get_absolute_url()
    data = delegation_form_data(trip, slug="da-xing-kao-cha-xin")
    data.pop("status")

    admin_client.post(reverse("admin:visits_delegation_change", args=[trip.pk]), data)
    for reviewer in (make_publisher(django_user_model, "zhao"), make_publisher(django_user_model, "qian")):
        publishing.approve(ReviewRequest.objects.pending().get(), reviewer, "同意")

    trip.refresh_from_db()
    assert trip.slug == "da-xing-kao-cha-xin"
    admin_client.logout()
    response = admin_client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, "/visits/da-xing-kao-cha-xin/")


def test_the_selection_box_of_a_change_list_row_is_djangos_own_markup(admin_client):
    from django.contrib.admin import helpers

    trip = make_delegation(title='<b>"代表团" & 考察</b>')
    model_admin = admin.site._registry[Delegation]

    ours = model_admin.action_checkbox(trip)
    djangos = admin.ModelAdmin.action_checkbox(model_admin, trip)
    page = admin_client.get(reverse("admin:visits_delegation_changelist")).content.decode()

    assert ours == djangos
    assert ours in page and helpers.ACTION_CHECKBOX_NAME in ours and "&lt;b&gt;" in ours


def test_a_change_lists_table_is_djangos_own_markup(admin_client):
    """The rows are joined in one filter, not a loop of a template node per cell: the same table."""

    import django
    from django.contrib.admin.templatetags.admin_list import result_list
    from django.template import Context, Engine

    for n in range(3):
        make_delegation(title=f'<b>"考察{n}" & 座谈</b>', status=Status.PUBLISHED)
    response = admin_client.get(reverse("admin:visits_delegation_changelist"))
    djangos_templates = Path(django.__file__).parent / "contrib" / "admin" / "templates"
    djangos = Engine(dirs=[djangos_templates], libraries={"i18n": "django.templatetags.i18n"})

    table = djangos.get_template("admin/change_list_results.html").render(Context(result_list(response.context["cl"])))

    assert table.count("</td></tr>") == 3
    assert table.strip() in response.content.decode()


def test_the_speech_list_shows_the_newest_meetings_speeches_first_in_speaking_order(admin_client):
    trip = make_delegation()
    older, newer = make_meeting(trip, title="先录入的会"), make_meeting(trip, title="后录入的会")
    make_speech(newer, name_as_printed="后会二", order=2)
    make_speech(older, name_as_printed="先会一", order=1)
    make_speech(newer, name_as_printed="后会一", order=1)

    response = admin_client.get(reverse("admin:visits_speech_changelist"))

    shown = [speech.name_as_printed for speech in response.context["cl"].result_list]
    assert shown == ["后会一", "后会二", "先会一"]


def test_each_row_of_a_change_list_links_to_its_change_page_as_django_would(admin_client):
    from django.contrib.admin.views.main import ChangeList

    for n in range(3):
        make_delegation(title=f"考察{n}")

    response = admin_client.get(reverse("admin:visits_delegation_changelist"))

    cl = response.context["cl"]
    links = [cl.url_for_result(trip) for trip in cl.result_list]
    assert links == [ChangeList.url_for_result(cl, trip) for trip in cl.result_list]
    assert links == [reverse("admin:visits_delegation_change", args=[trip.pk]) for trip in cl.result_list]
    assert all(f'href="{link}"' in response.content.decode() for link in links)


def test_the_trip_lists_place_filters_offer_the_places_trips_name_and_a_new_one_at_once(admin_client):
    def offered(parameter):
        response = admin_client.get(reverse("admin:visits_delegation_changelist"))
        specs = response.context["cl"].filter_specs
        spec = next(spec for spec in specs if getattr(spec, "field_path", None) == parameter)
        return {name for _pk, name in spec.lookup_choices}

    first, second, third = make_region("出发旗甲"), make_region("出发旗乙"), make_region("目的旗丙")
    make_region("无人去的旗")
    make_delegation(origin=first).destinations.add(third)

    assert offered("origin") == {"出发旗甲"}
    assert offered("destinations") == {"目的旗丙"}

    trip = make_delegation(origin=second)
    trip.destinations.add(first)

    assert offered("origin") == {"出发旗甲", "出发旗乙"}
    assert offered("destinations") == {"目的旗丙", "出发旗甲"}


def test_a_search_across_a_relation_finds_each_record_once_by_any_of_its_fields(admin_client):
    """Each search field is matched alone and the keys joined: the records Django's OR finds, no duplicates."""
    deputy = make_person("乌兰", title="副旗长")
    Appointment.objects.create(person=deputy, title="副旗长助理")
    by_bio = make_person("其木格", bio="曾任旗长")
    make_person("巴特尔", title="镇长")
    url = reverse("admin:cooperation_person_changelist")

    # Two of the person's appointments match: matched field by field (3 characters), and by Django's one scan.
    for term in ("副旗长", "旗长"):
        shown = admin_client.get(url, {"q": term}).context["cl"]
        assert [person.name for person in shown.result_list] == ["乌兰"] and shown.result_count == 1
    both = admin_client.get(url, {"q": "乌兰 助理"}).context["cl"]
    assert [person.name for person in both.result_list] == ["乌兰"] and both.result_count == 1

    trip = make_delegation()
    meeting = make_meeting(trip, title="产业合作座谈会")
    make_speech(meeting, deputy, name_as_printed="乌兰", points="谈产业")
    make_speech(make_meeting(trip, title="教育座谈会"), by_bio, name_as_printed="其木格", points="谈教育")
    speeches = reverse("admin:visits_speech_changelist")
    # By the meeting's title, by the person's name, by the speech's own points.
    def shown(term):
        return [s.name_as_printed for s in admin_client.get(speeches, {"q": term}).context["cl"].result_list]

    assert shown("产业合作") == ["乌兰"]
    assert shown("其木格") == ["其木格"]
    assert admin_client.get(speeches, {"q": "谈"}).context["cl"].result_count == 2


def test_the_person_list_shows_each_persons_current_posts_not_those_they_left(admin_client):
    import datetime

    deputy = make_person("乌兰", title="副旗长")
    Appointment.objects.create(person=deputy, title="旗委常委")
    Appointment.objects.create(person=deputy, title="镇长", end_date=datetime.date(2020, 1, 1))
    make_person("巴特尔")

    response = admin_client.get(reverse("admin:cooperation_person_changelist"))

    model_admin = admin.site._registry[type(deputy)]
    shown = {person.name: model_admin.current_title(person) for person in response.context["cl"].result_list}
    assert shown == {"乌兰": "副旗长；旗委常委", "巴特尔": ""}
    assert '<td class="field-current_title">副旗长；旗委常委</td>' in response.content.decode()
