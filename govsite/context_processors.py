"""Site identity and sections for every template, read lazily: admin pages that never show them cost nothing."""

from django.utils.functional import SimpleLazyObject

from govsite import site
from govsite.sections import section_of


def govsite(request):
    return {
        "site_identity": SimpleLazyObject(lambda: site.for_request(request).settings),
        "site_section": section_of(request),
    }
