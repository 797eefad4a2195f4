"""What the public pages share: who may preview drafts, and how lists are paged."""

from django.core.paginator import Paginator


def can_preview(user):
    """Staff see drafts on detail pages, clearly marked; everyone else sees published records only."""
    return user.is_active and user.is_staff


def visible(request, queryset):
    """The records of a publishable queryset this visitor may open on a detail page."""
    return queryset if can_preview(request.user) else queryset.published()


def paginate(request, queryset, per_page):
    """One page of results; a page that is not a number or out of range gives the first or last."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
