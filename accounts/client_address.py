"""Who is asking: the client address, read correctly behind a configured reverse proxy."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address of the person, not of our proxy.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For is the
    one the outermost trusted proxy saw; anything further left is the client's own claim and
    cannot be trusted. Without a proxy, REMOTE_ADDR is the truth.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            remote = forwarded[-count]
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return ""
