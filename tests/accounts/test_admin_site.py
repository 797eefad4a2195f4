"""The admin's app list and sidebar, worked out once per process, are still Django's for every user."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite as DjangoAdminSite
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from accounts.roles import ALL_ROLES, AUDIT_ADMIN, EDITOR, SYSTEM_ADMIN
from tests.accounts.helpers import make_role_user
from tests.builders import make_delegation, make_editor, make_staff

pytestmark = pytest.mark.django_db

SIDEBAR = re.compile(r'<button class="sticky toggle-nav-sidebar".*?</nav>', re.DOTALL)


def as_django_builds_it(user, app_label=None):
    request = RequestFactory().get("/admin/")
    request.user = user
    return DjangoAdminSite.get_app_list(admin.site, request, app_label)


def as_the_site_builds_it(user, app_label=None):
    request = RequestFactory().get("/admin/")
    request.user = user
    return admin.site.get_app_list(request, app_label)


def comparable(app_list):
    """Names are lazy in Django's list and plain text in ours: both as the page prints them."""
    return [
        {**app, "name": str(app["name"]), "models": [{**m, "name": str(m["name"])} for m in app["models"]]}
        for app in app_list
    ]


def sidebar(response):
    return SIDEBAR.search(response.content.decode()).group()


def djangos_sidebar(response):
    """What Django's own template renders for this response's page, made afresh."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        html = render_to_string(
            "admin/nav_sidebar.html",
            {"available_apps": response.context["available_apps"]},
            request=response.wsgi_request,
        )
    return SIDEBAR.search(html).group()


def users(django_user_model):
    everyone = [django_user_model.objects.create_superuser("root", password="x")]
    everyone += [make_role_user(django_user_model, role, f"user-{n}") for n, role in enumerate(ALL_ROLES)]
    one_permission = make_staff(django_user_model, "one-permission")
    one_permission.user_permissions.add(Permission.objects.get(codename="view_speech"))
    return [*everyone, one_permission]


@pytest.mark.parametrize("app_label", [None, "visits", "auth"])
def test_the_app_list_is_djangos_for_every_role(django_user_model, app_label):
    everyone = users(django_user_model)

    ours = [comparable(as_the_site_builds_it(user, app_label)) for user in everyone]

    assert ours == [comparable(as_django_builds_it(user, app_label)) for user in everyone]


def test_a_permission_or_role_given_or_taken_shows_on_the_next_page(client, django_user_model):
    editor = make_editor(django_user_model)
    client.force_login(editor)
    page = reverse("admin:visits_delegation_changelist")
    before = client.get(page)

    editor.user_permissions.add(Permission.objects.get(codename="view_sitesettings"))
    with_permission = client.get(page)
    editor.user_permissions.clear()
    editor.groups.add(Group.objects.get(name=SYSTEM_ADMIN))
    with_role = client.get(page)
    editor.groups.remove(Group.objects.get(name=SYSTEM_ADMIN))
    after = client.get(page)

    def listed(response):
        return [m["object_name"] for app in response.context["available_apps"] for m in app["models"]]

    assert "SiteSettings" not in listed(before) and "model-sitesettings" not in sidebar(before)
    assert "SiteSettings" in listed(with_permission) and "model-sitesettings" in sidebar(with_permission)
    assert {"User", "Group", "SiteSettings"} <= set(listed(with_role)) and "model-user" in sidebar(with_role)
    assert listed(after) == listed(before)
    assert sidebar(after) == sidebar(before)


@pytest.mark.parametrize("role", [None, EDITOR, AUDIT_ADMIN])
def test_the_sidebar_is_djangos_own_on_every_kind_of_page(client, django_user_model, role):
    user = (
        django_user_model.objects.create_superuser("root", password="x")
        if role is None
        else make_role_user(django_user_model, role)
    )
    client.force_login(user)
    trip = make_delegation()
    pages = [
        reverse("admin:visits_delegation_changelist"),
        reverse("admin:visits_speech_changelist"),
        reverse("admin:visits_delegation_change", args=[trip.pk]),
        reverse("admin:accounts_auditentry_changelist"),
        reverse("admin:password_change"),
        # The first again, its sidebar now kept: the current model marked where it was.
        reverse("admin:visits_delegation_changelist"),
    ]

    responses = [client.get(page) for page in pages]

    shown = [response for response in responses if response.status_code == 200]
    assert shown, "the role opens none of the pages"
    assert [sidebar(response) for response in shown] == [djangos_sidebar(response) for response in shown]


def test_the_current_model_is_marked_on_its_own_pages_only(admin_client):
    trips = admin_client.get(reverse("admin:visits_delegation_changelist"))
    speeches = admin_client.get(reverse("admin:visits_speech_changelist"))
    trips_again = admin_client.get(reverse("admin:visits_delegation_changelist"))

    def current(response):
        return re.findall(r'<tr class="model-(\w+) current-model">', sidebar(response))

    assert [current(trips), current(speeches), current(trips_again)] == [["delegation"], ["speech"], ["delegation"]]


def test_the_sidebar_follows_the_language(admin_client):
    page = reverse("admin:visits_delegation_changelist")
    chinese = admin_client.get(page)

    admin_client.cookies["django_language"] = "en"
    english = admin_client.get(page)

    assert 'placeholder="开始输入以筛选..."' in sidebar(chinese)
    assert 'placeholder="Start typing to filter…"' in sidebar(english)
    assert [sidebar(chinese), sidebar(english)] == [djangos_sidebar(chinese), djangos_sidebar(english)]


def test_kept_addresses_are_djangos_under_each_script_prefix_and_url_conf(settings):
    from django.contrib.admin.widgets import AutocompleteSelect as DjangosAutocompleteSelect
    from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
    from django.forms import Select
    from django.urls import clear_url_caches, get_script_prefix, set_script_prefix

    from accounts.admin_base import AutocompleteSelect, RelatedFieldLinks
    from accounts.admin_site import kept_reverse
    from visits.models import Participant

    person = Participant._meta.get_field("person")
    ours, djangos = (
        wrapper(Select(), person.remote_field, admin.site) for wrapper in (RelatedFieldLinks, RelatedFieldWidgetWrapper)
    )
    search, djangos_search = (
        widget(person, admin.site) for widget in (AutocompleteSelect, DjangosAutocompleteSelect)
    )
    prefix = get_script_prefix()
    try:
        for script_prefix in ("/", "/records/", "/"):
            set_script_prefix(script_prefix)
            for action, args in (("change", ("__fk__",)), ("add", ()), ("delete", ("__fk__",))):
                assert ours.get_related_url(("cooperation", "person"), action, *args) == djangos.get_related_url(
                    ("cooperation", "person"), action, *args
                )
            assert search.get_url() == djangos_search.get_url()
            assert kept_reverse("admin:index").startswith(script_prefix)
    finally:
        set_script_prefix(prefix)

    settings.ROOT_URLCONF = "tests.accounts.test_admin_site"
    clear_url_caches()
    with pytest.raises(NoReverseMatch):
        kept_reverse("admin:index")


urlpatterns = []
