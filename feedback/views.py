"""The public side of 找错 / 留言: the form, its confirmation, and the published replies.

None of these pages may be cached: the form carries a CSRF token and a signed time, and the
confirmation is one visitor's.
"""

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from cooperation.public import paginate
from feedback import services
from feedback.conf import setting
from feedback.forms import FeedbackForm, issue_token, same_site_path
from feedback.models import Message, MessageKind

RECEIPT_SALT = "feedback.receipt"
RECEIPT_MAX_AGE = 24 * 60 * 60
REPLIES_PER_PAGE = 10


def _initial(request):
    """The kind and page the visitor came with (?kind=error&page=/visits/…), if they are sound."""
    page = same_site_path(request.GET.get("page", ""), request.get_host()) or ""
    kind = request.GET.get("kind")
    if kind not in MessageKind.values:
        kind = MessageKind.ERROR_REPORT if page else MessageKind.MESSAGE
    return {"kind": kind, "page_path": page}


def _render_form(request, form, status=200, rate_limited=False):
    context = {
        "form": form,
        "issued": issue_token(),
        "rate_limited": rate_limited,
        "error_count": sum(len(errors) for errors in form.errors.values()) if form.is_bound else 0,
        "reply_days": setting("FEEDBACK_REPLY_WORKING_DAYS"),
    }
    return render(request, "feedback/form.html", context, status=status)


@never_cache
def feedback_form(request):
    if request.method != "POST":
        return _render_form(request, FeedbackForm(initial=_initial(request), host=request.get_host()))

    form = FeedbackForm(request.POST, host=request.get_host())
    if services.is_rate_limited(request):
        return _render_form(request, form, status=429, rate_limited=True)
    if form.is_spam_trap_filled():
        # Refused quietly: a script that filled the hidden field learns nothing from the answer.
        return render(request, "feedback/received.html", {"message": None})
    if not form.is_valid():
        return _render_form(request, form)
    message = services.receive(request, form.cleaned_data)
    receipt = signing.dumps(message.reference, salt=RECEIPT_SALT)
    return redirect(f"{reverse('feedback:received')}?{urlencode({'r': receipt})}")


@never_cache
def received(request):
    """The confirmation: reference number and reply-by date, from a signed link only its sender has."""
    try:
        reference = signing.loads(request.GET.get("r", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    message = Message.objects.filter(reference=reference).only("reference", "kind", "reply_by", "received_at").first()
    if message is None:
        raise Http404
    return render(request, "feedback/received.html", {"message": message})


def replies(request):
    messages = Message.objects.public().only(
        "kind", "page_path", "subject", "text", "received_at", "reply", "replied_at", "published_at"
    )
    page = paginate(request, messages, REPLIES_PER_PAGE)
    return render(request, "feedback/replies.html", {"page": page})
