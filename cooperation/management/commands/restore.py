from django.core.management.base import BaseCommand, CommandError

from cooperation.backup import RestoreRefused, restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "把 backup 命令生成的备份恢复到一个空的（已 migrate 的）数据库；"
        "--verify 只在临时数据库中试恢复并核对，不动本站数据库。"
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="备份文件路径（.tar.gz）")
        parser.add_argument("--verify", action="store_true", help="只校验：恢复到临时数据库并核对，随后删除")

    def handle(self, *args, backup, verify=False, **options):
        try:
            if verify:
                manifest, problems = verify_backup(backup)
            else:
                manifest, problems = restore_backup(backup), []
        except RestoreRefused as exc:
            raise CommandError(str(exc)) from exc
        if problems:
            raise CommandError("校验失败：" + "；".join(problems))
        if verify:
            self.stdout.write(
                f"校验通过：{manifest['records']} 条记录和 {manifest['media_files']} 个媒体文件可以恢复。"
            )
            return
        self.stdout.write(f"已恢复 {manifest['records']} 条记录和 {manifest['media_files']} 个媒体文件。")
