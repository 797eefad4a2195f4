"""Who is asking: the client address, read correctly behind the configured reverse proxies."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request):
    """The address of the person, not of our proxy.

    X-Forwarded-For is read only when the request comes from one of TRUSTED_PROXIES, and then
    from the right: each trusted proxy appends the address it saw, so the first address that is
    not itself a trusted proxy is the client. Anything further left is the client's own claim.
    An entry that is not an address stops the walk at the last hop that was one, so a mangled
    header never leaves a login without an address to lock.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    proxies = _networks(tuple(settings.TRUSTED_PROXIES))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while forwarded and any(remote in network for network in proxies):
        hop = _address(forwarded.pop())
        if hop is None:
            break
        remote = hop
    if isinstance(remote, ipaddress.IPv6Address) and remote.ipv4_mapped:
        remote = remote.ipv4_mapped
    return str(remote)
