"""What every admin of a publishable record shares: the review chain, and how a record gets to it.

Nobody sets 已发布 or 已撤回 in a form. An editor (or anyone who may change the record) sends it
to review by choosing 待审, or asks for a published record's withdrawal with an action; saving a
published record submits the change for review instead of changing what the public sees. The
steps themselves are taken on the record's review screen (…/review/).
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import DateField, Model, Q, QuerySet, TextField
from django.db.models.constants import LOOKUP_SEP
from django.forms.formsets import all_valid
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.admin_base import ChoicesReadWithNames, KeysCheckedByTheirChoices, RelatedLinksKept
from accounts.admin_site import kept_reverse
from accounts.admin_views import HistoryAdmin
from accounts.audit import AuditEvent, Outcome
from accounts.audit import record as audit
from review import publishing, registry
from review.form_data import as_lists, form_data
from review.models import (
    ReviewAction,
    ReviewDecision,
    ReviewState,
    ReviewStep,
    SecrecyConclusion,
    Status,
)
from review.publishing import ReviewRefused
from review.registry import displayed_date_fields
from review.roles import user_can_review

EDITOR_STATUSES = [Status.DRAFT, Status.REVIEW]
RECENT_DAYS = 7


class WorkListFilter(admin.SimpleListFilter):
    """The lists the staff start page links to: my drafts, and what was published this week."""

    title = _("我的工作")
    parameter_name = "work"
    MINE, RECENT = "my-drafts", "recent"

    def lookups(self, request, model_admin):
        return [
            (self.MINE, _("我的草稿")),
            (self.RECENT, _("近 %(days)d 天发布") % {"days": RECENT_DAYS}),
        ]

    def queryset(self, request, queryset):
        if self.value() == self.MINE:
            return queryset.drafts_of(request.user)
        if self.value() == self.RECENT:
            return queryset.published_since(timezone.now() - datetime.timedelta(days=RECENT_DAYS))
        return queryset

# What the admin form posts besides the record's data: never part of a pending revision.
FORM_CONTROLS = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "_edit_version"}


def latest_version(obj):
    """The id of the record's newest history entry: it changes whenever anyone saves it."""
    if obj is None or obj.pk is None:
        return ""
    newest = obj.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()
    return str(newest or "")


def describe_changes_since(obj, version):
    """What others changed after `version`, in words: who, when, which fields from what to what."""
    history = obj.history.model
    try:
        seen = history.objects.get(pk=version)
    except (history.DoesNotExist, ValueError, TypeError):
        return []
    lines = []
    later = obj.history.filter(history_date__gt=seen.history_date).order_by("history_date")
    previous = seen
    for entry in later.select_related("history_user"):
        who = entry.history_user.get_username() if entry.history_user else _("系统")
        when = timezone.localtime(entry.history_date).strftime("%Y-%m-%d %H:%M")
        for change in entry.diff_against(previous).changes:
            label = obj._meta.get_field(change.field).verbose_name
            lines.append(
                _("%(who)s 于 %(when)s 把“%(field)s”从“%(old)s”改为“%(new)s”")
                % {"who": who, "when": when, "field": label, "old": change.old or "", "new": change.new or ""}
            )
        previous = entry
    return lines


class RecordChangeList(ChangeList):
    """Django's change list, each row's address made from one reversed address.

    Django reverses the change page's address once per row (a hundred URL resolutions a page);
    for an integer key the address differs only in it, so it is reversed once (and kept, as the
    change forms' addresses are: `kept_reverse`) and the key put in.
    """

    # A key no record has, to find where a key goes in the reversed address.
    MARK = 918273645546372819

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        if type(pk) is not int:
            return super().url_for_result(result)
        parts = getattr(self, "_change_url_parts", None)
        if parts is None:
            url = kept_reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(self.MARK,),
                current_app=self.model_admin.admin_site.name,
            )
            parts = self._change_url_parts = url.split(str(self.MARK))
        return str(pk).join(parts)


class RecordAdmin(RelatedLinksKept, ChoicesReadWithNames, HistoryAdmin):
    """History for every record, and no silent overwrite when two staff edit the same one.

    The change form carries the version of the record it was opened on. If someone saved the
    record in between, saving is refused with what they changed; the form keeps this user's
    input and now carries the new version, so saving again is a decision, not an accident.
    Its foreign keys are checked once, by the form's choice fields (`KeysCheckedByTheirChoices`).
    """

    form = KeysCheckedByTheirChoices
    change_form_template = "admin/record_change_form.html"

    def get_changelist(self, request, **kwargs):
        return RecordChangeList

    # pg_trgm serves LIKE '%term%' from an index only when the term has a trigram: 3 characters.
    INDEXED_TERM_LENGTH = 3

    def get_search_results(self, request, queryset, search_term):
        """Django's search, a term of 3 characters or more matched field by field and the matches joined.

        Django ORs `icontains` over every search field in one WHERE; when one of them lies across
        a relation (a speech's person's name, a trip's participants), PostgreSQL can use none of
        the trigram indexes and reads the whole table — and a relation to many rows makes the
        list DISTINCT and its count a count over a join. Here each field is matched alone (each
        through its own index) and the list keeps the records whose key is among the matches:
        the same records, no duplicates, one query. A shorter term has no trigram, so no index
        can serve it: it keeps Django's one scan, which stops once a page of rows is found, with
        each related field's matches read once beside it rather than joined (no DISTINCT).
        """
        fields = [str(field) for field in self.get_search_fields(request)]
        if not search_term or not any(LOOKUP_SEP in field for field in fields) or not all(
            self._plain_search_field(field) for field in fields
        ):
            return super().get_search_results(request, queryset, search_term)
        records = self.model._base_manager.order_by()
        for bit in smart_split(search_term):
            term = unescape_string_literal(bit) if bit.startswith(('"', "'")) and bit[0] == bit[-1] else bit
            matches = [records.filter(**{f"{field}__icontains": term}).values("pk") for field in fields]
            if len(term) >= self.INDEXED_TERM_LENGTH:
                queryset = queryset.filter(pk__in=matches[0].union(*matches[1:]))
            else:
                queryset = queryset.filter(Q.create([
                    (f"{field}__icontains", term) if LOOKUP_SEP not in field else ("pk__in", match)
                    for field, match in zip(fields, matches, strict=True)
                ], connector=Q.OR))
        return queryset, False

    def _plain_search_field(self, field):
        """A field's path without a prefix (^, =, @) or a lookup of its own: searched with icontains."""
        if field[0] in "^=@":
            return False
        try:
            get_fields_from_path(self.model, field)
        except (FieldDoesNotExist, NotRelationField):
            return False
        return True

    def get_empty_value_display(self):
        # Asked once per cell of a change list (eight hundred times for a page of trips).
        try:
            display = self.empty_value_display
        except AttributeError:
            display = self.admin_site.empty_value_display
        if display != getattr(self, "_empty_value_source", None):
            self._empty_value_source, self._empty_value_display = display, mark_safe(display)
        return self._empty_value_display

    def action_checkbox(self, obj):
        # Django renders this box through the form-widget templates, once per row: a third of a
        # 100-row change list's time. The same markup, made directly (format_html's escaping
        # without its second pass over the arguments, the name a constant).
        label = gettext("Select this object for an action - {}").format(conditional_escape(str(obj)))
        return SafeString(
            f'<input type="checkbox" name="{ACTION_CHECKBOX_NAME}" value="{conditional_escape(obj.pk)}" '
            f'class="action-select" aria-label="{label}">'
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.record_of_change_view(request, object_id)
        extra_context["edit_version"] = latest_version(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def record_of_change_view(self, request, object_id):
        """The record a change page opens, read once for what the page shows beside its form
        (the version it was opened at, its review panel). Django's view reads its own, which
        the form writes into."""
        records = request.__dict__.setdefault("_change_view_records", {})
        key = (self.model, object_id)
        if key not in records:
            records[key] = self.get_object(request, admin.utils.unquote(object_id))
        return records[key]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form

        class VersionCheckedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                submitted = self.data.get("_edit_version")
                if submitted is not None and submitted != latest_version(self.instance):
                    changes = describe_changes_since(self.instance, submitted)
                    raise forms.ValidationError(
                        _("在你编辑期间，别人已保存了这条记录：%(changes)s。你的修改尚未保存；"
                          "请核对后再次保存（将以你的内容为准）。")
                        % {"changes": "；".join(changes) or _("内容有变动")},
                        code="edit_conflict",
                    )
                return cleaned_data

        return VersionCheckedForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may view a record post its revert form, and
        # saves it: reverting is a change, so it needs the right to change the record.
        if request.method == "POST":
            obj = self.get_object(request, admin.utils.unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
            if publishing.is_live(obj):
                # What the public sees changes only through the review chain; restoring would save
                # the old version's many-to-many fields straight onto the published record (or onto
                # a part of one, or a reference, which the public sees as soon as it is saved).
                self.message_user(request, _("公众可见的内容不能直接恢复为旧版本：请在修改页修改后提交审核。"),
                                  messages.ERROR)
                opts = self.model._meta
                return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change",
                                                    args=[obj.pk], current_app=self.admin_site.name))
        return super().history_form_view(request, object_id, version_id, extra_context)


class PublishableForm(KeysCheckedByTheirChoices):
    """A record's form, asking for a reason when a published record's displayed date changes."""

    date_change_reason = forms.CharField(
        label=_("修改显示日期的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("已发布记录的日期有改动时必填，连同修改人记入审计日志。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        key = self.add_prefix("grade")
        if "grade" in self.fields and self.is_bound and key not in self.data:
            # A post without the grade (an older form, a script) keeps the record's grade.
            self.data = self.data.copy()
            self.data[key] = self.instance.grade

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and getattr(self.instance, "status", None) == Status.PUBLISHED:
            changed = [name for name in displayed_date_fields(type(self.instance)) if name in self.changed_data]
            if changed and not (cleaned_data.get("date_change_reason") or "").strip():
                self.add_error("date_change_reason", _("已发布记录的显示日期有改动，请填写理由。"))
        return cleaned_data


class DecisionForm(forms.Form):
    opinion = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3, "cols": 70}), required=False)
    secrecy = forms.ChoiceField(
        label=_("保密审查结论"), choices=SecrecyConclusion.choices, widget=forms.RadioSelect, required=False
    )
    step = forms.CharField(widget=forms.HiddenInput, required=False)


def _reads_differently(old, new):
    """Whether a reader would see a change: a form posts line ends as CRLF and trims the ends."""
    return str(old).replace("\r\n", "\n").strip() != str(new).replace("\r\n", "\n").strip()


def current_value(record, name):
    """A field's value on the record as it is; a to-many field's records in a list, read with what
    their names show where their queryset says what that is (`with_names()`: a pairing's two
    regions in the one query, not two more per pairing)."""
    value = getattr(record, name)
    if not hasattr(value, "all"):
        return value
    related = value.all()
    with_names = getattr(related, "with_names", None)
    return list(with_names() if with_names else related)


def display_value(model, name, value):
    """A field's value as a reviewer reads it: choices by label, related records by name."""
    if isinstance(value, QuerySet | list | tuple):
        return "、".join(str(item) for item in value) or "—"
    if value is None or value == "":
        return "—"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if getattr(field, "flatchoices", None) and not isinstance(value, Model):
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


class PublishableAdmin(RecordAdmin):
    """The review chain in the admin: submitting, the pending revision of a published record, the review screen.

    The rule holds on every path: the status field offers only 草稿/待审, a published record's
    status and the first publication time are read-only, a forged POST is cut back by the form
    itself, and saving a published record only submits the change.
    """

    form = PublishableForm
    actions = ["submit_selected", "request_withdrawal_selected"]
    date_hierarchy = None
    review_template = "admin/review/review.html"

    # --- the form ---------------------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_status:
            return readonly
        readonly.append("published_at")
        if obj is not None and obj.status == Status.PUBLISHED:
            readonly.append("status")
        return readonly

    @property
    def has_status(self):
        return hasattr(self.model, "status")

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return [WorkListFilter, *filters] if self.has_status else filters

    def get_fieldsets(self, request, obj=None):
        extra = ["grade"]
        if obj is not None and getattr(obj, "status", None) == Status.PUBLISHED and displayed_date_fields(self.model):
            extra.append("date_change_reason")
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field not in extra]
            if "status" in fields:
                at = fields.index("published_at") + 1 if "published_at" in fields else fields.index("status") + 1
                fields[at:at] = extra
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "status" in form.base_fields:
            allowed = [*EDITOR_STATUSES, *([obj.status] if obj is not None and obj.status == Status.WITHDRAWN else [])]
            field = form.base_fields["status"]
            field.choices = [(value, label) for value, label in Status.choices if value in allowed]
            field.widget = forms.Select(choices=field.choices)
            field.help_text = _("选“待审”即提交审核；通过终审签发后发布。")
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.record_of_change_view(request, object_id)
        if obj is not None:
            extra_context["review_panel"] = self.review_panel(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def review_panel(self, request, obj):
        requests = list(
            publishing.requests_of(obj).select_related("submitted_by").prefetch_related("opinions__reviewer")
        )
        pending = next((r for r in requests if r.is_pending), None)
        closed = [r for r in requests if not r.is_pending and r.state != ReviewState.SUPERSEDED]
        last = closed[0] if closed else None
        rejection = None
        if last is not None and last.state == ReviewState.REJECTED:
            rejection = next((o for o in reversed(last.opinions.all()) if o.decision == ReviewDecision.REJECT), None)
        return {
            "requests": requests,
            "pending": pending,
            "rejection": rejection,
            "review_url": self.review_url(obj),
        }

    def review_url(self, obj):
        info = self.model._meta.app_label, self.model._meta.model_name
        return reverse(f"admin:{info[0]}_{info[1]}_review", args=[obj.pk], current_app=self.admin_site.name)

    # --- saving: status changes go to the chain ---------------------------------------------

    def save_model(self, request, obj, form, change):
        if getattr(request, "_applying_revision", False):
            super().save_model(request, obj, form, change)
            return
        if not self.has_status:
            # A reference (a topic, a source …) that the public sees: a change waits.
            if change and publishing.is_live(obj):
                request._revision_pending = True
                return
            super().save_model(request, obj, form, change)
            return
        stored = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first() if change else None
        if stored == Status.PUBLISHED:
            # The public keeps the approved version: the change waits for the chain (save_related).
            request._revision_pending = True
            return
        wanted = obj.status
        if wanted not in EDITOR_STATUSES and wanted != stored:
            audit(AuditEvent.PUBLISH, request=request, obj=obj, outcome=Outcome.DENIED, detail=_("未经审核直接发布"))
            raise PermissionDenied
        # The status itself changes only through publishing.submit() and cancel().
        obj.status = stored or Status.DRAFT
        request._review_intent = wanted
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_applying_revision", False):
            super().save_related(request, form, formsets, change)
            return
        if getattr(request, "_revision_pending", False):
            self.submit_revision(request, form, formsets)
            for formset in formsets:
                # Nothing was saved; the admin's change message still reads these.
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)
        if not self.has_status:
            return
        obj = form.instance
        wanted = getattr(request, "_review_intent", obj.status)
        pending = publishing.pending_request(obj)
        content_changed = any(name != "status" for name in form.changed_data) or any(
            formset.has_changed() for formset in formsets
        )
        try:
            if wanted == Status.REVIEW and (pending is None or content_changed):
                review_request = publishing.submit(obj, request.user, request=request)
                self.message_user(request, self.submitted_message(review_request, restarted=pending is not None),
                                  messages.SUCCESS)
            elif wanted == Status.DRAFT and pending is not None:
                publishing.cancel(pending, request.user, request=request)
                self.message_user(request, _("已撤销送审，记录回到草稿。"), messages.INFO)
        except ReviewRefused as error:
            self.message_user(request, str(error), messages.ERROR)

    def submitted_message(self, review_request, restarted=False):
        chain = " → ".join(str(label) for label in review_request.step_labels())
        if restarted:
            return _("内容有改动，审核从头开始（%(chain)s）。") % {"chain": chain}
        return _("已提交审核（%(chain)s）。") % {"chain": chain}

    def submit_revision(self, request, form, formsets):
        """Keep the change of a published record as a pending revision of a new submission."""
        live = type(form.instance).objects.get(pk=form.instance.pk)
        changed = [name for name in form.changed_data if name != "date_change_reason"]
        changed_inlines = [formset for formset in formsets if formset.has_changed()]
        if not changed and not changed_inlines:
            request._revision_outcome = _("没有改动，无需提交审核。")
            return
        if request.FILES:
            request._revision_outcome = _(
                "文件不能随修改送审：请新建一条记录上传新文件，再在使用它的记录中改用。修改未保存。")
            request._revision_level = messages.ERROR
            return
        revision = {key: request.POST.getlist(key) for key in request.POST if key not in FORM_CONTROLS}
        parts = [str(form.fields[name].label) for name in changed if name in form.fields]
        parts += [str(formset.model._meta.verbose_name) for formset in changed_inlines]
        summary = _("修改：%(fields)s") % {"fields": "、".join(parts)}
        dates = self.date_changes(live, form)
        reason = (form.cleaned_data.get("date_change_reason") or "").strip()
        if dates:
            summary += _("；显示日期 %(dates)s，理由：%(reason)s") % {"dates": dates, "reason": reason}
        try:
            review_request = publishing.submit(
                live, request.user, ReviewAction.CHANGE, revision=revision, summary=summary,
                grade=form.cleaned_data.get("grade"), request=request,
            )
        except ReviewRefused as error:
            request._revision_outcome = str(error)
            request._revision_level = messages.ERROR
            return
        if dates:
            audit(AuditEvent.PUBLISH, request=request, obj=live,
                  detail=_("申请修改显示日期：%(dates)s；理由：%(reason)s") % {"dates": dates, "reason": reason})
        request._revision_outcome = _(
            "修改已提交审核（%(chain)s）。通过终审签发前，公众看到的仍是已发布的版本。"
        ) % {"chain": " → ".join(str(label) for label in review_request.step_labels())}

    def date_changes(self, live, form):
        changes = []
        for name in displayed_date_fields(self.model):
            if name in form.changed_data:
                label = self.model._meta.get_field(name).verbose_name
                old = display_value(self.model, name, getattr(live, name))
                new = display_value(self.model, name, form.cleaned_data.get(name))
                changes.append(f"{label} {old} → {new}")
        return "，".join(changes)

    def log_change(self, request, obj, message):
        if getattr(request, "_revision_pending", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "_revision_pending", False):
            outcome = getattr(request, "_revision_outcome", "")
            self.message_user(request, outcome, getattr(request, "_revision_level", messages.INFO))
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # --- applying an approved revision ------------------------------------------------------

    def revision_forms(self, request, record, review_request):
        """The record's form and inline formsets bound to the pending revision.

        Built as the submitter's form (the fields and inlines they could change), not the
        reviewer's, who may hold no change permission at all.
        """
        data = QueryDict(mutable=True)
        for key, values in (review_request.revision or {}).items():
            data.setlist(key, values)
        replay = HttpRequest()
        replay.method, replay.path, replay.META = "POST", request.path, request.META
        replay.user = review_request.submitted_by or request.user
        replay.POST, replay.FILES = data, MultiValueDict()
        replay._applying_revision = True
        form = self.get_form(replay, record, change=True)(data, {}, instance=record)
        form_valid = form.is_valid()
        formsets, _inlines = self._create_formsets(replay, form.instance if form_valid else record, change=True)
        valid = all_valid(formsets) and form_valid
        return replay, form, formsets, valid

    def revision_replay(self, request, record, review_request):
        """(form, formsets, valid): the pending revision replayed on a copy of the record, as the
        review screen reads it — once per request, for the list of changes and the content alike."""
        replays = request.__dict__.setdefault("_revision_replays", {})
        key = (type(record), record.pk, review_request.pk)
        if key not in replays:
            # The forms write the revision into the instance they are given: give them a copy.
            working = type(record).objects.get(pk=record.pk)
            _replay, form, formsets, valid = self.revision_forms(request, working, review_request)
            replays[key] = form, formsets, valid
        return replays[key]

    def revision_errors(self, form, formsets):
        errors = [f"{form.fields[name].label if name in form.fields else ''}{' '.join(e)}"
                  for name, e in form.errors.items()]
        for formset in formsets:
            errors += [str(error) for error in formset.non_form_errors()]
            errors += [" ".join(" ".join(v) for v in e.values()) for e in formset.errors if e]
        return "；".join(errors)

    def apply_revision(self, request, record, review_request):
        if request is None:
            request = HttpRequest()
        if getattr(request, "user", None) is None or not request.user.is_authenticated:
            request.user = review_request.opinions.order_by("-decided_at").first().reviewer
        live = type(record).objects.get(pk=record.pk)
        replay, form, formsets, valid = self.revision_forms(request, record, review_request)
        if not valid:
            raise ReviewRefused(
                _("待审修改已无法应用（记录在此期间有变动）：%(errors)s。请退回，由编辑重新修改。")
                % {"errors": self.revision_errors(form, formsets)}
            )
        dates = self.date_changes(live, form)
        obj = self.save_form(replay, form, change=True)
        obj._change_reason = _("审核通过的修改")
        self.save_model(replay, obj, form, True)
        self.save_related(replay, form, formsets, True)
        self.log_change(replay, obj, self.construct_change_message(replay, form, formsets, False))
        if dates:
            submitter = review_request.submitted_by.get_username() if review_request.submitted_by else ""
            audit(AuditEvent.PUBLISH, request=request, obj=obj, detail=_(
                "显示日期修改生效：%(dates)s；理由：%(reason)s；修改人：%(who)s"
            ) % {"dates": dates, "reason": form.cleaned_data.get("date_change_reason", ""), "who": submitter})

    def revision_diff(self, request, record, review_request):
        """What the pending revision changes, field by field and row by row, against the public version."""
        form, formsets, valid = self.revision_replay(request, record, review_request)
        if not valid:
            return [], self.revision_errors(form, formsets)
        rows = []
        for name in form.changed_data:
            if name == "date_change_reason" or name not in form.fields:
                continue
            old = display_value(self.model, name, current_value(record, name))
            new = display_value(self.model, name, form.cleaned_data.get(name))
            if _reads_differently(old, new):
                rows.append((form.fields[name].label, old, new))
        for formset in formsets:
            label = formset.model._meta.verbose_name
            deleted = set(map(id, formset.deleted_forms))
            for inline_form in formset.forms:
                if id(inline_form) in deleted:
                    rows.append((label, str(inline_form.instance), _("（删除）")))
                elif inline_form.has_changed() and inline_form.instance.pk is None:
                    rows.append((label, _("（新增）"), str(inline_form.instance)))
                elif inline_form.has_changed():
                    fields = "、".join(str(inline_form.fields[n].label) for n in inline_form.changed_data
                                      if n in inline_form.fields)
                    rows.append((label, str(inline_form.initial and inline_form.instance),
                                 _("改动：%(fields)s") % {"fields": fields}))
        return rows, ""

    # --- what is being reviewed -------------------------------------------------------------

    # Workflow fields and the address: the reviewer reads the content, not the plumbing.
    CONTENT_SKIPPED = {"status", "published_at", "grade", "date_change_reason", "slug"}
    PART_SKIPPED = {"id", "DELETE", "ORDER"}

    def review_content(self, request, record, review_request):
        """The record as the public will read it once the request is approved: its fields and
        its parts (participants, site visits, meetings; a meeting's speeches), the pending
        changes marked. A change is read from the pending revision, replayed on a copy; a
        publication or withdrawal shows the record as it is."""
        if review_request is not None and review_request.action == ReviewAction.CHANGE:
            form, formsets, valid = self.revision_replay(request, record, review_request)
            if valid:
                return {
                    "fields": self._content_fields(request, record, form),
                    "parts": [self._changed_part(formset) for formset in formsets],
                    "marked": True,
                }
        return {
            "fields": self._content_fields(request, record),
            "parts": self._current_parts(request, record),
            "marked": False,
        }

    def _field_names(self, request, record):
        names = []
        for _name, options in self.get_fieldsets(request, record):
            for item in options["fields"]:
                names += list(item) if isinstance(item, list | tuple) else [item]
        return [name for name in names if name not in self.CONTENT_SKIPPED]

    def _content_fields(self, request, record, form=None):
        names = self._field_names(request, record)
        precision_name = "date_precision" if "date_precision" in names else None
        old_precision = getattr(record, precision_name) if precision_name else None
        new_precision = old_precision
        if form is not None and precision_name in form.fields:
            new_precision = form.cleaned_data.get(precision_name) or old_precision
        fields = []
        for name in names:
            if name == precision_name:
                continue  # read as part of each date
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            old = current_value(record, name)
            value = form.cleaned_data.get(name) if form is not None and name in form.changed_data else old
            if isinstance(field, DateField) and precision_name:
                old_text = registry.format_partial_date(old, old_precision) or "—"
                text = registry.format_partial_date(value, new_precision) or "—"
            else:
                old_text, text = display_value(self.model, name, old), display_value(self.model, name, value)
            changed = _reads_differently(old_text, text)
            fields.append({
                "label": field.verbose_name,
                "value": text if changed else old_text,
                "old": old_text if changed else None,
                "long": isinstance(field, TextField),
            })
        return fields

    def _part_columns(self, formset_class):
        fk = formset_class.fk.name
        skipped = {*self.PART_SKIPPED, fk, "date_precision"}  # the precision is read with the date
        return [name for name in formset_class.form.base_fields if name not in skipped]

    def _current_parts(self, request, record):
        parts = []
        for inline in self.get_inline_instances(request, record):
            formset_class = inline.get_formset(request, record)
            model, columns = formset_class.model, self._part_columns(formset_class)
            related = [n for n in columns if model._meta.get_field(n).many_to_one]
            many = [n for n in columns if model._meta.get_field(n).many_to_many]
            rows = (
                inline.get_queryset(request)
                .filter(**{formset_class.fk.name: record})
                .select_related(*related)
                .prefetch_related(*many)
            )
            parts.append({
                "title": model._meta.verbose_name_plural,
                "columns": [model._meta.get_field(n).verbose_name for n in columns],
                "rows": [
                    {"state": "", "cells": [self._part_cell(model, row, n, False) for n in columns]} for row in rows
                ],
            })
        return parts

    def _changed_part(self, formset):
        model, columns = formset.model, self._part_columns(type(formset))
        deleted = set(map(id, formset.deleted_forms))
        rows = []
        for inline_form in formset.forms:
            if id(inline_form) in deleted:
                state = "deleted"
            elif inline_form.instance.pk is None:
                if not inline_form.has_changed():
                    continue  # an empty extra form
                state = "new"
            else:
                state = "changed" if inline_form.has_changed() else ""
            cells = []
            for name in columns:
                edited = state in ("new", "changed")
                value = inline_form.cleaned_data.get(name) if edited else None
                precision = inline_form.cleaned_data.get("date_precision") if edited else None
                changed = state == "changed" and name in inline_form.changed_data
                cells.append(self._part_cell(model, inline_form.instance, name, changed, value, precision))
            rows.append({"state": state, "cells": cells})
        return {
            "title": model._meta.verbose_name_plural,
            "columns": [model._meta.get_field(n).verbose_name for n in columns],
            "rows": rows,
        }

    @staticmethod
    def _part_cell(model, row, name, changed, value=None, precision=None):
        field = model._meta.get_field(name)
        if value is None:
            value = getattr(row, name)
            if field.many_to_many:
                value = list(value.all()) if row.pk else []
        if isinstance(field, DateField) and hasattr(row, "date_precision"):
            text = registry.format_partial_date(value, precision or row.date_precision) or "—"
        else:
            text = display_value(model, name, value)
        return {"value": text, "changed": changed}

    # --- a part changed on its own page -----------------------------------------------------

    def current_form_data(self, request, record):
        """What this record's change page would post unchanged, as `request.user` sees it."""
        replay = HttpRequest()
        replay.method, replay.path, replay.META, replay.user = "GET", request.path, request.META, request.user
        form = self.get_form(replay, record, change=True)(instance=record)
        formsets, _inlines = self._create_formsets(replay, record, change=True)
        data = form_data(form)
        for formset in formsets:
            data.update(form_data(formset.management_form))
            for inline_form in formset.initial_forms:
                data.update(form_data(inline_form))
        return as_lists(data), formsets

    def revision_with_part(self, request, record, part, part_form, change):
        """The record's pending revision (or its current form) with one part's row changed or added."""
        data, formsets = self.current_form_data(request, record)
        pending = publishing.pending_request(record)
        if pending is not None and pending.action == ReviewAction.CHANGE and pending.revision:
            # Build on the change already waiting, so that neither change is lost.
            data = {key: list(values) for key, values in pending.revision.items()}
        formset = next((f for f in formsets if f.model is type(part)), None)
        if formset is None:
            raise ReviewRefused(_("“%(record)s”的修改页不能编辑%(part)s，请联系审核发布人员。") % {
                "record": record, "part": part._meta.verbose_name})
        prefix, fk_name = formset.prefix, formset.fk.name
        inline_fields = set(formset.form.base_fields)
        outside = [name for name in part_form.changed_data if name not in inline_fields and name != fk_name]
        if outside:
            labels = "、".join(str(part_form.fields[name].label) for name in outside)
            raise ReviewRefused(_("“%(record)s”已发布，%(fields)s只能由审核发布人员修改。修改未保存。") % {
                "record": record, "fields": labels})
        total = int((data.get(f"{prefix}-TOTAL_FORMS") or ["0"])[0])
        if change:
            index = next((i for i in range(total) if data.get(f"{prefix}-{i}-id") == [str(part.pk)]), None)
            if index is None:
                raise ReviewRefused(_("待审的修改里已没有这一项（可能已删除），请在“%(record)s”的修改页处理。") % {
                    "record": record})
            names = [name for name in part_form.changed_data if name in inline_fields]
        else:
            index = self._add_row(data, formset, record)
            names = [name for name in inline_fields if name in part_form.fields and name not in ("id", fk_name)]
        for name in names:
            data[f"{prefix}-{index}-{name}"] = part_form.data.getlist(part_form.add_prefix(name))
        return data

    def revision_with_rows(self, request, record, model, rows):
        """The record's pending revision (or its current form) with new rows of a part added.

        `rows` are {field: [values as posted]}; the fields not given keep the inline's defaults.
        """
        data, formsets = self.current_form_data(request, record)
        pending = publishing.pending_request(record)
        if pending is not None and pending.action == ReviewAction.CHANGE and pending.revision:
            data = {key: list(values) for key, values in pending.revision.items()}
        formset = next((f for f in formsets if f.model is model), None)
        if formset is None:
            raise ReviewRefused(_("“%(record)s”的修改页不能编辑%(part)s。") % {
                "record": record, "part": model._meta.verbose_name})
        for values in rows:
            index = self._add_row(data, formset, record)
            for name, posted in values.items():
                data[f"{formset.prefix}-{index}-{name}"] = list(posted)
        return data

    @staticmethod
    def _add_row(data, formset, record):
        """Append an empty row of the inline to the posted data; its index."""
        prefix = formset.prefix
        index = int((data.get(f"{prefix}-TOTAL_FORMS") or ["0"])[0])
        data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
        empty = as_lists(form_data(formset.empty_form))
        data.update({key.replace("__prefix__", str(index)): values for key, values in empty.items()})
        data[f"{prefix}-{index}-{formset.fk.name}"] = [str(record.pk)]
        return index

    # --- actions ------------------------------------------------------------------------------

    @admin.action(description=_("提交审核所选记录"))
    def submit_selected(self, request, queryset):
        done, refused = 0, []
        for record in queryset:
            if not self.has_change_permission(request, record):
                raise PermissionDenied
            if record.status == Status.PUBLISHED or publishing.pending_request(record) is not None:
                continue
            try:
                publishing.submit(record, request.user, request=request)
                done += 1
            except ReviewRefused as error:
                refused.append(f"{record}：{error}")
        self.report(request, done, refused, ngettext(
            "已提交审核 %(count)d 条记录。", "已提交审核 %(count)d 条记录。", done
        ))

    @admin.action(description=_("申请撤回所选已发布记录"))
    def request_withdrawal_selected(self, request, queryset):
        done, refused = 0, []
        for record in queryset:
            if not self.has_change_permission(request, record):
                raise PermissionDenied
            if record.status != Status.PUBLISHED:
                continue
            try:
                publishing.submit(record, request.user, ReviewAction.WITHDRAW, request=request)
                done += 1
            except ReviewRefused as error:
                refused.append(f"{record}：{error}")
        self.report(request, done, refused, ngettext(
            "已提交 %(count)d 条撤回申请，经审核后撤回。", "已提交 %(count)d 条撤回申请，经审核后撤回。", done
        ))

    def report(self, request, done, refused, message):
        self.message_user(request, message % {"count": done}, messages.SUCCESS if done else messages.WARNING)
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.display(description=_("状态"), ordering="status")
    def status_badge(self, obj):
        return obj.get_status_display()

    # --- the review screen --------------------------------------------------------------------

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view),
                 name="{}_{}_review".format(*info)),
            *super().get_urls(),
        ]

    def review_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not (self.has_view_or_change_permission(request, obj) or user_can_review(request.user)):
            raise PermissionDenied
        review_request = publishing.pending_request(obj)
        if review_request is not None and request.method != "POST":
            # The request's record is the one just read (an approval reads its own, and may write
            # into it). Django's GenericForeignKey reads it again if the cached one is not the record.
            type(review_request).record.set_cached_value(review_request, obj)
        step = review_request.current_step if review_request else ""
        form = DecisionForm(request.POST or None, initial={"step": step})
        if request.method == "POST":
            response = self.review_post(request, obj, review_request, form)
            if response is not None:
                return response
        issues = publishing.issues_of(review_request, own_hosts=self.own_hosts(request)) if review_request else []
        diff, diff_error = ([], "")
        if review_request is not None and review_request.action == ReviewAction.CHANGE:
            diff, diff_error = self.revision_diff(request, obj, review_request)
        refusal = publishing.refusal(review_request, request.user) if review_request else None
        context = {
            **self.admin_site.each_context(request),
            "title": _("审核：%(record)s") % {"record": obj},
            "subtitle": None,
            "opts": self.model._meta,
            "original": obj,
            "review_request": review_request,
            "chain": self.chain_progress(review_request) if review_request else [],
            "issues": issues,
            "blocking": [issue for issue in issues if issue.blocking],
            "personal": [issue for issue in issues if issue.kind in ("id_number", "mobile", "bank_card")],
            "diff": diff,
            "diff_error": diff_error,
            "content": self.review_content(request, obj, review_request),
            "form": form,
            "refusal": refusal,
            "is_second": review_request is not None and review_request.current_step == ReviewStep.SECOND,
            "can_cancel": review_request is not None and self.has_change_permission(request, obj),
            "review_panel": {**self.review_panel(request, obj), "on_review_screen": True},
            "change_url": reverse(
                f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change", args=[obj.pk],
                current_app=self.admin_site.name,
            ),
        }
        return TemplateResponse(request, self.review_template, context)

    def own_hosts(self, request):
        return {request.get_host()}

    def review_post(self, request, obj, review_request, form):
        if review_request is None or not form.is_valid():
            self.message_user(request, _("没有待审核的申请。"), messages.ERROR)
            return HttpResponseRedirect(request.path)
        decision = request.POST.get("_decision")
        data = form.cleaned_data
        try:
            if decision == ReviewDecision.APPROVE:
                publishing.approve(review_request, request.user, data["opinion"], data["secrecy"],
                                   step=data["step"] or None, request=request)
                self.message_user(request, _("已通过。"), messages.SUCCESS)
            elif decision == ReviewDecision.REJECT:
                publishing.reject(review_request, request.user, data["opinion"], data["secrecy"],
                                  step=data["step"] or None, request=request)
                self.message_user(request, _("已退回，意见已转给编辑。"), messages.SUCCESS)
            elif decision == ReviewDecision.MASK:
                count = publishing.mask_personal_information(review_request, request.user, request=request)
                self.message_user(request, ngettext("已脱敏 %(count)d 处。", "已脱敏 %(count)d 处。", count)
                                  % {"count": count}, messages.SUCCESS)
            elif decision == "cancel":
                if not self.has_change_permission(request, obj):
                    raise PermissionDenied
                publishing.cancel(review_request, request.user, request=request)
                self.message_user(request, _("已撤销这项申请。"), messages.SUCCESS)
            else:
                return None
        except ReviewRefused as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        return HttpResponseRedirect(request.path)

    def chain_progress(self, review_request):
        approvals = {o.step: o for o in review_request.opinions.all() if o.decision == ReviewDecision.APPROVE}
        current = review_request.current_step
        return [
            {"label": ReviewStep(step).label, "opinion": approvals.get(step), "current": step == current}
            for step in review_request.steps
        ]


class ReferenceAdmin(PublishableAdmin):
    """A record without a status that the public sees as soon as it is saved (a topic, a source …).

    It may be added at once — nothing shows it until a reviewed record uses it, or, for those
    with a page of their own, until something published is filed under it — and so may it be
    changed while nothing published names it (`publishing.is_live`, the imports' rule too). Once
    the public sees it, every change waits for the chain as a pending revision, exactly like a
    published record.
    """

    form = KeysCheckedByTheirChoices
    actions = []


class PartAdmin(RecordAdmin):
    """A part of a reviewed record on its own admin page (a speech, a site visit, a participant …).

    While the record is public, saving a part here does not change it: the change becomes a
    pending revision of the record, built from the record's own form with this part's row
    changed or added, so the reviewer sees it in the record's diff and 终审签发 applies it. While
    the record waits for review, the part is saved and the record's submission starts again with
    this editor among its authors. A draft's parts are saved as they are.
    """

    def save_model(self, request, obj, form, change):
        parent = registry.parent_of(obj)
        field = registry.parent_field(self.model)
        previous = None
        if change and field in form.changed_data:
            previous = getattr(type(obj).objects.select_related(field).get(pk=obj.pk), field)
        if any(record is not None and publishing.is_live(record) for record in (parent, previous)):
            request._revision_pending = True
            if previous is not None:
                request._revision_outcome = _(
                    "“%(record)s”已发布：不能在这里把它的组成部分移到别的记录。请在两条记录的修改页分别修改后提交审核。"
                ) % {"record": previous if publishing.is_live(previous) else parent}
                request._revision_level = messages.ERROR
                return
            self.hold_for_parent(request, obj, form, change, parent)
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_revision_pending", False):
            return
        super().save_related(request, form, formsets, change)
        parent = registry.parent_of(form.instance)
        pending = publishing.pending_request(parent) if parent is not None else None
        if pending is not None and pending.action == ReviewAction.PUBLISH:
            try:
                review_request = publishing.submit(parent, request.user, request=request)
            except ReviewRefused as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            self.message_user(request, _("“%(record)s”的内容有改动，审核从头开始（%(chain)s）。") % {
                "record": parent, "chain": " → ".join(str(label) for label in review_request.step_labels()),
            }, messages.INFO)

    def hold_for_parent(self, request, obj, form, change, parent):
        parent_admin = self.admin_site._registry.get(type(parent))
        try:
            if parent_admin is None or not hasattr(parent_admin, "revision_with_part"):
                raise ReviewRefused(_("“%(record)s”没有可以送审的修改页。") % {"record": parent})
            revision = parent_admin.revision_with_part(request, parent, obj, form, change)
            review_request = publishing.submit(
                parent, request.user, ReviewAction.CHANGE, revision=revision, request=request,
                summary=_("%(action)s%(part)s：%(name)s") % {
                    "action": _("修改") if change else _("新增"), "part": self.model._meta.verbose_name, "name": obj,
                },
            )
        except ReviewRefused as error:
            request._revision_outcome, request._revision_level = str(error), messages.ERROR
            return
        request._revision_parent = parent
        request._revision_outcome = _(
            "“%(record)s”已发布：这项修改已作为它的修改提交审核（%(chain)s）。通过终审签发前，公众看到的仍是已发布的版本。"
        ) % {"record": parent, "chain": " → ".join(str(label) for label in review_request.step_labels())}

    def log_addition(self, request, obj, message):
        if getattr(request, "_revision_pending", False):
            return None
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if getattr(request, "_revision_pending", False):
            return None
        return super().log_change(request, obj, message)

    def _held_response(self, request):
        self.message_user(request, getattr(request, "_revision_outcome", ""),
                          getattr(request, "_revision_level", messages.INFO))
        parent = getattr(request, "_revision_parent", None)
        if parent is None:
            return HttpResponseRedirect(request.path)
        opts = parent._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[parent.pk],
                                            current_app=self.admin_site.name))

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "_revision_pending", False):
            return self._held_response(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(request, "_revision_pending", False):
            return self._held_response(request)
        return super().response_change(request, obj)
