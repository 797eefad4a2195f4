import tarfile

from django.core.management.base import BaseCommand, CommandError

from cooperation.backup import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = "把 backup 命令生成的备份恢复到一个空的（已 migrate 的）数据库。"

    def add_arguments(self, parser):
        parser.add_argument("backup", help="备份文件路径（.tar.gz）")

    def handle(self, *args, backup, **options):
        try:
            manifest = restore_backup(backup)
        except RestoreRefused as exc:
            raise CommandError(str(exc)) from exc
        except (OSError, ValueError, KeyError, tarfile.TarError) as exc:
            raise CommandError(f"无法读取备份文件 {backup}：{exc}") from exc
        self.stdout.write(
            f"已恢复 {manifest['records']} 条记录和 {manifest['media_files']} 个媒体文件。"
        )
