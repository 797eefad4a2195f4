"""The site-settings row with placeholders a fresh site can show, and who may see the checks.

Editors and publishers see the section dashboard and the dead-link reports (they fix what
those find); publishers also change the site settings. The administrator roles keep exactly
the permissions accounts gives them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PLACEHOLDERS = {
    "site_name": "京蒙协作记录",
    "sponsor": "主办单位（待填写）",
    "address": "地址（待填写）",
    "phone": "联系电话（待填写）",
}
GRANTS = {
    "编辑": ["view_sectionfreshness", "view_linkcheckrun", "view_brokenlink"],
    "审核发布": ["view_sectionfreshness", "view_linkcheckrun", "view_brokenlink", "view_sitesettings", "change_sitesettings"],
}


def forwards(apps, schema_editor):
    apps.get_model("govsite", "SiteSettings").objects.get_or_create(pk=1, defaults=PLACEHOLDERS)
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    app_config = apps.get_app_config("govsite")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = group_model.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *permission_model.objects.filter(content_type__app_label="govsite", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("govsite", "0001_initial"),
        ("cooperation", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
