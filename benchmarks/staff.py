"""Staff at work on a running server, for the serving benchmark: log in, edit, review, as a browser does.

Everything goes through the real admin pages over HTTP — the login form, the change form with
every field and inline row it shows, the review screen — with the CSRF token and session
cookie a browser would send. Only loopback addresses are used.
"""

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

TIMEOUT = 30
# The accounts the benchmark makes (benchmarks/serve_load.py, make_accounts) and their groups.
PASSWORD = "Bench-Only-Pw-2026!"
EDITOR, FIRST_REVIEWER, FINAL_REVIEWER = "bench-editor", "bench-first", "bench-final"
# Locked out on purpose by the two-server check (no group: it can do nothing once signed in).
LOCKOUT = "bench-lockout"
ACCOUNTS = {EDITOR: "编辑", FIRST_REVIEWER: "初审", FINAL_REVIEWER: "终审", LOCKOUT: None}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Forms(HTMLParser):
    """Every <form> of a page with the values a browser would submit (buttons and files left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form["fields"].append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._form["fields"].append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self._form["fields"].append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def forms_of(html):
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Browser:
    """One person's browser: its own cookies, no redirect followed (the status is the answer)."""

    def __init__(self, base, headers=None):
        self.base = base
        self.headers = headers or {}
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path, data=None):
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url, **self.headers})
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def form(self, path, having):
        """(status, fields) of the form on the page at `path` that has a field named `having`."""
        status, _headers, html = self.get(path)
        for form in forms_of(html):
            if any(name == having for name, _value in form["fields"]):
                return status, list(form["fields"])
        return status, None

    def log_in(self, username, password=PASSWORD):
        status, fields = self.form("/admin/login/?next=/admin/", "username")
        if fields is None:
            return status
        data = dict(fields) | {"username": username, "password": password, "next": "/admin/"}
        status, _headers, _html = self.post("/admin/login/?next=/admin/", data)
        return status

    def cookie(self, name):
        return next((cookie.value for cookie in self.jar if cookie.name == name), None)


def replace_field(fields, name, value):
    return [(key, value if key == name else old) for key, old in fields]


class Newsroom:
    """An editor who changes a published trip and the two reviewers (初审, 终审) who approve it."""

    def __init__(self, base, reviewer_base=None):
        self.editor = Browser(base)
        self.first = Browser(reviewer_base or base)
        self.final = Browser(reviewer_base or base)
        self.visitor = Browser(base)

    def log_in(self):
        return [
            self.editor.log_in(EDITOR), self.first.log_in(FIRST_REVIEWER), self.final.log_in(FINAL_REVIEWER),
        ]

    def edit_and_publish(self, pk, new_title, model="visits/delegation", field="title"):
        """Give the record (a trip unless `model` says otherwise) the `field` `new_title(old)` in its
        admin form and take it through the chain.

        (ok, problem or None, seconds taken).
        """
        started = time.monotonic()
        change = f"/admin/{model}/{pk}/change/"
        status, fields = self.editor.form(change, field)
        if fields is None:
            return False, f"change form answered {status}", time.monotonic() - started
        title = new_title(dict(fields).get(field, ""))
        status, _headers, _html = self.editor.post(change, replace_field(fields, field, title))
        if status != 302:
            return False, f"saving the change answered {status}", time.monotonic() - started
        review = f"/admin/{model}/{pk}/review/"
        for reviewer in (self.first, self.final):
            status, fields = reviewer.form(review, "opinion")
            if fields is None:
                return False, f"review screen answered {status} without a decision form", time.monotonic() - started
            fields = [*replace_field(fields, "opinion", "同意。"), ("_decision", "approve")]
            status, _headers, _html = reviewer.post(review, fields)
            if status != 302:
                return False, f"approving answered {status}", time.monotonic() - started
        return True, None, time.monotonic() - started
