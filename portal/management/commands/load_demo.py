"""Fill an empty site with the demo: the seed report's records and an office's identity.

    manage.py load_demo

`bin/start` runs it on every start, so it must never undo anyone's work: the seed report is
loaded only into a database with no trip, meeting, project or person at all, and the demo
identity goes only into site settings still holding the placeholders a new site starts with
(主办单位（待填写）…). Run it on a site in use and it changes nothing, and says so.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from cooperation.models import Person
from govsite import site
from govsite.models import SETTINGS_PK, SiteSettings
from projects.models import Project
from visits.models import Delegation, Meeting

SEED = "fixtures/seed_report.json"

# An identity that reads like a real office's, every value clearly a demonstration: the
# address and numbers belong to no one (example.gov.cn is reserved for examples).
DEMO_IDENTITY = {
    "site_name": "京蒙协作记录",
    "sponsor": "京蒙东西部协作工作办公室（演示站点）",
    "address": "北京市大兴区示例路 1 号（演示地址）",
    "phone": "010-00000000（演示）",
    "postcode": "102600",
    "site_domain": "jmxz.example.gov.cn",
}


class Command(BaseCommand):
    help = "Load the demo (seed report and site identity) into an empty site; never overwrites anything."

    def handle(self, *args, **options):
        if any(model.objects.exists() for model in (Delegation, Meeting, Project, Person)):
            self.stdout.write("已有记录，未载入演示数据（不覆盖任何已有内容）。")
        else:
            call_command("loaddata", SEED, verbosity=0)
            self.stdout.write("已载入演示数据：种子报道的考察、会议、项目与人物。")
        settings, _created = SiteSettings.objects.get_or_create(pk=SETTINGS_PK, defaults=site.PLACEHOLDERS)
        # Only settings nobody has touched: a real office that filled in its sponsor and left the
        # postcode empty must not find a demo postcode there.
        untouched = all(getattr(settings, field) == value for field, value in site.PLACEHOLDERS.items())
        if untouched:
            for field, value in DEMO_IDENTITY.items():
                setattr(settings, field, value)
            settings.full_clean()
            settings.save()
            self.stdout.write("已填写演示网站信息，可在管理后台“网站信息”中修改。")
        else:
            self.stdout.write("网站信息已由管理员填写，未改动。")
