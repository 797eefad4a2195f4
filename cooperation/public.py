"""What the public pages share: who may preview drafts, and how lists are paged."""

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from cooperation import content_version


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


def paginate(request, queryset, per_page, count_key=None):
    """One page of results; a page that is not a number or out of range gives the first or last.

    With `count_key` (a key naming exactly this queryset's rows, `filtering.count_key`), the
    number of results is kept under it until a table it counts is written or a scheduled
    publication comes (cooperation/content_version.py): every page of a list of thousands
    counted them all on each request, for a number that changes only when something is published.
    """
    paginator = Paginator(queryset, per_page) if count_key is None else _KeptCount(queryset, per_page, count_key)
    return paginator.get_page(request.GET.get("page"))


class _KeptCount(Paginator):
    def __init__(self, object_list, per_page, count_key):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self):
        return content_version.cached(
            self.count_key, lambda: Paginator.count.func(self), settings.PAGE_CACHE_SECONDS, as_read=True
        )
