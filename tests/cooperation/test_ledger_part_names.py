"""A post with less than a name after it (副市长等, 副区长王) is no person: the participant keeps the
post without a name, no person is made of part of a name, and the preview lists it among what to
check (姓名不全), naming its sheet, row and column — through the command and through the admin."""

import pytest

from cooperation.models import Person
from tests.builders import make_publisher
from tests.cooperation.ledger_builders import csv_bytes, run, speech, speeches_csv, trip, trips_csv
from tests.visits.test_ledgers_unseen import through_admin, through_command
from visits.models import Participant, Speech

pytestmark = pytest.mark.django_db

HEADERS = ["标题", "开始日期", "出发地", "目的地", "带队领导", "出席人员"]
ROW = ["大兴区代表团赴察右前旗对接", "2024.6.20", "大兴区", "察右前旗", "区长李四", "副市长等；副区长王；旗委书记巴特尔"]  # noqa: E501


def participants():
    return sorted(Participant.objects.values_list("name_as_printed", "title_as_printed", "person__name"))


@pytest.mark.parametrize("door", [through_command, through_admin], ids=["command", "admin"])
def test_a_post_with_less_than_a_name_is_no_person_and_the_preview_asks(
    door, tmp_path, capsys, client, django_user_model
):
    user = make_publisher(django_user_model, "office")

    [preview] = door([("台账.csv", csv_bytes(HEADERS, [ROW]))], tmp_path, capsys, client, user)

    assert participants() == [
        ("", "副区长", None),
        ("", "副市长等", None),
        ("巴特尔", "旗委书记", "巴特尔"),
        ("李四", "区长", "李四"),
    ]
    assert sorted(Person.objects.values_list("name", flat=True)) == ["巴特尔", "李四"]
    assert "姓名不全" in preview
    assert "“副区长王”：职务“副区长”后的“王”不是完整的姓名" in preview
    assert "“副市长等”：职务后没有姓名" in preview


def test_the_doubt_names_its_row_and_column_and_is_listed_to_check():
    report = run(csv_bytes(HEADERS, [ROW]), dry_run=True)

    assert not report.has_errors, report.summary_lines()
    [warning] = [w for w in report.row_warnings if "副区长王" in str(w)]
    assert (warning.row, warning.column) == (2, "出席人员")
    doubts = [item for item in report.review if item.kind == "姓名不全"]
    assert [item.row for item in doubts] == [2, 2] and all(item.doubtful for item in doubts)


def test_a_speaker_with_a_surname_after_the_post_speaks_by_the_post_alone():
    run(trips_csv(trip(编号="KC-1")))
    report = run(speeches_csv(speech(活动编号="KC-1", 发言人="副区长王", 职务="")))

    assert not report.has_errors, report.summary_lines()
    spoken = Speech.objects.get()
    assert (spoken.person_id, spoken.title_as_printed) == (None, "副区长")
    assert any(item.kind == "姓名不全" for item in report.review)
