"""A project page's inspection history, its words translated once for the list and a trip's
leaders written by one tag, is the bytes the template wrote before (its copy in
tests/data/templates_before/project_inspections.html)."""

import datetime
from pathlib import Path

import pytest
from django.template import Context, Engine
from django.template.backends.django import get_installed_libraries

from accounts.roles import EDITOR
from cooperation.dates import DatePrecision
from review.models import Status
from tests.builders import make_delegation, make_participant, make_person, make_project, make_site_visit, make_staff
from visits.models import ParticipantRole

pytestmark = pytest.mark.django_db

BEFORE = Path(__file__).resolve().parent.parent / "data" / "templates_before"
HEADING = '<h2 id="inspections-title">考察记录</h2>\n'


def render_before(**context):
    engine = Engine(dirs=[str(BEFORE)], app_dirs=True, libraries=get_installed_libraries())
    return engine.get_template("project_inspections.html").render(Context(context))


def project_inspected_every_way():
    project = make_project("考察 <历史> 项目")
    led = make_delegation(
        "两位带队的考察 & 调研", start_date=datetime.date(2024, 6, 20), end_date=datetime.date(2024, 6, 22)
    )
    make_participant(led, make_person("公开的领队"), role=ParticipantRole.LEADER, title_as_printed="区委书记")
    make_participant(led, make_person("未发布的领队", status=Status.DRAFT), role=ParticipantRole.LEADER,
                     title_as_printed="")
    make_participant(led, None, name_as_printed="", role=ParticipantRole.LEADER, title_as_printed="<某单位> 负责人")
    make_participant(led, make_person("只是成员"), role=ParticipantRole.MEMBER)
    make_site_visit(led, "第一站 <基地>", description="察看 \"种植\" 情况").projects.add(project)
    make_site_visit(led, "第二站").projects.add(project)
    monthly = make_delegation("只知月份", start_date=datetime.date(2023, 3, 1), date_precision=DatePrecision.MONTH)
    make_site_visit(monthly, "月份考察点").projects.add(project)
    make_site_visit(make_delegation("日期不详的考察"), "无日期考察点").projects.add(project)
    draft = make_delegation("草稿考察", status=Status.DRAFT, start_date=datetime.date(2022, 1, 1))
    make_participant(draft, make_person("草稿的领队"), role=ParticipantRole.LEADER)
    make_site_visit(draft, "草稿考察点").projects.add(project)
    return project


@pytest.mark.parametrize("preview", [False, True])
def test_the_inspection_history_is_the_bytes_the_template_wrote(client, django_user_model, preview):
    project = project_inspected_every_way()
    if preview:
        client.force_login(make_staff(django_user_model, "staff", EDITOR))

    response = client.get(project.get_absolute_url())

    page = response.content.decode()
    history = page[page.index(HEADING) + len(HEADING):page.index("\n        </section>", page.index(HEADING))]
    assert history == render_before(inspections=response.context["inspections"], preview=preview)
    assert history.count("<li>") == (5 if preview else 4)
    for part in ("第一站 &lt;基地&gt;", "两位带队的考察 &amp; 调研", "2024年6月20日 — 2024年6月22日", "2023年3月",
                 "日期不详", "（区委书记）", "&lt;某单位&gt; 负责人", "察看 &quot;种植&quot; 情况"):
        assert part in history, part
    assert "只是成员" not in history
    # A draft leader is named as printed, linked only for staff previewing drafts; a draft trip too.
    assert ("未发布的领队</a>" in history) == ("草稿考察点" in history) == preview
    assert '<span class="person-name">未发布的领队</span>' in history or preview
