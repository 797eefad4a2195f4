"""The staff roles: 编辑 prepare records, 审核发布 review and publish them."""

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


def user_can_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")
