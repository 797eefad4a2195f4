"""The content types of the moved models follow them to `review`.

Group permissions (review_first … and view/change of the queue, chains and 错敏词) hang on
these rows, as do the admin's change log and any history that names a content type: relabelling
the rows keeps all of it, so every role holds exactly the permissions it held before.
"""

from django.db import migrations

MODELS = ["reviewrequest", "reviewopinion", "reviewpolicy", "historicalreviewpolicy",
          "sensitiveword", "historicalsensitiveword"]


def relabel(apps, source, target):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = content_type_model.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = content_type_model.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
            continue
        # Both exist (the new one made by a post_migrate in between): keep the new row, give it
        # the old one's permissions where it lacks them and everything else that points at the
        # old row (the admin's change log …), then let the old row go.
        for permission in permission_model.objects.filter(content_type=old):
            twin = permission_model.objects.filter(content_type=new, codename=permission.codename).first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
            else:
                for group in permission.group_set.all():
                    group.permissions.add(twin)
                for user in permission.user_set.all():
                    user.user_permissions.add(twin)
        for related in apps.get_models():
            if related is permission_model:
                continue
            for field in related._meta.concrete_fields:
                if field.is_relation and field.related_model is content_type_model:
                    related._base_manager.filter(**{field.name: old}).update(**{field.name: new})
        old.delete()


def forward(apps, schema_editor):
    relabel(apps, "cooperation", "review")


def backward(apps, schema_editor):
    relabel(apps, "review", "cooperation")


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_move_from_cooperation"),
        ("cooperation", "0009_review_moved_to_review_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forward, backward)]
