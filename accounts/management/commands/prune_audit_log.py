from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.audit import record
from accounts.models import MIN_RETENTION_DAYS, AuditEntry, AuditEvent


class Command(BaseCommand):
    help = (
        "Delete audit-log entries older than the retention period (AUDIT_LOG_RETENTION_DAYS, "
        f"at least {MIN_RETENTION_DAYS} days). Run it daily from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help=f"keep this many days (default: AUDIT_LOG_RETENTION_DAYS; never under {MIN_RETENTION_DAYS})",
        )
        parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")

    def handle(self, *args, days, dry_run, **options):
        days = settings.AUDIT_LOG_RETENTION_DAYS if days is None else days
        if days < MIN_RETENTION_DAYS:
            raise CommandError(f"审计日志至少保留 {MIN_RETENTION_DAYS} 天 (refusing --days {days}).")
        if dry_run:
            count = AuditEntry.objects.filter(occurred_at__lt=timezone.now() - timedelta(days=days)).count()
            self.stdout.write(f"将删除 {count} 条早于 {days} 天的审计记录 (dry run).")
            return
        deleted, cutoff = AuditEntry.objects.prune(days)
        record(
            AuditEvent.AUDIT_PRUNE, username="manage.py prune_audit_log",
            detail=f"删除 {deleted} 条早于 {cutoff.isoformat(timespec='seconds')} 的记录（保留 {days} 天）",
        )
        self.stdout.write(f"已删除 {deleted} 条早于 {days} 天的审计记录。")
