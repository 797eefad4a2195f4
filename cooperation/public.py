"""What the public pages share: who may preview drafts, and how lists are paged."""

from django.core.paginator import Paginator


def can_preview(user, model):
    """Who may open a record in the admin sees its draft on the public page, clearly marked.

    Being staff is not enough: the auditor, the security administrator, the system administrator
    and a staff account with no role have no business with unpublished records.
    """
    opts = model._meta
    return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def visible(request, queryset):
    """The records of a publishable queryset this visitor may open on a detail page."""
    return queryset if can_preview(request.user, queryset.model) else queryset.published()


def reachable(request, queryset):
    """The places, topics or pairings of a queryset this visitor may open on their own page.

    The public reaches those in public use (`in_public_use()`: something published is filed
    under them); whoever may preview drafts reaches every one, as their drafts link to them.
    """
    return queryset if can_preview(request.user, queryset.model) else queryset.in_public_use()


def paginate(request, queryset, per_page):
    """One page of results; a page that is not a number or out of range gives the first or last."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
