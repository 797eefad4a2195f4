"""What an admin page names in Latin letters: the check behind "the admin is wholly in Chinese".

The walk that applies it to every admin page as every role is the permission matrix's
(tests/security/test_permission_matrix.py): it opens those pages anyway, so each page is read
once for both checks.
"""

import re

from django.urls import NoReverseMatch, reverse

from tests.public_site import parse

# Where a page names things rather than shows a record: headings, captions, column headings,
# field labels and their help, buttons, actions, the record-type and permission pickers, the title.
LABELS = ("title", "h1", "h2", "h3", "caption", "legend", "label", "button", "summary")
PICKERS = ("action", "content_type", "permissions", "user_permissions", "permissions_old", "user_permissions_old")
# What Chinese text writes in Latin letters too: abbreviations, file formats and encodings, the
# 网页标签 names of the government-website rules, keys ("按住 Control 键"), the language switch
# (English) and the larger-text button (Aa).
LATIN_IN_CHINESE = {
    "ICP", "IP", "ID", "SHA", "URL", "CSV", "JSON", "Excel", "Unix", "LDAP",
    "BOM", "GB", "GBK", "UTF", "JPEG", "PNG", "WebP", "XLSX", "XLS", "XML", "HTML", "docx", "html", "txt",
    "SiteName", "SiteDomain", "SiteIDCode", "Control", "Command", "Mac", "English", "Aa",
}
WORD = re.compile(r"[A-Za-z]{2,}")
ADDRESS = re.compile(r"[\w-]+(\.[\w-]+)+")  # jmxz.example.gov.cn: an example address, not words


def label_texts(page):
    """The texts of the page's labels, column headings, help, buttons and pickers, in that order
    (each kind in document order). The page is walked once, its elements sorted by kind."""
    by_tag, headings, helps, buttons, options = {tag: [] for tag in LABELS}, [], [], [], []
    for element in page.iter():
        if element.tag in by_tag:
            by_tag[element.tag].append(element.text)
        if "help" in element.classes:
            helps.append(element.text)
        if element.tag == "input" and element.attrs.get("type") in ("submit", "button"):
            buttons.append(element.attrs.get("value", ""))
        elif element.tag == "thead":
            headings += [th.text for th in element.find_all("th")]
        elif element.tag == "select" and element.attrs.get("name") in PICKERS:
            options += element.texts("option")
    return [*(text for tag in LABELS for text in by_tag[tag]), *headings, *helps, *buttons, *options]


def english_words(page, data=()):
    """The words in Latin letters where the page names things (the records' own text left out)."""
    found = set()
    for text in label_texts(page):
        for value in data:
            text = text.replace(value, "")
        found |= {word for word in WORD.findall(ADDRESS.sub("", text)) if word not in LATIN_IN_CHINESE}
    return found


def record_values(target):
    """What a record shows of itself in a list or a form: its name, user names, addresses."""
    values = [str(target)]
    for name in ("username", "old_slug", "url", "page", "number", "file_name", "path_info", "user_agent"):
        value = getattr(target, name, None)
        if isinstance(value, str) and value:
            values.append(value)
    owner = getattr(target, "user", None)
    if owner is not None and hasattr(owner, "username"):
        values.append(owner.username)
    return values


def more_pages(model, target):
    """A model's admin pages beyond its list, add, change, history and delete pages: the app's
    index and the model's own extra views (review screen, report, export, rollback)."""
    info = f"{model._meta.app_label}_{model._meta.model_name}"
    urls = [reverse("admin:app_list", args=[model._meta.app_label])]
    for page, args in (("review", (target.pk,)), ("report", ()), ("export", ()), ("rollback", (target.pk,))):
        try:
            urls.append(reverse(f"admin:{info}_{page}", args=args))
        except NoReverseMatch:
            continue
    return urls


class EnglishOnAdminPages:
    """Reads the admin pages a signed-in user is shown and keeps each Latin word found where a page
    names things, with the first address it was seen at."""

    def __init__(self, user):
        self.user = user
        self.found = {}
        self.opened = set()

    def read(self, url, response, target=None):
        if response.status_code not in (200, 403) or "html" not in response["Content-Type"]:
            return
        self.opened.add(url)
        data = (self.user.username, *(record_values(target) if target is not None else ()))
        for word in english_words(parse(response), data):
            self.found.setdefault(word, url)

    def open(self, client, urls, target=None):
        """Open and read the pages not read yet (an app's index once per app)."""
        for url in urls:
            if url not in self.opened:
                self.read(url, client.get(url), target)

    def report(self):
        return "\n".join(f"{word}: {url}" for word, url in sorted(self.found.items()))
