"""Every kind of public page is valid HTML by the Nu Html Checker (the W3C's validator), run offline.

The checker is the `vnu-jar` npm package (pinned in package-lock.json, installed by bin/setup)
run with the system's Java (Debian: default-jre-headless, which .ci/run installs): the same
checker that found the filter forms' `action=""`, so what it finds here is what an auditor
would. All pages go to one run of the checker (one Java start, a few seconds). It runs with
the browser tests, which need the same outside tools.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_accessibility import MORE_PAGES, PAGES

pytestmark = [pytest.mark.browser]

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A run lasts seconds: Java's first compiler alone (no optimising second one) halves its CPU (56
# pages: 4.7 → 2.4 s) and reports the same, byte for byte. Its frames are larger, so the checker
# gets more stack than its 512 kB minimum (1 MB overflows while it reads the HTML schema).
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss4m"]
EXTRA_PAGES = {
    "trips-filtered-refused": "/visits/?year=1800",
    "projects-page-2": "/projects/?page=2",
    "feedback": "/feedback/?kind=message",
}


def nu_errors(files):
    """The checker's errors, as (file name, line, message)."""
    assert VNU.exists(), "vnu.jar is missing: run bin/setup (it needs npm) to install node_modules"
    assert shutil.which("java"), "Java is missing: apt-get install default-jre-headless"
    result = subprocess.run(
        ["java", *JAVA_OPTIONS, "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, timeout=300, check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages]


def test_every_kind_of_public_page_is_valid_html(client, seed, tmp_path):
    pages = PAGES | MORE_PAGES | EXTRA_PAGES
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)

    errors = nu_errors(files)

    assert errors == []
    assert len(files) == len(pages) >= 20


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><form action=""></form><p id="a"></p><p id="a"></p></body></html>',
        encoding="utf-8",
    )

    messages = [message for _name, _line, message in nu_errors([page])]

    assert any("action" in message for message in messages)
    assert any("Duplicate ID" in message for message in messages)


@pytest.mark.django_db
def test_the_staff_start_page_the_review_screen_and_the_refusal_are_valid_html(
    client, seed, tmp_path, django_user_model
):
    from review import publishing
    from review.models import Status
    from tests.builders import make_delegation, make_editor, make_participant

    editor = make_editor(django_user_model, "li")
    admin = django_user_model.objects.create_superuser("zhao", password="pw-for-tests-only")
    trip = make_delegation("待审的考察", status=Status.REVIEW)
    make_participant(trip, name_as_printed="王有国", title_as_printed="区委书记")
    publishing.submit(trip, editor)
    client.force_login(admin)
    pages = {"start": "/admin/", "review": f"/admin/visits/delegation/{trip.pk}/review/"}
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    # The page that refuses an editor the accounts.
    client.force_login(editor)
    refused = client.get("/admin/auth/user/")
    assert refused.status_code == 403
    files.append(tmp_path / "refused.html")
    files[-1].write_bytes(refused.content)

    assert nu_errors(files) == []
