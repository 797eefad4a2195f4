import pytest

from accounts.roles import EDITOR, FINAL_REVIEWER, FIRST_REVIEWER, PUBLISHER, SECOND_REVIEWER
from tests.builders import make_editor, make_reviewer


@pytest.fixture
def editor(django_user_model):
    return make_editor(django_user_model, "li")


@pytest.fixture
def first(django_user_model):
    return make_reviewer(django_user_model, "chu", FIRST_REVIEWER)


@pytest.fixture
def second(django_user_model):
    return make_reviewer(django_user_model, "fu", SECOND_REVIEWER)


@pytest.fixture
def final(django_user_model):
    return make_reviewer(django_user_model, "zhong", FINAL_REVIEWER)


@pytest.fixture
def publisher(django_user_model):
    """Holds all three steps (审核发布) and may edit, like the office's senior staff."""
    return make_reviewer(django_user_model, "zhao", PUBLISHER, EDITOR)
