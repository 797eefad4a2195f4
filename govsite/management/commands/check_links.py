"""manage.py check_links: the dead-link check over every published page (run it daily)."""

from django.core.management.base import BaseCommand, CommandError

from govsite.linkcheck import LinkChecker


class Command(BaseCommand):
    help = "检查全部已发布页面上的链接、图片和附件，失效的记入“失效链接”（在管理后台查看）。"

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, help="每个外部链接的超时（秒），默认 LINK_CHECK_TIMEOUT")
        parser.add_argument("--workers", type=int, help="同时检查的外部链接数，默认 LINK_CHECK_WORKERS")
        parser.add_argument("--time-limit", type=float, help="外部链接检查的总时限（秒），默认 LINK_CHECK_TIME_LIMIT")
        parser.add_argument("--no-external", action="store_true", help="只检查站内链接")

    def handle(self, *args, **options):
        for name in ("timeout", "workers", "time_limit"):
            if options[name] is not None and options[name] <= 0:
                raise CommandError(f"--{name.replace('_', '-')} 必须大于 0")
        checker = LinkChecker(
            timeout=options["timeout"],
            workers=options["workers"],
            time_limit=options["time_limit"],
            external=not options["no_external"],
        )
        report = checker.run()
        run = report.run
        self.stdout.write(
            f"检查了 {run.pages} 个页面上的 {run.links} 个链接：失效 {run.broken} 个，"
            f"未及检查的外部链接 {run.skipped} 个。"
        )
        if options["verbosity"] > 1:
            for link, result in report.failures:
                self.stdout.write(f"  {link.page} → {link.url}: {result.error or result.status_code}")
