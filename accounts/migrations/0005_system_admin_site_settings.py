from django.db import migrations

SITE_SETTINGS = ["view_sitesettings", "change_sitesettings"]


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name="系统管理员")
    group.permissions.add(
        *permission_model.objects.filter(content_type__app_label="govsite", codename__in=SITE_SETTINGS)
    )


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for group in group_model.objects.filter(name="系统管理员"):
        group.permissions.remove(
            *permission_model.objects.filter(content_type__app_label="govsite", codename__in=SITE_SETTINGS)
        )


class Migration(migrations.Migration):
    """系统管理员 keeps the site settings (users and settings, 等保 2.0's 三员分立)."""

    dependencies = [
        ("accounts", "0004_password_history_of_existing_users"),
        ("govsite", "0002_site_settings_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
