"""Who may import, export and roll back.

Both roles import and export: an editor's import arrives as drafts and cannot change a
published record (the row says so); only 审核发布 may ask for the rows to be published and
roll a batch back. Staff with view rights alone can do none of it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑"
PUBLISHER = "审核发布"
GRANTS = {
    EDITOR: ["view_importbatch", "import_ledger", "export_ledger"],
    PUBLISHER: ["view_importbatch", "import_ledger", "export_ledger", "rollback_importbatch"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("ledgers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(content_type__app_label="ledgers", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in group_model.objects.filter(name=name):
            group.permissions.remove(
                *permission_model.objects.filter(content_type__app_label="ledgers", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("ledgers", "0001_initial"),
        ("cooperation", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
