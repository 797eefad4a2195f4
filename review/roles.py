"""The staff roles: 编辑 prepare records; reviewers take the steps of the approval chain.

初审, 复审 and 终审 each hold the permission of one step (review.review_first/second/final);
审核发布 holds all three. Whoever holds a step may take it, except on their own work.
"""

from accounts.roles import FINAL_REVIEWER, FIRST_REVIEWER, SECOND_REVIEWER

STEP_PERMISSIONS = {"first": "review_first", "second": "review_second", "final": "review_final"}
REVIEWER_GROUPS = {FIRST_REVIEWER: "first", SECOND_REVIEWER: "second", FINAL_REVIEWER: "final"}

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


def reviewer_permissions(*steps):
    """A reviewer reads every record and the review queue, and takes the given steps."""
    perms = [(app_label, f"view_{model}") for app_label, models in CONTENT_MODELS.items() for model in models]
    perms += [("review", "view_reviewrequest"), ("review", "view_reviewpolicy"),
              ("review", "view_sensitiveword")]
    return perms + [("review", STEP_PERMISSIONS[step]) for step in steps]


def user_can_take_step(user, step):
    return user.is_active and user.has_perm(f"review.{STEP_PERMISSIONS[step]}")


def user_can_review(user):
    return any(user_can_take_step(user, step) for step in STEP_PERMISSIONS)


def user_can_publish(user, model):
    """May sign off (终审签发) records of this model directly, as an import marked 导入即发布 does."""
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}") and user_can_take_step(
        user, "final"
    )
