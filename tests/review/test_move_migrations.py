"""The review models moved from cooperation to review: a database made before keeps everything."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.roles import FINAL_REVIEWER, FIRST_REVIEWER, PUBLISHER, SECOND_REVIEWER
from review.models import ReviewPolicy, SensitiveWord

BEFORE_THE_MOVE = [("cooperation", "0008_updated_at_index"), ("review", None)]
MOVED = ["historicalreviewpolicy", "historicalsensitiveword", "reviewopinion", "reviewpolicy",
         "reviewrequest", "sensitiveword"]


def group_permissions():
    return {
        group.name: sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all())
        for group in Group.objects.prefetch_related("permissions__content_type")
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_from_before_the_move_keeps_its_words_chains_log_and_permissions(django_user_model):
    before = group_permissions()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps
    old_word = old.get_model("cooperation", "SensitiveWord").objects.create(word="测试错词", hard=True)
    old_content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="cooperation", model="sensitiveword")
    user = old.get_model("auth", "User").objects.create(username="chu")
    user.groups.add(old.get_model("auth", "Group").objects.get(name=FIRST_REVIEWER))
    old.get_model("admin", "LogEntry").objects.create(
        user_id=user.pk, content_type_id=old_content_type.pk, object_id=str(old_word.pk), object_repr="测试错词",
        action_flag=1,
    )

    call_command("migrate", verbosity=0)

    reviewer = django_user_model.objects.get(username="chu")
    assert reviewer.has_perm("review.review_first") and not reviewer.has_perm("review.review_final")
    assert SensitiveWord.objects.get(word="测试错词").hard
    assert ReviewPolicy.objects.count() == 3
    assert sorted(ContentType.objects.filter(model__in=MOVED).values_list("app_label", "model")) == [
        ("review", model) for model in MOVED
    ]
    from django.contrib.admin.models import LogEntry

    word = SensitiveWord.objects.get(word="测试错词")
    assert LogEntry.objects.get(object_repr="测试错词").get_edited_object() == word
    assert group_permissions() == before
    assert [p for p in before[PUBLISHER] if p.startswith("review.")] == [
        "review.add_sensitiveword", "review.change_reviewpolicy", "review.change_sensitiveword",
        "review.delete_sensitiveword", "review.review_final", "review.review_first", "review.review_second",
        "review.view_reviewpolicy", "review.view_reviewrequest", "review.view_sensitiveword",
    ]
    assert [p for p in before[SECOND_REVIEWER] if p.startswith("review.")] == [
        "review.review_second", "review.view_reviewpolicy", "review.view_reviewrequest", "review.view_sensitiveword",
    ]
    assert "review.review_final" in before[FINAL_REVIEWER]
