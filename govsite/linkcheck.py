"""The dead-link check: every published page, every link, image and attachment on it.

Pages come from the sitemap (published records only) and the sections' list pages. Each is
rendered in-process through Django's test client, as an anonymous visitor sees it; links to
the site itself are checked the same way (media files in the storage they live in), and links
elsewhere over HTTP: HEAD first, GET when a server refuses HEAD, a short timeout each, a few at
a time, and all of them within a total time limit; what the limit cuts off is counted, not
reported broken. Failures are kept in BrokenLink, one row per page and address, with when each
was first and last seen and when it was fixed.
"""

import logging
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.db import transaction
from django.http.request import validate_host
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbound
from govsite.models import BrokenLink, LinkCheckRun, LinkKind
from govsite.sections import SECTIONS

logger = logging.getLogger(__name__)

ATTACHMENT_EXTENSIONS = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".csv", ".json", ".ppt", ".pptx", ".txt", ".zip", ".rar", ".7z",
    ".wps", ".ofd", ".et",
}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"}
RESOURCE_RELS = {"stylesheet", "icon", "alternate", "apple-touch-icon", "preload"}
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "sms"}
MAX_REDIRECTS = 5
SITEMAP_PATH = "/sitemap.xml"
USER_AGENT = "Mozilla/5.0 (compatible; jingmeng-linkcheck/1.0)"
# Servers that answer HEAD with these often serve GET fine: ask again with GET before judging.
HEAD_REFUSED = {400, 403, 404, 405, 406, 429, 500, 501, 502, 503}


@dataclass(frozen=True)
class Link:
    page: str
    url: str
    kind: str


@dataclass
class Result:
    status_code: int | None = None
    error: str = ""

    @property
    def ok(self):
        return not self.error and self.status_code is not None and self.status_code < 400


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    failures: list = field(default_factory=list)
    skipped: set = field(default_factory=set)
    run: LinkCheckRun | None = None


class LinkExtractor(HTMLParser):
    """Collects (address, kind) from a page: anchors, images, and the files it loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.found.append((attrs["href"], LinkKind.LINK))
        elif tag == "img":
            if attrs.get("src"):
                self.found.append((attrs["src"], LinkKind.IMAGE))
            self._srcset(attrs.get("srcset"))
        elif tag == "source":
            self._srcset(attrs.get("srcset"))
        elif tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & RESOURCE_RELS:
                self.found.append((attrs["href"], LinkKind.RESOURCE))
        elif tag == "script" and attrs.get("src"):
            self.found.append((attrs["src"], LinkKind.RESOURCE))

    def _srcset(self, srcset):
        for candidate in (srcset or "").split(","):
            address = candidate.strip().split(" ")[0]
            if address:
                self.found.append((address, LinkKind.IMAGE))


def extract_links(html):
    parser = LinkExtractor()
    parser.feed(html)
    parser.close()
    return parser.found


def kind_of(url, kind):
    """A link to a file is an attachment, a link to a picture an image."""
    if kind != LinkKind.LINK:
        return kind
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix in ATTACHMENT_EXTENSIONS:
        return LinkKind.ATTACHMENT
    if suffix in IMAGE_EXTENSIONS:
        return LinkKind.IMAGE
    return kind


def published_pages():
    """The paths of every public page: the sitemap's (published records only) and the sections' lists."""
    # The sitemaps are the portal's, above this app: they are read from the URL configuration
    # that serves them, which config/ assembles, rather than imported.
    sitemaps = resolve(reverse("cooperation:sitemap")).kwargs["sitemaps"]

    paths = []
    for sitemap_class in sitemaps.values():
        sitemap = sitemap_class()
        for item in sitemap.items():
            paths.append(urlsplit(sitemap.location(item)).path)
    for section in SECTIONS:
        if section.list_url_name:
            try:
                paths.append(reverse(section.list_url_name))
            except NoReverseMatch:
                continue
    return list(dict.fromkeys(paths))


class LinkChecker:
    def __init__(self, timeout=None, workers=None, time_limit=None, external=True, host=None):
        self.timeout = timeout if timeout is not None else settings.LINK_CHECK_TIMEOUT
        self.workers = max(1, workers if workers is not None else settings.LINK_CHECK_WORKERS)
        self.time_limit = time_limit if time_limit is not None else settings.LINK_CHECK_TIME_LIMIT
        self.external = external
        self.host = host or self._host()
        self.secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
        self.client = Client(raise_request_exception=False, HTTP_HOST=self.host)
        self.own_hosts = self._own_hosts()
        self.internal_results = {}

    # -- where the site lives --------------------------------------------------------------

    def _host(self):
        from govsite.site import current

        domain = current().settings.site_domain
        if domain and validate_host(domain, settings.ALLOWED_HOSTS):
            return domain
        for host in settings.ALLOWED_HOSTS:
            if host not in ("*",) and not host.startswith("."):
                return host
        return "localhost"

    def _own_hosts(self):
        from govsite.site import current

        hosts = {self.host.lower(), urlsplit(settings.SITE_URL).netloc.lower()}
        domain = current().settings.site_domain
        if domain:
            hosts.add(domain.lower())
        return {h for h in hosts if h}

    def is_internal(self, url):
        parts = urlsplit(url)
        return not parts.netloc or parts.netloc.lower() in self.own_hosts

    # -- the crawl -------------------------------------------------------------------------

    def run(self, pages=None):
        report = Report(run=LinkCheckRun.objects.create(started_at=timezone.now()))
        external = {}
        for page in pages if pages is not None else published_pages():
            response = self._get(page)
            report.pages += 1
            self.internal_results[page] = Result(response.status_code)
            if response.status_code >= 400:
                # The page itself is broken: report it as a link of the sitemap that lists it.
                report.failures.append((Link(SITEMAP_PATH, page, LinkKind.LINK), Result(response.status_code)))
                continue
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for address, kind in extract_links(response.content.decode(response.charset or "utf-8", "replace")):
                link = self._link(page, address, kind)
                if link is None:
                    continue
                report.links += 1
                if self.is_internal(link.url):
                    result = self.check_internal(link.url)
                    if not result.ok:
                        report.failures.append((link, result))
                else:
                    external.setdefault(link.url, []).append(link)
        if self.external and external:
            results, report.skipped = self.check_external(list(external), self.time_limit)
            for url, result in results.items():
                if not result.ok:
                    report.failures.extend((link, result) for link in external[url])
        elif external:
            report.skipped = set(external)
        self.save(report)
        return report

    def _link(self, page, address, kind):
        address = address.strip()
        scheme = urlsplit(address).scheme.lower()
        if not address or address.startswith("#") or scheme in SKIPPED_SCHEMES:
            return None
        url = urljoin(page, address).split("#", 1)[0]
        if urlsplit(url).scheme.lower() not in ("", "http", "https"):
            return None
        return Link(page, url, kind_of(url, kind))

    def _get(self, path):
        return self.client.get(path, secure=self.secure)

    # -- internal links: the site answers itself -------------------------------------------

    def check_internal(self, url):
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        if target not in self.internal_results:
            self.internal_results[target] = self._check_internal(target)
        return self.internal_results[target]

    def _check_internal(self, target):
        for _hop in range(MAX_REDIRECTS):
            stored = stored_file_exists(urlsplit(target).path)
            if stored is not None:
                return Result(200) if stored else Result(404)
            response = self._get(target)
            if response.status_code in (301, 302, 303, 307, 308):
                location = urljoin(target, response["Location"])
                if not self.is_internal(location):
                    return Result(response.status_code)
                parts = urlsplit(location)
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                continue
            return Result(response.status_code)
        return Result(error=_("重定向次数过多"))

    # -- external links: over HTTP, bounded ------------------------------------------------

    def check_external(self, urls, time_limit):
        """{url: Result} for those checked within `time_limit` seconds, and the set of those not reached."""
        results = {}
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="linkcheck")
        futures = {pool.submit(fetch, url, self.timeout): url for url in urls}
        done, not_done = wait(futures, timeout=time_limit)
        for future in done:
            results[futures[future]] = future.result()
        # Requests still waiting are dropped; those under way end within their own timeout.
        pool.shutdown(wait=False, cancel_futures=True)
        return results, {futures[future] for future in not_done}

    # -- what is kept ----------------------------------------------------------------------

    @transaction.atomic
    def save(self, report):
        now = timezone.now()
        run = report.run
        seen = set()
        for link, result in report.failures:
            key = (link.page, link.url)
            if key in seen:
                continue
            seen.add(key)
            broken, created = BrokenLink.objects.get_or_create(
                page=link.page[:500], url=link.url[:2000],
                defaults={"first_seen": now, "last_seen": now, "kind": link.kind},
            )
            if not created and broken.fixed_at is not None:
                broken.first_seen = now  # broken again after a fix: a new episode
            broken.kind = link.kind
            broken.internal = self.is_internal(link.url)
            broken.status_code = result.status_code if result.status_code and result.status_code >= 400 else None
            broken.error = result.error[:300] if result.error else ""
            if not result.error and not broken.status_code:
                broken.error = f"HTTP {result.status_code}"
            broken.last_seen = now
            broken.fixed_at = None
            broken.last_run = run
            broken.save()
        # Whatever failed before and was checked again without failing is fixed now.
        BrokenLink.objects.current().exclude(last_run=run).exclude(url__in=report.skipped).update(fixed_at=now)
        run.finished_at = now
        run.pages = report.pages
        run.links = report.links
        run.broken = len(seen)
        run.skipped = len(report.skipped)
        run.save()


def stored_file_exists(path):
    """For a static or media address, whether the file is there; None for any other address.

    Media is served by the web server in front of the site and static files by WhiteNoise from
    the collected folder, so ask where they are kept rather than the application.
    """
    for prefix, exists in (
        (settings.MEDIA_URL, default_storage.exists),
        (settings.STATIC_URL, lambda name: staticfiles_storage.exists(name) or bool(finders.find(name))),
    ):
        prefix = "/" + prefix.lstrip("/")
        if path.startswith(prefix):
            name = unquote(path.removeprefix(prefix))
            return bool(name) and exists(name)
    return None


def fetch(url, timeout):
    """HEAD, then GET if the server will not answer HEAD: the status, or that there was none.

    Through accounts.outbound: no private address is asked, and every failure reads the same.
    """
    try:
        status = outbound.status_of(url, "HEAD", timeout, USER_AGENT)
        if status not in HEAD_REFUSED:
            return Result(status)
        return Result(outbound.status_of(url, "GET", timeout, USER_AGENT))
    except outbound.Unreachable as error:
        logger.info("link check: %s unreachable (%s)", url, error)
        return Result(error=outbound.UNREACHABLE)
