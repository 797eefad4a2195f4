from django.core.management.base import BaseCommand, CommandError

from feedback.conf import setting
from feedback.models import Message
from feedback.services import purge_expired_contacts


class Command(BaseCommand):
    help = (
        "Clear the name and contact details of settled messages (answered, not public, closed) "
        "received more than FEEDBACK_CONTACT_RETENTION_DAYS days ago. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help="keep this many days (default: FEEDBACK_CONTACT_RETENTION_DAYS, 180)",
        )
        parser.add_argument("--dry-run", action="store_true", help="only count what would be cleared")

    def handle(self, *args, days, dry_run, **options):
        days = setting("FEEDBACK_CONTACT_RETENTION_DAYS") if days is None else days
        if days < 1:
            raise CommandError(f"保存期限至少 1 天 (refusing --days {days}).")
        if dry_run:
            count = Message.objects.contact_expired(days).count()
            self.stdout.write(f"将清除 {count} 条找错与留言的姓名和联系方式（收到超过 {days} 天且已办结）(dry run).")
            return
        cleared = purge_expired_contacts(days, username="manage.py purge_feedback_contacts")
        self.stdout.write(f"已清除 {len(cleared)} 条找错与留言的姓名和联系方式（收到超过 {days} 天且已办结）。")
