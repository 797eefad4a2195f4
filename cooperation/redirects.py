"""Old addresses keep working after a rename: the slug a record had is kept and answered with 301.

The admin calls `remember_old_slug` from its save path (not a signal: a rename is a staff
action, and an import or a data migration that rewrites slugs should decide for itself).
Detail views wrap themselves in `follow_old_slugs`, which looks the slug up only when the
normal lookup has already failed, so a page that exists costs no extra query.
"""

from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponsePermanentRedirect

from cooperation.models import SlugRedirect


def remember_old_slug(instance, old_slug):
    """Record that `instance` used to live at `old_slug`; call it after saving a new slug.

    Taking the slug back (a rename undone) removes the redirect that would now shadow it.
    """
    content_type = ContentType.objects.get_for_model(instance)
    SlugRedirect.objects.filter(content_type=content_type, old_slug=instance.slug).delete()
    if not old_slug or old_slug == instance.slug:
        return
    SlugRedirect.objects.update_or_create(
        content_type=content_type, old_slug=old_slug, defaults={"object_id": instance.pk}
    )


def old_slug_from_form(form, change):
    """The slug an admin form is replacing, or None when the slug stays (or the record is new)."""
    if not change or "slug" not in getattr(form, "changed_data", ()):
        return None
    return form.initial.get("slug") or None


class RemembersOldSlugs:
    """ModelAdmin mixin: a slug changed in the admin keeps answering at its old address.

    Put it first among the bases of a ModelAdmin whose model has a slug and a public page.
    """

    def save_model(self, request, obj, form, change):
        old_slug = old_slug_from_form(form, change)
        super().save_model(request, obj, form, change)
        # A change of a published record only waits for review (review.admin_base): the record
        # keeps its slug until the change is applied, which saves through here again.
        if old_slug and not getattr(request, "_revision_pending", False):
            remember_old_slug(obj, old_slug)


def follow_old_slugs(visible_queryset):
    """Decorate a detail view taking `slug`: on a 404, redirect (301) from a remembered old slug.

    `visible_queryset(request)` returns what this visitor may see, so an old slug of a
    draft stays a 404 for the public, exactly like the draft's current slug.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, slug, **kwargs):
            try:
                return view(request, *args, slug=slug, **kwargs)
            except Http404:
                queryset = visible_queryset(request)
                content_type = ContentType.objects.get_for_model(queryset.model)
                old = SlugRedirect.objects.filter(content_type=content_type, old_slug=slug).first()
                target = queryset.filter(pk=old.object_id).first() if old else None
                if target is None or target.slug == slug:
                    raise
                url = target.get_absolute_url()
                if request.META.get("QUERY_STRING"):
                    url = f"{url}?{request.META['QUERY_STRING']}"
                return HttpResponsePermanentRedirect(url)

        return wrapper

    return decorator
