"""manage.py import_ledger FILE [--dry-run] [--publish] [--user NAME] [--own-region REGION]
[--column 原列名=列名 …]: the admin's import, from a shell."""

import shlex
import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from cooperation.ledgers.resources import PRINTED_EVERY
from cooperation.ledgers.service import import_file, ledgers
from review.roles import user_can_publish


class Command(BaseCommand):
    help = "导入台账（CSV、XLSX 或 XLS；考察活动、会议发言、项目，按表头或工作表名识别）。有错误时不写入任何内容。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV、XLSX 或 XLS 文件")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告将做什么，不写入")
        parser.add_argument("--publish", action="store_true", help="导入即发布（默认为草稿）")
        parser.add_argument("--user", help="记为导入人的用户名（默认不记）")
        parser.add_argument(
            "--own-region",
            default="",
            help="本单位所在地区（如 奈曼旗）：表中只有出发地或来访单位、没有目的地时作目的地，"
            "只有目的地、没有出发地时作出发地，只用于那一栏空着的行",
        )
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="原列名=列名",
            help="把表中的一列按台账的某一列读入（如 --column 对接领导=带队领导），可写多次",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        # Without --user the import has nobody's rights: drafts only, as an editor's import.
        user = AnonymousUser()
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"没有用户 {options['user']}") from None
        if options["publish"] and not all(
            user_can_publish(user, model) for ledger in ledgers() for model in ledger.publishable_models()
        ):
            raise CommandError("导入即发布须以 --user 指明可以发布这些台账的审核发布人员")
        columns = {}
        for given in options["column"]:
            column, sep, field = given.replace("＝", "=").partition("=")
            if not sep or not column.strip() or not field.strip():
                raise CommandError(f"--column 须写作 原列名=列名（如 对接领导=带队领导），而不是“{given}”")
            columns[column.strip()] = field.strip()
        started = time.monotonic()

        def progress(message, done=None, total=None):
            if done is not None and done % PRINTED_EVERY:
                return
            self.stderr.write(f"[{time.monotonic() - started:6.1f}s] {message}")
            sys.stderr.flush()

        progress(f"读取 {path.name}（{path.stat().st_size / 1024 / 1024:.1f} MB）")
        report = import_file(
            path.read_bytes(),
            path.name,
            user=user,
            publish=options["publish"],
            dry_run=options["dry_run"],
            progress=progress,
            own_region=options["own_region"],
            columns=columns,
        )
        progress("完成")
        for line in report.summary_lines():
            self.stdout.write(line)
        if report.unknown_columns:
            self.stdout.write("不认识的列中如有台账的内容，可用 --column 原列名=列名 指定它按哪一列读入。")
        proposed = {column: target for _where, column, target, _why in report.column_proposals if target}
        if proposed:
            given = [f"--column {shlex.quote(f'{column}={target}')}" for column, target in columns.items()]
            given += [
                f"--column {shlex.quote(f'{column}={target}')}"
                for column, target in proposed.items() if column not in columns
            ]
            self.stdout.write("核对上面建议的列的读法；都对的话，加上这些参数重新导入：")
            self.stdout.write("  " + " ".join(given))
        if report.has_errors:
            raise CommandError("文件未导入：请按上面的说明改正后重试。")
