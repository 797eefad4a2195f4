"""The admin's report review: paste or upload an article → review what was read → a draft trip.

Nothing is written before staff confirm: the article waits in the session (a few pending at
most), each visit of the review page reads it again, and the confirm writes the whole trip
in one transaction recorded as an import batch (see `visits.report_import.review`).
"""

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import AuditEvent, Outcome
from cooperation.models import Source
from visits.models import Delegation
from visits.report_import.forms import (
    MeetingFormSet,
    ParticipantFormSet,
    PeopleForm,
    ReportInputForm,
    SiteVisitFormSet,
    SpeechFormSet,
    TripForm,
    kept,
)
from visits.report_import.review import (
    OUTSIDE_MEETINGS,
    Draft,
    DraftRefused,
    PeopleLookup,
    ReportRefused,
    article,
    create_draft_trip,
    extract_report,
    extracted_summary,
    initial_data,
    read_report_file,
    sentence_at,
    sentence_starts,
)

SESSION_KEY = "report_reviews"
# Articles a user may have waiting for review; the oldest goes when more arrive.
MAX_PENDING = 10
MAX_FILES = 10


def can_review(user):
    return user.is_active and user.is_staff and user.has_perm("ledgers.import_ledger")


def check_permission(request):
    """Only staff who may import: anyone else is refused, and the audit log says who tried."""
    if not can_review(request.user):
        what = _("从报道创建考察")
        record(AuditEvent.IMPORT, request=request, obj=what, outcome=Outcome.DENIED, detail=f"没有权限：{what}")
        raise PermissionDenied


class ReportReview:
    """The views, mounted on the trip admin (`DelegationAdmin.get_urls`)."""

    def __init__(self, model_admin):
        self.model_admin = model_admin
        self.admin_site = model_admin.admin_site
        self.opts = model_admin.model._meta

    def urls(self):
        view = self.admin_site.admin_view
        return [
            path("report/", view(self.start_view), name="visits_delegation_report"),
            path("report/<str:token>/", view(self.review_view), name="visits_delegation_report_review"),
        ]

    def context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "has_view_permission": self.model_admin.has_view_permission(request),
            **extra,
        }

    # Pending articles ------------------------------------------------------------------------

    @staticmethod
    def pending(request):
        return request.session.get(SESSION_KEY, {})

    def remember(self, request, name, text, kind, published_on, annotations_removed=0):
        pending = self.pending(request)
        while len(pending) >= MAX_PENDING:
            pending.pop(next(iter(pending)))
        token = uuid.uuid4().hex
        pending[token] = {
            "name": name,
            "text": text,
            "kind": kind,
            "published_on": published_on.isoformat() if published_on else "",
            # The text is stored without a mirror's pinyin; the review says so, with the count.
            "annotations_removed": annotations_removed,
        }
        request.session[SESSION_KEY] = pending
        return token

    def forget(self, request, token):
        pending = self.pending(request)
        pending.pop(token, None)
        request.session[SESSION_KEY] = pending

    # Step 1: the article -----------------------------------------------------------------------

    def start_view(self, request):
        check_permission(request)
        form = ReportInputForm(request.POST or None, request.FILES or None)
        files = request.FILES.getlist("files") if request.method == "POST" else []
        if request.method == "POST" and len(files) > MAX_FILES:
            form.add_error("files", _("一次最多上传 %(max)s 个文件。") % {"max": MAX_FILES})
        if request.method == "POST" and form.is_valid():
            published_on = form.cleaned_data.get("published_on")
            if form.cleaned_data.get("text"):
                title = _("粘贴的报道")
                text, annotations = form.cleaned_data["text"], form.cleaned_data["annotations_removed"]
                token = self.remember(request, title, text, "粘贴", published_on, annotations)
                return redirect("admin:visits_delegation_report_review", token=token)
            entries = []
            for upload in form.cleaned_data["files"]:
                name = upload.name[:200]
                try:
                    text, kind, annotations = read_report_file(name, upload.read())
                except ReportRefused as refused:
                    entries.append({"name": name, "refused": str(refused)})
                    continue
                result = extract_report(text, published_on)
                token = self.remember(request, name, text, kind, published_on, annotations)
                entries.append(
                    {
                        "name": name,
                        "kind": kind,
                        "token": token,
                        "is_trip": result.is_trip,
                        "reason": result.reason,
                        "summary": extracted_summary(result),
                        "annotations_removed": annotations,
                    }
                )
            reviewable = [entry for entry in entries if entry.get("token")]
            if len(entries) == 1 and reviewable:
                return redirect("admin:visits_delegation_report_review", token=reviewable[0]["token"])
            return TemplateResponse(
                request,
                "admin/visits/report/files.html",
                self.context(request, _("上传的报道"), entries=entries),
            )
        return TemplateResponse(
            request,
            "admin/visits/report/start.html",
            self.context(request, _("从报道创建考察"), form=form),
        )

    # Step 2: review and confirm ----------------------------------------------------------------

    def review_view(self, request, token):
        check_permission(request)
        entry = self.pending(request).get(token)
        if entry is None:
            messages.error(request, _("这篇报道已经处理过或已过期，请重新粘贴或上传。"))
            return redirect("admin:visits_delegation_report")
        text = entry["text"]
        published_on = datetime.date.fromisoformat(entry["published_on"]) if entry["published_on"] else None
        result = extract_report(text, published_on)
        extra = {"entry": entry, "result": result, "token": token}
        if not result.is_trip:
            return self.render_review(request, text, result, extra)
        initial = initial_data(text, result)
        initial["trip"]["published_on"] = published_on
        data = request.POST if request.method == "POST" else None
        forms = self.bind(data, initial)
        names = self.names(forms)
        lookup = PeopleLookup(names)
        people = PeopleForm(data, names=names, lookup=lookup)
        if data is not None and all(form.is_valid() for form in [*forms.values(), people]):
            draft = self.draft(entry, text, forms, people)
            if draft is not None:
                try:
                    return self.confirm(request, token, draft)
                except DraftRefused as refused:
                    extra["refusals"] = refused.messages
        return self.render_review(request, text, result, {**extra, **forms, "people": people})

    def confirm(self, request, token, draft):
        """Write the trip; the audit log records it either way."""
        try:
            batch, delegation = create_draft_trip(draft, request.user)
        except DraftRefused as refused:
            detail = "\n".join([_("从报道创建考察"), *refused.messages, _("没有写入任何内容")])
            record(AuditEvent.IMPORT, request=request, obj=draft.file_name, outcome=Outcome.FAILURE, detail=detail)
            raise
        self.forget(request, token)
        described = {"title": delegation.title, "batch": batch}
        record(AuditEvent.IMPORT, request=request, obj=batch, detail=_("从报道创建考察草稿：%(title)s") % described)
        messages.success(request, _("已从报道创建草稿“%(title)s”（导入批次“%(batch)s”，可回滚）。") % described)
        return redirect("admin:visits_delegation_change", delegation.pk)

    @staticmethod
    def bind(data, initial):
        meetings = MeetingFormSet(data, initial=initial["meetings"], prefix="meetings")
        meeting_count = meetings.total_form_count()
        return {
            "trip_form": TripForm(data, initial=initial["trip"], prefix="trip"),
            "participants": ParticipantFormSet(data, initial=initial["participants"], prefix="people"),
            "sites": SiteVisitFormSet(data, initial=initial["sites"], prefix="sites"),
            "meetings": meetings,
            "speeches": SpeechFormSet(
                data, initial=initial["speeches"], prefix="speeches", form_kwargs={"meeting_count": meeting_count}
            ),
        }

    @staticmethod
    def names(forms):
        """The names in the trip as the forms hold them now (typed, or as extracted)."""
        names = []
        for key in ("participants", "speeches"):
            formset = forms[key]
            for form in formset.forms:
                if formset.is_bound:
                    deleted = form["DELETE"].value()
                    name = (form["name"].value() or "").strip()
                else:
                    deleted = form.initial.get("DELETE", False)
                    name = form.initial.get("name", "")
                if name and not deleted:
                    names.append(name)
        return names

    @staticmethod
    def numbered_meetings(formset):
        """Meeting number (its row on the page) → the meeting kept there; None for a blank row."""
        numbered = {}
        for number, form in enumerate(formset.forms, start=1):
            if formset._should_delete_form(form):
                continue
            numbered[number] = None if (form.empty_permitted and not form.has_changed()) else form.cleaned_data
        return numbered

    def draft(self, entry, text, forms, people):
        """The confirmed trip, or None when a speech points at a meeting row left blank or
        at no meeting."""
        trip = dict(forms["trip_form"].cleaned_data)
        numbered = self.numbered_meetings(forms["meetings"])
        meetings = {number: {**row, "speeches": []} for number, row in numbered.items() if row is not None}
        speech_forms = forms["speeches"]
        blank = False
        for form in speech_forms.forms:
            if (form.empty_permitted and not form.has_changed()) or speech_forms._should_delete_form(form):
                continue
            number = form.cleaned_data["meeting"]
            if number in meetings:
                meetings[number]["speeches"].append(form.cleaned_data)
            elif number == OUTSIDE_MEETINGS:
                form.add_error(
                    "meeting",
                    _("发言只能记在会议下：请选它所属的会议（没有的可在“会议”表中新增一场），或勾选删除。"),
                )
                blank = True
            elif number in numbered:
                form.add_error("meeting", _("所选的会议是空行；请先填写这场会议，或选另一场。"))
                blank = True
            # A speech of a meeting that was dropped goes with it.
        if blank:
            return None
        file_name = entry["name"] if entry["kind"] != "粘贴" else f"{_('粘贴的报道')}：{trip['title']}"
        return Draft(
            text=text,
            file_name=file_name,
            trip=trip,
            participants=kept(forms["participants"]),
            sites=kept(forms["sites"]),
            meetings=list(meetings.values()),
            people=people.choices,
            disambiguations=people.disambiguations,
        )

    def render_review(self, request, text, result, extra):
        starts = sentence_starts(text)
        marked = set()
        for key in ("participants", "sites", "meetings", "speeches"):
            formset = extra.get(key)
            if formset is not None:
                for form in formset.forms:
                    # The first sentence starts at 0, which is an offset like any other.
                    value = form["sentence"].value()
                    value = "" if value is None else str(value)
                    if value.isdigit():
                        marked.add(int(value))
        # The same article confirmed before: say so, so that staff do not make the trip twice.
        similar = []
        if result.is_trip:
            sources = Source.objects.filter(text=text)
            similar = list(Delegation.objects.filter(source__in=sources).only("pk", "title")[:5])
        return TemplateResponse(
            request,
            "admin/visits/report/review.html",
            self.context(
                request,
                _("审阅报道：%(name)s") % {"name": extra["entry"]["name"]},
                paragraphs=article(text, marked),
                lead_sentence=sentence_at(starts, result.delegation.span[0]) if result.delegation else None,
                date_sentence=sentence_at(starts, result.date.span[0]) if result.date.span else None,
                sentence_count=len(starts),
                similar=similar,
                start_url=reverse("admin:visits_delegation_report"),
                **extra,
            ),
        )
