from django.contrib.auth.management import create_permissions
from django.db import migrations

# The roles as they were when this ran, kept here so that later changes of the roles (which
# come with migrations of their own) do not change what this migration did.
EDITOR = "编辑"
PUBLISHER = "审核发布"
CONTENT_MODELS = {
    "cooperation": ["region", "organization", "person", "appointment", "pairing", "topic",
                    "source", "photo", "programfigure"],
    "visits": ["delegation", "participant", "sitevisit", "meeting", "speech"],
    "projects": ["project", "projectupdate"],
}
PUBLISH_PERMISSIONS = [
    ("cooperation", "publish_person"),
    ("visits", "publish_delegation"),
    ("visits", "publish_meeting"),
    ("projects", "publish_project"),
]


def editor_permissions():
    perms = []
    for app_label, models in CONTENT_MODELS.items():
        for model in models:
            perms += [(app_label, f"{action}_{model}") for action in ("view", "add", "change")]
    return perms


def publisher_permissions():
    perms = editor_permissions() + PUBLISH_PERMISSIONS
    for app_label, models in CONTENT_MODELS.items():
        perms += [(app_label, f"delete_{model}") for model in models]
    return perms


def make_groups(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, perms in ((EDITOR, editor_permissions()), (PUBLISHER, publisher_permissions())):
        group, _ = group_model.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0002_reference_data"),
        ("visits", "0001_initial"),
        ("projects", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, migrations.RunPython.noop)]
