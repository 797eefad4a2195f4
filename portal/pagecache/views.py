"""The language switch, usable from a cached page."""

from django.views import i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


# The switch sits in the header of every page, and a page served from the cache cannot carry
# each visitor's CSRF token. The token is not needed here: the only effect of this POST is the
# language cookie in the visitor's own browser, with no account or record behind it, and
# Django's view still refuses a `next` address on another site.
@csrf_exempt
@require_POST
def set_language(request):
    return i18n.set_language(request)
