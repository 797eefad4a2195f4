"""The serving benchmark's WSGI application: the site, and beside it a bare Django view.

`/bench/bare` is answered by a Django handler with no middleware at all (URL resolution, the
view, the response): the ceiling of Django on this server, against which the site's pages are
compared. Every other address goes to the site's own application, with its full middleware.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

site = get_wsgi_application()
BARE_PATH = "/bench/bare"


class BareHandler(WSGIHandler):
    """Django's WSGI handler with an empty middleware list."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


bare = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare(environ, start_response)
    return site(environ, start_response)
