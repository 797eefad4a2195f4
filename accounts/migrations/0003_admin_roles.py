from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "系统管理员": [
        ("auth", f"{action}_{model}") for model in ("user", "group") for action in ("view", "add", "change", "delete")
    ],
    "安全管理员": [
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accesslog"),
        ("axes", "view_accessfailurelog"),
        ("otp_totp", "view_totpdevice"),
        ("otp_totp", "change_totpdevice"),
        ("otp_totp", "delete_totpdevice"),
    ],
    "审计管理员": [("accounts", "view_auditentry"), ("accounts", "export_auditentry")],
}


def make_groups(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set(
            [permission_model.objects.get(content_type__app_label=app, codename=codename) for app, codename in perms]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_append_only_trigger"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    # A copy of accounts.roles.ROLE_PERMISSIONS as it stood, so later edits there need a new migration.
    operations = [migrations.RunPython(make_groups, migrations.RunPython.noop)]
