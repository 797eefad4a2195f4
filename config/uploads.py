"""A request body larger than any file the site takes is refused before a byte of it is read.

Django reads a multipart body whole (into memory or a temporary file) before any form can look
at a file's size, so a 55 MB upload to a 5 MB form costs the server 55 MB of reading and disk
first. The client says the size up front (Content-Length; without it Django reads nothing), so
the refusal comes first, with 413 and a page that says the limit.
"""

from django.conf import settings
from django.template.response import TemplateResponse


class UploadSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_MAX_BYTES:
            response = TemplateResponse(
                request, "413.html",
                {"size_mb": -(-length // (1024 * 1024)), "limit_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
                status=413,
            )
            # The body was not read: the connection cannot carry another request after it.
            response["Connection"] = "close"
            return response.render()
        return self.get_response(request)
