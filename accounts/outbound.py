"""Requests the server makes on nobody's behalf: the link checks (review screen, `check_links`).

A link in a record is written by a staff member, and the server asks it from inside the office's
network, so a careless or hostile link must not turn the check into a port scanner. Every hop is
resolved once, refused unless every address it resolves to is public (not private, loopback,
link-local, reserved, multicast or unspecified), and the connection goes to the address that was
checked — a second DNS answer cannot move it. Redirects are followed by hand and checked the same
way. Whatever goes wrong, the caller learns only that the link could not be reached: the message
does not tell a closed port from a filtered one or a refused address.

Lives in the lowest layer because both the review checks and the site's dead-link check use it.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 5
UNREACHABLE = "无法访问"
REDIRECTS = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}


class Unreachable(Exception):
    """The link could not be asked; the reason is kept for the log, never shown."""


def resolve(host, port):
    """Every address `host` resolves to, as ip_address objects."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def allowed_networks():
    return [ipaddress.ip_network(net, strict=False) for net in getattr(settings, "LINK_CHECK_ALLOWED_NETWORKS", ())]


def is_public(address, allowed=()):
    if any(address in network for network in allowed):
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
        or address.is_multicast or address.is_unspecified
    )


def target(url):
    """(scheme, host, port, path) of an http(s) URL, the host decoded the way urllib would."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise Unreachable(f"scheme {scheme!r}")
    # urllib percent-decodes the host before it connects (%31%32%37.0.0.1 is 127.0.0.1): decode
    # it here too, so that what is checked is what would be asked.
    host = unquote(parts.hostname or "")
    if not host or any(ch in host for ch in "%/\\@ \t\r\n"):
        raise Unreachable(f"host {host!r}")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
        ascii_host = host if _is_ip(host) else host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise Unreachable(str(error)) from error
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, ascii_host, port, path


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def pinned_address(host, port):
    """The one address to connect to, after checking every address the name has."""
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError, ValueError) as error:
        raise Unreachable(f"resolve {host}: {error}") from error
    allowed = allowed_networks()
    if not addresses or not all(is_public(address, allowed) for address in addresses):
        raise Unreachable(f"{host} resolves to a non-public address")
    return str(addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def status_of(url, method="HEAD", timeout=5.0, user_agent="jingmeng-link-check"):
    """The HTTP status the link ends at, redirects followed; Unreachable if it cannot be asked."""
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = target(url)
        address = pinned_address(host, port)
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, address, timeout)
        try:
            connection.request(method, path, headers={"User-Agent": user_agent, "Accept": "*/*"})
            response = connection.getresponse()
            status = response.status
            location = response.getheader("Location")
            if method == "GET" and status not in REDIRECTS:
                response.read(1024)
        except (OSError, http.client.HTTPException, ValueError, UnicodeError) as error:
            raise Unreachable(f"{host}: {error.__class__.__name__}") from error
        finally:
            connection.close()
        if status in REDIRECTS and location:
            url = urljoin(url, location.strip())
            continue
        return status
    raise Unreachable("too many redirects")
