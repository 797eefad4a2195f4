"""Django's ConditionalGetMiddleware, answering at once a request that asks nothing conditional."""

from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.utils.cache import set_response_etag

# The request headers that can make an answer conditional (django.utils.cache.get_conditional_response).
CONDITIONAL_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Without any of the four conditional headers, Django's middleware sets the ETag where a
    response needs one and returns the response as it is, after parsing its ETag and
    Last-Modified for nothing: about a quarter of the CPU time of a page-cache hit, which it
    wraps. This one sets the ETag the same way and returns; a conditional request is Django's.
    """

    def process_response(self, request, response):
        if request.method != "GET" or any(header in request.META for header in CONDITIONAL_HEADERS):
            return super().process_response(request, response)
        if not response.has_header("ETag") and self.needs_etag(response):
            set_response_etag(response)
        return response
