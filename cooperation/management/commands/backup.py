from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cooperation.backup import RestoreRefused, verify_backup, write_backup


class Command(BaseCommand):
    help = (
        "把整个数据库（含草稿与修改历史，取同一时刻的一致快照）和媒体文件备份到一个 .tar.gz 文件；"
        "--verify 再把它恢复到一个临时数据库并逐表核对。"
    )

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="备份文件路径（默认 backup-时间.tar.gz）")
        parser.add_argument(
            "--verify", action="store_true", help="备份后恢复到临时数据库，核对每张表的行数与每个媒体文件的校验值"
        )

    def handle(self, *args, output=None, verify=False, **options):
        output = output or f"backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = write_backup(output)
        except OSError as exc:
            raise CommandError(f"无法写入备份文件 {output}：{exc}") from exc
        self.stdout.write(
            f"已备份到 {output}：{manifest['records']} 条记录，{manifest['media_files']} 个媒体文件"
            f"（未包含：{manifest['left_out']}）。"
        )
        if verify:
            self.verify(output)

    def verify(self, path):
        try:
            manifest, problems = verify_backup(path)
        except RestoreRefused as exc:
            raise CommandError(f"校验失败：{exc}") from exc
        if problems:
            raise CommandError("校验失败：" + "；".join(problems))
        self.stdout.write(
            f"校验通过：已恢复到临时数据库，{len(manifest['counts'])} 张表的行数与 "
            f"{manifest['media_files']} 个媒体文件的校验值全部一致。"
        )
