"""Accounts made before the password rules start their 90 days now, with their current password."""

from django.db import migrations
from django.utils import timezone


def remember_current_passwords(apps, schema_editor):
    user_model = apps.get_model("auth", "User")
    history = apps.get_model("accounts", "PasswordHistory")
    now = timezone.now()
    history.objects.bulk_create(
        history(user_id=pk, password=password, changed_at=now)
        for pk, password in user_model.objects.exclude(password__startswith="!").values_list("pk", "password")
        if password
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_admin_roles"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(remember_current_passwords, migrations.RunPython.noop)]
