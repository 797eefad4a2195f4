"""Small builders for ledger tests: rows by column name, files in every encoding and format."""

import csv
import io
from pathlib import Path

from openpyxl import Workbook

from cooperation.ledgers.service import import_file
from projects.ledger import PROJECT_HEADERS
from visits.ledgers.common import SPEECH_HEADERS, TRIP_HEADERS

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"


def row(headers, **cells):
    unknown = set(cells) - set(headers)
    assert not unknown, unknown
    return [cells.get(header, "") for header in headers]


def trip(**cells):
    cells.setdefault("标题", "大兴区党政代表团赴察右前旗考察")
    cells.setdefault("开始日期", "2024-06-20")
    cells.setdefault("出发地", "大兴区")
    cells.setdefault("目的地", "察右前旗")
    return row(TRIP_HEADERS, **cells)


def speech(**cells):
    cells.setdefault("会议", "察右前旗座谈会")
    cells.setdefault("发言人", "王有国")
    cells.setdefault("职务", "区委书记")
    return row(SPEECH_HEADERS, **cells)


def project(**cells):
    cells.setdefault("项目名称", "星耀镇京蒙现代农业科技产业园")
    cells.setdefault("支援方", "大兴区")
    cells.setdefault("受援方", "正镶白旗")
    return row(PROJECT_HEADERS, **cells)


def csv_bytes(headers, rows, encoding="utf-8", delimiter=","):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def trips_csv(*rows, **options):
    return csv_bytes(TRIP_HEADERS, rows, **options)


def speeches_csv(*rows, **options):
    return csv_bytes(SPEECH_HEADERS, rows, **options)


def projects_csv(*rows, **options):
    return csv_bytes(PROJECT_HEADERS, rows, **options)


def xlsx_bytes(sheets):
    """`sheets`: {sheet name: (headers, rows)}; cells may be dates, numbers or text."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (headers, rows) in sheets.items():
        worksheet = workbook.create_sheet(name)
        worksheet.append(list(headers))
        for values in rows:
            worksheet.append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(data, name="台账.csv", **options):
    options.setdefault("dry_run", False)
    return import_file(data, name, **options)


def outcomes(report):
    """[(row number, status)] of every ledger of a report, in order."""
    return [(o.number, o.status) for result in report.results for o in result.outcomes]


def problems(report):
    """[(row, column, value, message)] of every problem of a report."""
    return [(p.row, p.column, p.value_text, p.message) for p in report.problems]


def seed_bytes(name):
    return (SEED / f"{name}.csv").read_bytes()


def import_seed(**options):
    reports = [run(seed_bytes(name), f"{name}.csv", **options) for name in ("项目", "考察活动", "会议发言")]
    for report in reports:
        assert not report.has_errors, report.summary_lines()
    return reports
