from django.contrib.auth.management import create_permissions
from django.db import migrations

# The roles as they were when this ran (the review models then lived in this app), kept here so
# that later changes of the roles do not change what this migration did.
PUBLISHER = "审核发布"
STEP_PERMISSIONS = {"first": "review_first", "second": "review_second", "final": "review_final"}
REVIEWER_GROUPS = {"初审": "first", "复审": "second", "终审": "final"}
CONTENT_MODELS = {
    "cooperation": ["region", "organization", "person", "appointment", "pairing", "topic",
                    "source", "photo", "programfigure"],
    "visits": ["delegation", "participant", "sitevisit", "meeting", "speech"],
    "projects": ["project", "projectupdate"],
}


def reviewer_permissions(*steps):
    perms = [(app_label, f"view_{model}") for app_label, models in CONTENT_MODELS.items() for model in models]
    perms += [("cooperation", "view_reviewrequest"), ("cooperation", "view_reviewpolicy"),
              ("cooperation", "view_sensitiveword")]
    return perms + [("cooperation", STEP_PERMISSIONS[step]) for step in steps]

POLICIES = [
    # grade, 初审, 复审 (终审签发 always closes the chain)
    ("normal", True, False),
    ("important", True, True),
    ("sensitive", True, True),
]

# A starting list the office extends in the admin: words that must never be published (hard),
# and wording that is outdated or a common misspelling (soft, with the correct form).
SENSITIVE_WORDS = [
    ("台湾国", True, "", "涉及国家主权的错误提法"),
    ("台独", True, "", "涉及国家主权的错误提法"),
    ("藏独", True, "", "涉及国家主权的错误提法"),
    ("疆独", True, "", "涉及国家主权的错误提法"),
    ("蒙独", True, "", "涉及国家统一和民族团结的错误提法"),
    ("东西部扶贫协作", False, "东西部协作", "2021年起称东西部协作"),
    ("京蒙扶贫协作", False, "京蒙协作", "2021年起称京蒙协作"),
    ("再接再励", False, "再接再厉", "错别字"),
    ("一如继往", False, "一如既往", "错别字"),
    ("迫不急待", False, "迫不及待", "错别字"),
    ("按装", False, "安装", "错别字"),
    ("既使", False, "即使", "错别字"),
    ("不径而走", False, "不胫而走", "错别字"),
    ("艰苦卓决", False, "艰苦卓绝", "错别字"),
]


def seed(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    policy_model = apps.get_model("cooperation", "ReviewPolicy")
    for grade, first, second in POLICIES:
        policy_model.objects.get_or_create(grade=grade, defaults={"first_review": first, "second_review": second})
    word_model = apps.get_model("cooperation", "SensitiveWord")
    for word, hard, suggestion, note in SENSITIVE_WORDS:
        word_model.objects.get_or_create(word=word, defaults={"hard": hard, "suggestion": suggestion, "note": note})

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")

    def grant(group, perms):
        for app_label, codename in perms:
            group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))

    for name, step in REVIEWER_GROUPS.items():
        grant(group_model.objects.get_or_create(name=name)[0], reviewer_permissions(step))
    # 审核发布 also keeps the 错敏词 list and the chains, as it keeps the site settings (govsite);
    # the administrator roles keep exactly the permissions accounts gives them.
    grant(group_model.objects.get(name=PUBLISHER), [
        *reviewer_permissions(*STEP_PERMISSIONS),
        *[("cooperation", f"{action}_sensitiveword") for action in ("add", "change", "delete")],
        ("cooperation", "change_reviewpolicy"),
    ])


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0006_review"),
        ("cooperation", "0003_roles"),
        ("visits", "0004_grade"),
        ("projects", "0004_grade"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
