from django.core.management.base import BaseCommand
from django.utils import timezone

from cooperation.backup import write_backup


class Command(BaseCommand):
    help = "把整个数据库（含草稿与修改历史）和媒体文件备份到一个 .tar.gz 文件。"

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="备份文件路径（默认 backup-时间.tar.gz）")

    def handle(self, *args, output=None, **options):
        output = output or f"backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        manifest = write_backup(output)
        self.stdout.write(
            f"已备份到 {output}：{manifest['records']} 条记录，{manifest['media_files']} 个媒体文件。"
        )
