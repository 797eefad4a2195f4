from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors answer messages; publishers also put them on the public page. Nobody adds one in the
# admin (they come from the public form) and nobody deletes one: a closed message stays on file.
ROLE_PERMISSIONS = {
    "编辑": ["view_message", "change_message"],
    "审核发布": ["view_message", "change_message", "publish_message"],
}


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(content_type__app_label="feedback", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*permission_model.objects.filter(content_type__app_label="feedback"))


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("cooperation", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
