"""Every kind of public page is valid HTML by the Nu Html Checker (the W3C's validator), run offline.

The checker is the `vnu-jar` npm package (pinned in package-lock.json, installed by bin/setup)
run with the system's Java (Debian: default-jre-headless, which .ci/run installs): the same
checker that found the filter forms' `action=""`, so what it finds here is what an auditor
would. All pages go to one run of the checker (one Java start, a few seconds). It runs with
the browser tests, which need the same outside tools.

What the checker says of a document depends on its bytes alone, so a test run checks each distinct
document once: the `nu_record` fixture (tests/conftest.py) keeps the findings by the document's
SHA-256 for all of the run's workers, and a document already checked for another test (the site
walk's pages, which the server sends the same to a phone and a laptop) is read back from there.
"""

import hashlib
import json
import os
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


BROKEN = (
    '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>t</title></head>'
    '<body><form action=""></form><p id="a"></p><p id="a"></p></body></html>'
)
VALID = (
    '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>t</title></head>'
    '<body><p>好</p></body></html>'
)


def nu_errors(files, record=None):
    """The checker's errors, as (file name, line, message), in the order of the files.

    With a record (a folder, the `nu_record` fixture), a document whose findings are in it is not
    checked again, and the findings of those checked now are added to it."""
    assert VNU.exists(), "vnu.jar is missing: run bin/setup (it needs npm) to install node_modules"
    assert shutil.which("java"), "Java is missing: apt-get install default-jre-headless"
    files = [Path(file) for file in files]
    digests = {file: hashlib.sha256(file.read_bytes()).hexdigest() for file in files}
    findings = {}
    if record is not None:
        for digest in set(digests.values()):
            if (record / f"{digest}.json").exists():
                findings[digest] = [tuple(finding) for finding in json.loads((record / f"{digest}.json").read_text())]
    unchecked = {}
    for file, digest in digests.items():
        if digest not in findings:
            unchecked.setdefault(digest, file)
    unplaced = []
    if unchecked:
        result = subprocess.run(
            ["java", *JAVA_OPTIONS, "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always",
             *map(str, unchecked.values())],
            capture_output=True, text=True, timeout=300, check=True,
        )
        by_path = {str(file.resolve()): digest for digest, file in unchecked.items()}
        checked = {digest: [] for digest in unchecked}
        for message in json.loads(result.stderr or result.stdout)["messages"]:
            digest = by_path.get(str(Path(message.get("url", "").removeprefix("file:")).resolve()))
            if digest is None:  # about no one document (the checker could not read a file …)
                unplaced.append((Path(message.get("url", "")).name, message.get("lastLine"), message["message"]))
            else:
                checked[digest].append((message.get("lastLine"), message["message"]))
        findings.update(checked)
        if record is not None and not unplaced:
            for digest in checked:
                written = record / f"{digest}.json.{os.getpid()}"
                written.write_text(json.dumps(checked[digest], ensure_ascii=False))
                written.replace(record / f"{digest}.json")
    return unplaced + [(file.name, line, message) for file in files for line, message in findings[digests[file]]]


def test_every_kind_of_public_page_is_valid_html(client, seed, tmp_path, nu_record):
    pages = PAGES | MORE_PAGES | EXTRA_PAGES
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)

    errors = nu_errors(files, nu_record)

    assert errors == []
    assert len(files) == len(pages) >= 20


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(BROKEN, encoding="utf-8")

    messages = [message for _name, _line, message in nu_errors([page])]

    assert any("action" in message for message in messages)
    assert any("Duplicate ID" in message for message in messages)


def test_a_document_is_checked_once_and_its_errors_are_found_again_under_another_name(tmp_path, monkeypatch):
    record = tmp_path / "record"
    record.mkdir()
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    broken, valid = tmp_path / "first" / "broken.html", tmp_path / "first" / "valid.html"
    broken.write_text(BROKEN, encoding="utf-8")
    valid.write_text(VALID, encoding="utf-8")
    first = nu_errors([broken, valid], record)
    same, other = tmp_path / "second" / "trip.html", tmp_path / "second" / "other.html"
    same.write_bytes(broken.read_bytes())
    other.write_text(VALID.replace("<p>", "<p>!"), encoding="utf-8")
    runs = []
    real_run = subprocess.run
    monkeypatch.setattr(
        subprocess, "run", lambda command, **options: runs.append(command) or real_run(command, **options)
    )

    again = nu_errors([other, same, valid], record)

    assert {message for _name, _line, message in first} >= {
        "Bad value “” for attribute “action” on element “form”: Must be non-empty.", "Duplicate ID “a”.",
    }
    assert {name for name, _line, _message in first} == {"broken.html"}
    assert again == [("trip.html", line, message) for _name, line, message in first]
    # Only the document not seen before went to the checker.
    assert len(runs) == 1 and runs[0][-1] == str(other)


@pytest.mark.django_db
def test_the_staff_start_page_the_review_screen_and_the_refusal_are_valid_html(
    client, seed, tmp_path, django_user_model, nu_record
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

    assert nu_errors(files, nu_record) == []
