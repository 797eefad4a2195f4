"""Who may do what in the admin: every role against every admin address, read and forged writes.

The addresses come from `admin.site._registry`, so a model registered tomorrow is checked
tomorrow. What each role may do is written out below as the office's policy (POLICY), not
read back from the admin code under test: each (role, address, method) has one expected
answer, and any difference, on any address, fails with the whole list of differences.

Publishing and withdrawing are kept apart, in PUBLISH_RULES at the bottom, in one table.

The matrix is checked role by role: one signed-in user per role walks every model, each model
in a rolled-back savepoint, so the cells stay independent without a database set-up each. The
same walk reads each page it opens for Latin words where the page names things (the admin is
wholly in Chinese, tests/accounts/admin_names.py): every admin page, as every staff role sees it.
"""

import datetime
import io
import itertools
import logging
from contextlib import contextmanager

import PIL.Image
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEntry, AuditEvent
from accounts.roles import AUDIT_ADMIN, EDITOR, PUBLISHER, SECURITY_ADMIN, SYSTEM_ADMIN
from cooperation.ledgers.models import BatchStatus, ImportBatch
from cooperation.models import Appointment, FigureMetric, Photo, ProgramFigure, SlugRedirect, Source
from govsite.models import SETTINGS_PK, BrokenLink, LinkCheckRun, SectionFreshness, SiteSettings
from projects.models import ProjectUpdate
from review import publishing, registry
from review.models import Grade, ReviewPolicy, SensitiveWord, Status
from review.publishing import submit
from tests.accounts.admin_names import EnglishOnAdminPages, more_pages
from tests.builders import (
    make_delegation,
    make_feedback_message,
    make_meeting,
    make_organization,
    make_pairing,
    make_participant,
    make_person,
    make_project,
    make_region,
    make_site_visit,
    make_speech,
    make_staff,
    make_topic,
)
from tests.security.admin_forms import change_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.rights]


@pytest.fixture(autouse=True)
def _refusals_not_logged():
    """Most answers here are refusals (403, the login page, 404), which Django logs as warnings
    with their traceback, each formatted by the test run in case the test fails: a tenth of the
    matrix's time. They are the answers the matrix checks; their log lines are not under test
    here. Errors (a 500) are still logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)

# The roles ---------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
NOT_STAFF = "signed-in, not staff"
EDITOR_ROLE = "编辑"
PUBLISHER_ROLE = "审核发布"
IMPORTER = "importer"  # staff whose one extra right is ledgers.import_ledger
VIEWER = "view-only staff"  # staff who may view the content records, nothing else
SYSTEM_ROLE = "系统管理员"
SECURITY_ROLE = "安全管理员"
AUDIT_ROLE = "审计管理员"
SUPERUSER = "superuser"
ROLES = [
    ANONYMOUS, NOT_STAFF, EDITOR_ROLE, PUBLISHER_ROLE, IMPORTER, VIEWER,
    SYSTEM_ROLE, SECURITY_ROLE, AUDIT_ROLE, SUPERUSER,
]

CONTENT = [
    "cooperation.region", "cooperation.organization", "cooperation.person", "cooperation.appointment",
    "cooperation.pairing", "cooperation.topic", "cooperation.source", "cooperation.photo",
    "cooperation.programfigure", "visits.delegation", "visits.participant", "visits.sitevisit",
    "visits.meeting", "visits.speech", "projects.project", "projects.projectupdate",
]
VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = frozenset({VIEW, ADD, CHANGE, DELETE})
# The review chain as 审核发布 keeps it: the queue is read-only for everyone (decisions are taken on
# each record's review screen), a grade's chain is changed but never deleted, 错敏词 are kept.
REVIEW_KEEPING = {"review.reviewrequest": {VIEW}, "review.reviewpolicy": {VIEW, CHANGE},
                  "review.sensitiveword": set(ALL)}
# The government-site checks are written by the system: the sections dashboard and the link reports
# are read by those who fix what they find; nobody adds, changes or deletes a row.
SITE_CHECKS = {label: {VIEW} for label in ("govsite.sectionfreshness", "govsite.linkcheckrun", "govsite.brokenlink")}

# The office's policy: per role, per model, which of view/add/change/delete the admin allows.
# A model missing from a role's row is closed to that role. For ImportBatch, "add" is the upload.
POLICY = {
    EDITOR_ROLE: {
        **{label: {VIEW, ADD, CHANGE} for label in CONTENT},
        "ledgers.importbatch": {VIEW, ADD},
        # Messages come from the public form and stay on file: editors answer them.
        "feedback.message": {VIEW, CHANGE},
        **SITE_CHECKS,
    },
    PUBLISHER_ROLE: {
        **{label: set(ALL) for label in CONTENT},
        "ledgers.importbatch": {VIEW, ADD},
        **REVIEW_KEEPING,
        "feedback.message": {VIEW, CHANGE},  # and publishes them, with the reply
        **SITE_CHECKS,
        # One row, made by the migration: changed, never added to or deleted.
        "govsite.sitesettings": {VIEW, CHANGE},
    },
    IMPORTER: {"ledgers.importbatch": {VIEW, ADD}},
    VIEWER: {label: {VIEW} for label in CONTENT},
    SYSTEM_ROLE: {"auth.user": set(ALL), "auth.group": set(ALL), "govsite.sitesettings": {VIEW, CHANGE}},
    SECURITY_ROLE: {
        "axes.accessattempt": {VIEW, DELETE},
        "axes.accesslog": {VIEW},
        "axes.accessfailurelog": {VIEW},
        "otp_totp.totpdevice": {VIEW, CHANGE, DELETE},
    },
    AUDIT_ROLE: {"accounts.auditentry": {VIEW}},
    SUPERUSER: {
        **{label: set(ALL) for label in CONTENT},
        "cooperation.slugredirect": set(ALL),
        "auth.user": set(ALL),
        "auth.group": set(ALL),
        # A device is enrolled by its owner only: not even a superuser adds one for someone else.
        "otp_totp.totpdevice": {VIEW, CHANGE, DELETE},
        # Login records are made by the system only: nobody adds one, every field is read-only
        # (saving the form changes nothing), a lockout is lifted by deleting it.
        "axes.accessattempt": {VIEW, CHANGE, DELETE},
        "axes.accesslog": {VIEW, CHANGE, DELETE},
        "axes.accessfailurelog": {VIEW, CHANGE, DELETE},
        # A batch is a record of what happened: never edited or deleted, only rolled back.
        "ledgers.importbatch": {VIEW, ADD},
        # A grade's chain may be added while a grade has none; the seeded three cover them all.
        **REVIEW_KEEPING, "review.reviewpolicy": {VIEW, ADD, CHANGE},
        "feedback.message": {VIEW, CHANGE},
        **SITE_CHECKS,
        "govsite.sitesettings": {VIEW, CHANGE},
        # The audit log is the 审计管理员's alone, not even a superuser's.
    },
}

# The actions beside the model pages, and who may use them.
CAN_IMPORT = {EDITOR_ROLE, PUBLISHER_ROLE, IMPORTER, SUPERUSER}
CAN_EXPORT_LEDGERS = {EDITOR_ROLE, PUBLISHER_ROLE, SUPERUSER}
CAN_ROLL_BACK = {PUBLISHER_ROLE, SUPERUSER}
CAN_EXPORT_AUDIT_LOG = {AUDIT_ROLE}


# The users ---------------------------------------------------------------------------------


def make_role_user(django_user_model, role):
    if role == ANONYMOUS:
        return None
    if role == NOT_STAFF:
        return django_user_model.objects.create_user("visitor", password="pw-for-tests-only")
    if role == SUPERUSER:
        return django_user_model.objects.create_superuser("root", password="pw-for-tests-only")
    if role == IMPORTER:
        user = make_staff(django_user_model, "importer")
        user.user_permissions.add(Permission.objects.get(codename="import_ledger"))
        return user
    if role == VIEWER:
        user = make_staff(django_user_model, "viewer")
        for label in CONTENT:
            app_label, model = label.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=f"view_{model}")
            )
        return user
    groups = {EDITOR_ROLE: EDITOR, PUBLISHER_ROLE: PUBLISHER, SYSTEM_ROLE: SYSTEM_ADMIN,
              SECURITY_ROLE: SECURITY_ADMIN, AUDIT_ROLE: AUDIT_ADMIN}
    return make_staff(django_user_model, f"user-{role}", groups[role])


def sign_in(client, user):
    if user is not None:
        client.force_login(user)


# One fresh record of each registered model, with nothing depending on it ---------------------

_numbers = itertools.count(1)


def _tiny_photo():
    image = io.BytesIO()
    PIL.Image.new("RGB", (8, 6), "white").save(image, "PNG")
    return Photo.objects.create(image=SimpleUploadedFile("p.png", image.getvalue()), alt_text="一张照片")


def _batch():
    return ImportBatch.objects.create(file_name="台账.csv", sha256="0" * 64, ledgers="考察活动")


def _access_attempt():
    return AccessAttempt.objects.create(
        username="someone", ip_address="203.0.113.9", user_agent="test", failures_since_start=1,
        get_data="", post_data="", http_accept="", path_info="/admin/login/",
    )


def _totp_device(django_user_model):
    owner = make_staff(django_user_model, f"owner{next(_numbers)}")
    return TOTPDevice.objects.create(user=owner, name="手机", confirmed=True)


def _review_request(django_user_model):
    author = make_staff(django_user_model, f"author{next(_numbers)}", EDITOR)
    return submit(make_person(status=Status.DRAFT), author)


def _review_policy():
    policy = ReviewPolicy.objects.get(grade=Grade.NORMAL)
    policy.save()  # seeded by the migration without a version; this gives it one to go back to
    return policy


def _link_check_run():
    return LinkCheckRun.objects.create(started_at=timezone.now(), finished_at=timezone.now(), pages=3, links=9,
                                       broken=1)


def _broken_link():
    seen = timezone.now()
    return BrokenLink.objects.create(page="/visits/", url=f"/nowhere-{next(_numbers)}/", status_code=404,
                                     first_seen=seen, last_seen=seen, last_run=_link_check_run())


FACTORIES = {
    "cooperation.region": lambda user_model: make_region(),
    "cooperation.organization": lambda user_model: make_organization(),
    "cooperation.person": lambda user_model: make_person(status=Status.DRAFT),
    "cooperation.appointment": lambda user_model: Appointment.objects.create(person=make_person(), title="旗长"),
    "cooperation.pairing": lambda user_model: make_pairing("朝阳区", "察右后旗"),
    "cooperation.topic": lambda user_model: make_topic(),
    "cooperation.source": lambda user_model: Source.objects.create(title="一篇报道"),
    "cooperation.photo": lambda user_model: _tiny_photo(),
    "cooperation.programfigure": lambda user_model: ProgramFigure.objects.create(
        pairing=make_pairing("朝阳区", "察右后旗"), year=2024, metric=FigureMetric.choices[0][0]
    ),
    "cooperation.slugredirect": lambda user_model: SlugRedirect.objects.create(
        old_slug=f"old-{next(_numbers)}", content_type=ContentType.objects.get_for_model(Source), object_id=1
    ),
    "visits.delegation": lambda user_model: make_delegation(status=Status.DRAFT),
    "visits.participant": lambda user_model: make_participant(make_delegation(), name_as_printed="张三"),
    "visits.sitevisit": lambda user_model: make_site_visit(make_delegation()),
    "visits.meeting": lambda user_model: make_meeting(status=Status.DRAFT),
    "visits.speech": lambda user_model: make_speech(make_meeting(), name_as_printed="李四"),
    "projects.project": lambda user_model: make_project(status=Status.DRAFT),
    "projects.projectupdate": lambda user_model: ProjectUpdate.objects.create(
        project=make_project(), date=datetime.date(2024, 6, 1), title="开工"
    ),
    "ledgers.importbatch": lambda user_model: _batch(),
    "accounts.auditentry": lambda user_model: AuditEntry.objects.create(event=AuditEvent.LOGIN, username="someone"),
    "auth.user": lambda user_model: user_model.objects.create_user(f"target{next(_numbers)}", is_staff=True),
    "auth.group": lambda user_model: Group.objects.create(name=f"临时角色{next(_numbers)}"),
    "otp_totp.totpdevice": _totp_device,
    "axes.accessattempt": lambda user_model: _access_attempt(),
    "axes.accesslog": lambda user_model: AccessLog.objects.create(
        username="someone", ip_address="203.0.113.9", user_agent="test", http_accept="", path_info="/admin/login/"
    ),
    "axes.accessfailurelog": lambda user_model: AccessFailureLog.objects.create(
        username="someone", ip_address="203.0.113.9", user_agent="test", http_accept="", path_info="/admin/login/",
        locked_out=False,
    ),
    "review.reviewrequest": _review_request,
    # One chain per grade, all seeded: the record is the seeded one, as is the only row of the settings.
    "review.reviewpolicy": lambda user_model: _review_policy(),
    "review.sensitiveword": lambda user_model: SensitiveWord.objects.create(
        word=f"错词{next(_numbers)}", suggestion="正词"
    ),
    "feedback.message": lambda user_model: make_feedback_message(),
    "govsite.sitesettings": lambda user_model: SiteSettings.objects.get(pk=SETTINGS_PK),
    # The dashboard has no rows of its own: the addresses of one are tried with the row it stands on.
    "govsite.sectionfreshness": lambda user_model: SectionFreshness._base_manager.get(pk=SETTINGS_PK),
    "govsite.linkcheckrun": lambda user_model: _link_check_run(),
    "govsite.brokenlink": lambda user_model: _broken_link(),
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)
KNOWN = [model for model in REGISTERED if model._meta.label_lower in FACTORIES]
HISTORIED = [model for model in KNOWN if hasattr(model, "history")]


# Expected answers --------------------------------------------------------------------------

OK, FORBIDDEN, TO_LOGIN, REDIRECT, NOT_FOUND = 200, 403, "login", 302, 404
# An action the user is not offered is refused without a trace: the list again when the user has
# no action at all on it (200), else back to it with "no action chosen" (302). The record stays.
ACTION_REFUSED = "refused"


# Forms an empty POST is a valid save of, for whoever may change: every field is read-only (it changes
# nothing), or every editable one is a check box (a grade's chain, left with 终审签发 alone).
EMPTY_SAVES = {"axes.accessattempt", "axes.accesslog", "axes.accessfailurelog", "review.reviewpolicy"}
# Change pages that are no form: a queue entry opens its record's review screen for whoever may view it.
OPENS_ELSEWHERE = {"review.reviewrequest"}
# Pages an admin does not have at all (the dashboard is one list): their conventional addresses fall
# through to the admin's catch-all, which sends the signed-out to the login page and answers staff 404.
ABSENT_PAGES = {"govsite.sectionfreshness": {"add", "change", "history", "delete"}}


def expected(role, rights, page, method, label=""):
    """The answer `role` must get at one admin address, given its rights on the model."""
    if role in (ANONYMOUS, NOT_STAFF):
        return TO_LOGIN
    if page in ABSENT_PAGES.get(label, ()):
        return NOT_FOUND
    can_view = bool(rights & {VIEW, CHANGE})
    if page in ("changelist", "history"):
        if not can_view:
            return FORBIDDEN
        if page == "changelist" and method == "POST" and DELETE not in rights:
            return ACTION_REFUSED
        return OK  # for a forged bulk delete by one who may delete: the confirmation page
    if page == "add":
        return OK if ADD in rights else FORBIDDEN  # a POST of an empty form comes back with errors
    if page == "change":
        if method == "GET":
            if not can_view:
                return FORBIDDEN
            return REDIRECT if label in OPENS_ELSEWHERE else OK
        if CHANGE not in rights:
            return FORBIDDEN
        return REDIRECT if label in EMPTY_SAVES else OK  # an empty form comes back with errors
    if page == "delete":
        if DELETE not in rights:
            return FORBIDDEN
        return OK if method == "GET" else REDIRECT
    raise AssertionError(page)


def answer(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("admin:login")):
        return TO_LOGIN
    return response.status_code


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def page_url(model, page, *args):
    """The page's address; for a page the admin does not have, the address it would have."""
    if page not in ABSENT_PAGES.get(model._meta.label_lower, ()):
        return admin_url(model, page, *args)
    with pytest.raises(NoReverseMatch):  # declared absent, so it must really be absent
        admin_url(model, page, *args)
    changelist = admin_url(model, "changelist")
    return f"{changelist}{page}/" if page == "add" else f"{changelist}{args[0]}/{page}/"


# Counted on the base manager: a model whose default manager hides rows still keeps them.
def still_there(model, pk):
    return model._base_manager.filter(pk=pk).exists()


def row_count(model):
    return model._base_manager.count()


# The matrix --------------------------------------------------------------------------------
# One test per role: the role's user is made and signed in once, then every model's cell is
# checked in a savepoint that is rolled back (and with an empty cache), so each cell starts from
# the same database as the first. Every difference, on every model, is reported together.


@contextmanager
def cell():
    """One cell of the matrix: whatever it writes, and whatever the cache kept, ends with it."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


def rights_differences(client, django_user_model, role, model, names=None):
    """Every way `role` is answered differently from its rights at the model's admin pages.

    `names`, if given, reads every page opened by GET (EnglishOnAdminPages)."""
    label = model._meta.label_lower
    rights = set(POLICY.get(role, {}).get(label, set()))
    target = FACTORIES[label](django_user_model)
    before = row_count(model)
    differences = []

    def check(page, method, url, data=None):
        response = client.get(url) if method == "GET" else client.post(url, data or {})
        if names is not None and method == "GET":
            names.read(url, response, target)
        want, got = expected(role, rights, page, method, label), answer(response)
        if want == ACTION_REFUSED and got in (OK, REDIRECT):
            got = ACTION_REFUSED
        if want != got:
            differences.append((label, page, method, url, f"expected {want}, got {got}"))
        return response

    check("changelist", "GET", page_url(model, "changelist"))
    check("add", "GET", page_url(model, "add"))
    check("change", "GET", page_url(model, "change", target.pk))
    check("history", "GET", page_url(model, "history", target.pk))
    check("delete", "GET", page_url(model, "delete", target.pk))
    # Forged writes: an empty add form, an empty change form, the bulk delete action.
    check("add", "POST", page_url(model, "add"))
    check("change", "POST", page_url(model, "change", target.pk))
    check("changelist", "POST", page_url(model, "changelist"),
          {"action": "delete_selected", "_selected_action": [target.pk], "index": "0"})
    if (row_count(model), still_there(model, target.pk)) != (before, True):
        differences.append((label, "a forged add, change or bulk action wrote something"))
    check("delete", "POST", page_url(model, "delete", target.pk), {"post": "yes"})
    deleted = not still_there(model, target.pk)
    if deleted != (DELETE in rights and role not in (ANONYMOUS, NOT_STAFF)):
        differences.append((label, "deleted" if deleted else "not deleted"))
    return differences


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_rights_on_every_admin_page_named_in_chinese(client, django_user_model, role):
    user = make_role_user(django_user_model, role)
    sign_in(client, user)
    staff = role not in (ANONYMOUS, NOT_STAFF)
    names = EnglishOnAdminPages(user) if staff else None
    differences = []

    if names:
        names.open(client, ["/admin/", reverse("admin:password_change")])
    for model in KNOWN:
        with cell():
            differences += rights_differences(client, django_user_model, role, model, names)
        if names:
            with cell():
                target = FACTORIES[model._meta.label_lower](django_user_model)
                names.open(client, more_pages(model, target), target)

    assert differences == []
    if names:
        assert len(names.opened) > len(KNOWN)
        assert not names.found, names.report()


def revert_difference(client, django_user_model, role, model):
    """The 历史 page offers each old version as a form; posting it saves that version again."""
    label = model._meta.label_lower
    rights = set(POLICY.get(role, {}).get(label, set()))
    target = FACTORIES[label](django_user_model)
    version = target.history.latest("history_date")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
                  args=[target.pk, version.history_id])
    versions_before = target.history.count()

    response = client.post(url, {})

    may_change = CHANGE in rights and role not in (ANONYMOUS, NOT_STAFF)
    # What the public sees as soon as it is saved (a reference, a part of a published record) is
    # never restored from its history: the change page sends the user to review instead.
    gated = registry.is_reference(model) or registry.parent_field(model) is not None
    live = may_change and gated and publishing.is_live(target)
    saves = may_change and not live and label in EMPTY_SAVES  # a valid empty form: that version is saved again
    if role in (ANONYMOUS, NOT_STAFF):
        want = TO_LOGIN
    elif may_change:
        want = REDIRECT if saves or live else OK  # else the empty form comes back with its errors
    else:
        want = FORBIDDEN
    got = (answer(response), target.history.count() - versions_before)
    return [] if got == (want, int(saves)) else [(label, f"expected {want} and {int(saves)} new version, got {got}")]


@pytest.mark.parametrize("role", ROLES)
def test_reverting_to_an_old_version_needs_the_right_to_change(client, django_user_model, role):
    sign_in(client, make_role_user(django_user_model, role))
    differences = []

    for model in HISTORIED:
        with cell():
            differences += revert_difference(client, django_user_model, role, model)

    assert differences == []


def test_every_registered_model_is_in_the_matrix():
    """A model registered in the admin needs a row here: a record to test with, and its policy."""
    missing = [model._meta.label_lower for model in REGISTERED if model._meta.label_lower not in FACTORIES]
    unknown = set(FACTORIES) - {model._meta.label_lower for model in REGISTERED}
    # Every label the policy names is a registered model (a typo would silently close it to the role).
    misnamed = {label for rights in POLICY.values() for label in rights} - set(FACTORIES)

    assert (missing, unknown, misnamed) == ([], set(), set())


def test_every_admin_page_of_every_model_turns_away_the_anonymous_and_the_rightless(client, django_user_model):
    """Holds for models added later too, before anyone writes their policy row."""
    rightless = make_staff(django_user_model, "nobody")
    pages = []
    for model in REGISTERED:
        for page in ("changelist", "add"):
            try:
                pages.append(admin_url(model, page))
            except NoReverseMatch:  # an admin without an add page at all
                continue
    answers, wanted = [], []

    for url in pages:
        with cell():
            answers.append((url, "anonymous", answer(client.get(url)), answer(client.post(url, {}))))
        wanted.append((url, "anonymous", TO_LOGIN, TO_LOGIN))
    client.force_login(rightless)
    for url in pages:
        with cell():
            answers.append((url, "rightless", answer(client.get(url)), answer(client.post(url, {}))))
        wanted.append((url, "rightless", FORBIDDEN, FORBIDDEN))

    assert answers == wanted


# Object-level limits of the 系统管理员 ----------------------------------------------------------


@pytest.mark.parametrize("group_name", [SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN])
def test_the_administrator_roles_are_read_only_even_for_the_system_administrator(
    client, django_user_model, group_name
):
    client.force_login(make_role_user(django_user_model, SYSTEM_ROLE))
    group = Group.objects.get(name=group_name)
    permissions = set(group.permissions.values_list("pk", flat=True))

    view = client.get(admin_url(Group, "change", group.pk))
    forged = client.post(admin_url(Group, "change", group.pk), {"name": group_name, "permissions": []})
    delete = client.post(admin_url(Group, "delete", group.pk), {"post": "yes"})

    assert (view.status_code, forged.status_code, delete.status_code) == (200, 403, 403)
    assert set(Group.objects.get(pk=group.pk).permissions.values_list("pk", flat=True)) == permissions


def test_the_system_administrator_cannot_touch_a_superuser_or_make_one(client, django_user_model):
    client.force_login(make_role_user(django_user_model, SYSTEM_ROLE))
    root = django_user_model.objects.create_superuser("root", password="pw-for-tests-only")
    plain = django_user_model.objects.create_user("plain", is_staff=True)
    page = client.get(admin_url(django_user_model, "change", plain.pk))
    data = change_form_data(page)
    data["is_superuser"] = "on"

    change_root = client.post(admin_url(django_user_model, "change", root.pk), {"username": "root2"})
    delete_root = client.post(admin_url(django_user_model, "delete", root.pk), {"post": "yes"})
    promote = client.post(admin_url(django_user_model, "change", plain.pk), data)

    assert (change_root.status_code, delete_root.status_code) == (403, 403)
    assert django_user_model.objects.get(pk=root.pk).username == "root"
    assert promote.status_code == 302  # saved, but is_superuser is read-only for them
    assert django_user_model.objects.get(pk=plain.pk).is_superuser is False


def test_nobody_changes_their_own_roles(client, django_user_model):
    admin_user = make_role_user(django_user_model, SYSTEM_ROLE)
    client.force_login(admin_user)
    page = client.get(admin_url(django_user_model, "change", admin_user.pk))
    data = change_form_data(page)
    data["groups"] = [str(Group.objects.get(name=AUDIT_ADMIN).pk)]

    client.post(admin_url(django_user_model, "change", admin_user.pk), data)

    assert list(admin_user.groups.values_list("name", flat=True)) == [SYSTEM_ADMIN]


# Import, export, rollback, the audit log's export -------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_import_export_and_rollback_go_to_exactly_the_roles_allowed(client, django_user_model, role):
    sign_in(client, make_role_user(django_user_model, role))
    batch = _batch()
    batches = ImportBatch.objects.count()

    def outcome(allowed, ok=OK):
        if role in (ANONYMOUS, NOT_STAFF):
            return TO_LOGIN
        return ok if role in allowed else FORBIDDEN

    checks = [
        ("upload page", client.get(reverse("admin:ledgers_importbatch_add")), outcome(CAN_IMPORT)),
        # A forged confirmation: no dry run in this session, so it is sent back to upload.
        ("confirm", client.post(reverse("admin:ledgers_importbatch_confirm"),
                                {"token": "a" * 32, "file_name": "x.csv", "sha256": "0" * 64}),
         outcome(CAN_IMPORT, REDIRECT)),
        ("confirm by GET", client.get(reverse("admin:ledgers_importbatch_confirm")), outcome(CAN_IMPORT, REDIRECT)),
        ("export page", client.get(reverse("admin:ledgers_importbatch_export")), outcome(CAN_EXPORT_LEDGERS)),
        ("export", client.post(reverse("admin:ledgers_importbatch_export"),
                               {"ledger": "trips", "file_format": "csv"}), outcome(CAN_EXPORT_LEDGERS)),
        ("rollback page", client.get(reverse("admin:ledgers_importbatch_rollback", args=[batch.pk])),
         outcome(CAN_ROLL_BACK)),
        ("audit log export", client.get(reverse("admin:accounts_auditentry_export")),
         outcome(CAN_EXPORT_AUDIT_LOG)),
        ("rollback", client.post(reverse("admin:ledgers_importbatch_rollback", args=[batch.pk])),
         outcome(CAN_ROLL_BACK, REDIRECT)),
    ]

    assert [(name, answer(response)) for name, response, _want in checks] == [
        (name, want) for name, _response, want in checks
    ]
    batch.refresh_from_db()
    assert (batch.status == BatchStatus.ROLLED_BACK) == (role in CAN_ROLL_BACK)
    assert ImportBatch.objects.count() == batches


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_index_lists_only_what_the_role_may_open(client, django_user_model, role):
    sign_in(client, make_role_user(django_user_model, role))

    response = client.get(reverse("admin:index"))

    if role in (ANONYMOUS, NOT_STAFF):
        assert answer(response) == TO_LOGIN
        return
    assert response.status_code == 200
    listed = {
        f"{app['app_label']}.{entry['object_name'].lower()}"
        for app in response.context["app_list"]
        for entry in app["models"]
    }
    policy = {label for label, rights in POLICY.get(role, {}).items() if rights}
    assert listed & set(FACTORIES) == policy


# Publishing and withdrawing ----------------------------------------------------------------
# Nobody publishes or withdraws from a list or a form: those who may change a record send it to
# review (待审), and it is published or withdrawn on its review screen, step by step (初审 → 复审
# → 终审, tested with the review chain). Here: what each way of asking leaves the status at. Each
# row is (how, the status before, the status asked for, the status after for a role that may
# change the record); any other role is refused and the status stays as it was.

CAN_CHANGE_CONTENT = {EDITOR_ROLE, PUBLISHER_ROLE, SUPERUSER}
PUBLISHABLE = {
    "cooperation.person": lambda status: make_person(status=status),
    "visits.delegation": lambda status: make_delegation(status=status),
    "visits.meeting": lambda status: make_meeting(status=status),
    "projects.project": lambda status: make_project(status=status),
}
PUBLISH_RULES = [
    # The old one-step actions are gone: a forged one changes nothing.
    ("publish action", Status.REVIEW, Status.PUBLISHED, Status.REVIEW),
    ("withdraw action", Status.PUBLISHED, Status.WITHDRAWN, Status.PUBLISHED),
    ("change form", Status.DRAFT, Status.PUBLISHED, Status.DRAFT),
    ("change form", Status.DRAFT, Status.REVIEW, Status.REVIEW),
    # A published record's status is read-only; a save only submits a revision for review.
    ("change form", Status.PUBLISHED, Status.WITHDRAWN, Status.PUBLISHED),
    ("change form", Status.PUBLISHED, Status.DRAFT, Status.PUBLISHED),
    ("change form", Status.WITHDRAWN, Status.REVIEW, Status.REVIEW),
    ("revert to an old version", Status.PUBLISHED, Status.DRAFT, Status.PUBLISHED),
]


def ask_for_status(client, model, record, how, status, page=None):
    """`page`: the record's change page, for the change form (opened here if not given)."""
    if how in ("publish action", "withdraw action"):
        action = "publish_selected" if how == "publish action" else "withdraw_selected"
        return client.post(admin_url(model, "changelist"),
                           {"action": action, "_selected_action": [record.pk], "index": "0"})
    if how == "change form":
        page = page if page is not None else client.get(admin_url(model, "change", record.pk))
        data = change_form_data(page) if page.status_code == 200 else {}
        data["status"] = status
        return client.post(admin_url(model, "change", record.pk), data)
    # The 历史 page's form for a version saved while the record was still a draft.
    old = record.history.filter(status=status).latest("history_date")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
                  args=[record.pk, old.history_id])
    page = client.get(url)
    data = change_form_data(page) if page.status_code == 200 else {}
    return client.post(url, data)


@pytest.mark.parametrize("role", [r for r in ROLES if r not in (ANONYMOUS, NOT_STAFF)])
def test_no_form_or_list_action_publishes_or_withdraws(client, django_user_model, role):
    sign_in(client, make_role_user(django_user_model, role))
    outcomes, wanted = [], []

    for label, make in PUBLISHABLE.items():
        model = next(m for m in REGISTERED if m._meta.label_lower == label)
        with cell():
            # The change form is tried on one record per status it starts from, its change page
            # opened once: each try is rolled back (a cell of its own), so the next starts from
            # the same record and page.
            change_forms = {}
            for how, before, asked, after in PUBLISH_RULES:
                page = None
                if how == "revert to an old version":
                    record = make(asked)
                    record.status = before
                    record.published_at = timezone.now()
                    record.save()
                elif how == "change form":
                    if before not in change_forms:
                        record = make(before)
                        change_forms[before] = record, client.get(admin_url(model, "change", record.pk))
                    record, page = change_forms[before]
                else:
                    record = make(before)
                with cell():
                    ask_for_status(client, model, record, how, asked, page)
                    record.refresh_from_db()
                    outcomes.append((label, how, before, asked, record.status))
                wanted.append((label, how, before, asked, after if role in CAN_CHANGE_CONTENT else before))

    assert outcomes == wanted
