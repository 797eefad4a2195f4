"""manage.py export_ledger [LEDGER] -o FILE: the ledgers in the columns the import reads."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cooperation.ledgers.service import audit_export, export_ledgers, ledgers


class Command(BaseCommand):
    help = "导出台账：一个台账可为 CSV（UTF-8 带 BOM）或 XLSX；不写台账名时导出全部台账为一个 XLSX 工作簿。"

    def add_arguments(self, parser):
        slugs = [ledger.ledger_slug for ledger in ledgers()]
        parser.add_argument(
            "ledger", nargs="?", choices=slugs, help="trips（考察活动）、speeches（会议发言）或 projects（项目）"
        )
        parser.add_argument("-o", "--output", required=True, help="输出文件；扩展名 .csv 或 .xlsx 决定格式")
        parser.add_argument("--published-only", action="store_true", help="只导出公众可见的已发布记录")
        parser.add_argument("--user", help="审计日志中记为导出人的用户名（默认记为系统）")

    def handle(self, *args, **options):
        output = Path(options["output"])
        file_format = output.suffix.lower().lstrip(".")
        if file_format not in ("csv", "xlsx"):
            raise CommandError("输出文件的扩展名须是 .csv 或 .xlsx")
        if file_format == "csv" and not options["ledger"]:
            raise CommandError("CSV 只能放一个台账：请写台账名，或导出为 .xlsx")
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"没有用户 {options['user']}") from None
        slugs = [options["ledger"]] if options["ledger"] else None
        counts = {}
        data = export_ledgers(slugs, file_format=file_format, public=options["published_only"], counts=counts)
        output.write_bytes(data)
        audit_export(output.name, data, counts=counts, public=options["published_only"], user=user)
        self.stdout.write(f"已写入 {output}（{len(data) / 1024:.0f} KB）")
