"""Checks before publishing: personal information, 错敏词, images without alt text, dead links.

Government sites must not publish personal information (《政府网站发展指引》, 个人信息保护法):
18-digit resident ID numbers, mobile numbers and bank-card numbers are blocked until they
are masked (138****1234). The patterns are strict — an ID number must carry a valid check
digit, a card number must pass the Luhn check — so that ordinary figures (万元 amounts,
division codes, dates) are not flagged.
"""

import re
from dataclasses import dataclass

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"

# Digits not preceded or followed by more digits (a longer run is some other number).
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_CARD = re.compile(r"(?<!\d)(\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?)(?!\d)")


@dataclass(frozen=True)
class Finding:
    kind: str  # "id_number", "mobile", "bank_card", "sensitive_word", "alt_text", "dead_link"
    value: str
    start: int
    end: int
    masked: str = ""
    blocking: bool = True


def id_check_digit_ok(number):
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17]


def luhn_ok(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def mask_id_number(number):
    return number[:6] + "*" * 8 + number[-4:]


def mask_mobile(number):
    digits = re.sub(r"\D", "", number)[-11:]
    return f"{digits[:3]}****{digits[-4:]}"


def mask_card(number):
    digits = re.sub(r"\D", "", number)
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def find_personal_information(text):
    """Every ID number, mobile number and bank-card number in the text, with its masked form."""
    text = text or ""
    findings = []
    taken = []

    def free(start, end):
        return all(end <= s or start >= e for s, e in taken)

    for match in _ID.finditer(text):
        if id_check_digit_ok(match.group(1)):
            findings.append(Finding("id_number", match.group(1), *match.span(1), mask_id_number(match.group(1))))
            taken.append(match.span(1))
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if 16 <= len(digits) <= 19 and luhn_ok(digits) and free(*match.span(1)):
            findings.append(Finding("bank_card", match.group(1), *match.span(1), mask_card(match.group(1))))
            taken.append(match.span(1))
    for match in _MOBILE.finditer(text):
        if free(*match.span()):
            findings.append(Finding("mobile", match.group(0), *match.span(), mask_mobile(match.group(0))))
            taken.append(match.span())
    return sorted(findings, key=lambda f: f.start)


def mask_personal_information(text):
    """The text with every finding replaced by its masked form."""
    for finding in reversed(find_personal_information(text)):
        text = text[: finding.start] + finding.masked + text[finding.end :]
    return text


def find_sensitive_words(text, words, blocking=False):
    """Occurrences of configured 错敏词 (wrong or sensitive wording) in the text."""
    text = text or ""
    findings = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        for match in re.finditer(re.escape(word), text):
            findings.append(Finding("sensitive_word", word, *match.span(), blocking=blocking))
    return sorted(findings, key=lambda f: f.start)


_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']|(https?://[^\s<>"'，。；）)]+)""")


def find_links(text):
    """Links written in a text field: href/src attributes and bare http(s) addresses."""
    return [match.group(1) or match.group(2) for match in _LINK.finditer(text or "")]


# --- the checks a reviewer sees before approving a record -------------------------------------

@dataclass(frozen=True)
class Issue:
    """One thing the review screen shows: where it is, what it is, and whether it blocks approval."""

    kind: str
    where: str
    value: str
    blocking: bool
    masked: str = ""
    advice: str = ""


@dataclass(frozen=True)
class Text:
    """A piece of text a record shows: the label a person recognises, and how to reach it again."""

    where: str
    text: str
    obj: object = None  # the model instance holding it, or None for a pending revision's field
    field: str = ""  # the model field, or the key in the pending revision


def _text_fields(model):
    from django.db import models

    return [
        field for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices and field.editable
    ]


def _children(record):
    """The rows that belong to the record and show with it (participants, site visits, speeches …).

    Children deleted with the record (CASCADE), except records with an approval chain of their
    own (a meeting of a trip is reviewed on its own).
    """
    from django.db import models

    from review.models import Publishable

    children = []
    for relation in record._meta.related_objects:
        if not relation.one_to_many or relation.on_delete is not models.CASCADE:
            continue
        related = relation.related_model
        if issubclass(related, Publishable):
            continue
        children.extend(getattr(record, relation.get_accessor_name()).all())
    return children


def _where(obj, field):
    label = str(field.verbose_name)
    # The row is named by its text, masked: the place of a finding must not repeat the finding.
    return label if obj is None else f"{obj._meta.verbose_name}“{mask_personal_information(str(obj))}”·{label}"


def record_texts(record):
    """Every text the record and its children show, each with where it is."""
    texts = [Text(str(field.verbose_name), getattr(record, field.name) or "", record, field.name)
             for field in _text_fields(type(record))]
    for child in _children(record):
        texts += [Text(_where(child, field), getattr(child, field.name) or "", child, field.name)
                  for field in _text_fields(type(child))]
    return [text for text in texts if text.text]


def revision_texts(revision, model):
    """The texts of a pending change: every value the form sent, labelled by its field where known."""
    labels = {field.name: str(field.verbose_name) for field in model._meta.concrete_fields}
    texts = []
    for key, values in sorted(revision.items()):
        if key.startswith("_") or key.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")):
            continue
        name = key.rsplit("-", 1)[-1]
        where = labels.get(name, name) if "-" not in key else f"{key.rsplit('-', 1)[0]}·{name}"
        texts += [Text(where, value, None, key) for value in values if value and not value.isdigit()]
    return texts


def record_photos(record):
    """The photos the record and its children show: a query per photo field of each kind of row,
    however many site visits the trip has."""
    from review.registry import photo_models

    photo_types = tuple(photo_models())
    by_model = {}
    for obj in [record, *_children(record)]:
        by_model.setdefault(type(obj), []).append(obj)
    photos = {}
    for model, objs in by_model.items():
        for field in model._meta.get_fields():
            photo_model = getattr(field, "related_model", None)
            if photo_model not in photo_types or field.auto_created:
                continue
            if field.many_to_many:
                shown = photo_model.objects.filter(**{f"{field.related_query_name()}__in": objs}).distinct()
            elif field.many_to_one:
                ids = {getattr(obj, field.attname) for obj in objs} - {None}
                shown = photo_model.objects.filter(pk__in=ids) if ids else []
            else:
                continue
            photos.update({photo.pk: photo for photo in shown})
    return list(photos.values())


KIND_LABELS = {
    "id_number": "身份证号",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
}


def text_issues(texts, words):
    """Personal information (always blocking) and 错敏词 (blocking when hard) in these texts.

    `words` are (word, hard, suggestion) tuples.
    """
    issues = []
    hard = {word for word, is_hard, _suggestion in words if is_hard}
    suggestions = {word: suggestion for word, _hard, suggestion in words}
    for text in texts:
        for finding in find_personal_information(text.text):
            issues.append(Issue(finding.kind, text.where, finding.value, True, finding.masked))
        for finding in find_sensitive_words(text.text, suggestions):
            blocking = finding.value in hard
            issues.append(Issue("sensitive_word", text.where, finding.value, blocking,
                                advice=suggestions[finding.value]))
    return issues


def photo_issues(photos):
    return [Issue("alt_text", str(photo.caption or photo.image.name), str(photo.pk), False)
            for photo in photos if not (photo.alt_text or "").strip()]


def masked_text(text):
    return mask_personal_information(text)


# --- links --------------------------------------------------------------------------------------

LINK_TIMEOUT = 3.0  # seconds for one external link
LINK_BUDGET = 6.0  # seconds for all of them together: the review screen never waits longer


def _internal_path(url, own_hosts):
    """The path of a link to this site, or None for a link elsewhere."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return parts.path or "/"
    if parts.scheme in ("http", "https") and parts.netloc.lower() in own_hosts:
        return parts.path or "/"
    return None


def _check_internal(path):
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return "本站没有这个地址"
    return None


def _check_external(url, timeout):
    """None when the link answers, else one neutral problem (see accounts.outbound for why)."""
    from accounts import outbound

    for method in ("HEAD", "GET"):
        try:
            status = outbound.status_of(url, method, timeout)
        except outbound.Unreachable:
            return outbound.UNREACHABLE
        # Some servers refuse HEAD but serve GET: ask once more before calling the link dead.
        if method == "HEAD" and status in (403, 405, 501):
            continue
        return f"HTTP {status}" if status >= 400 else None
    return None


def check_links(urls, own_hosts=(), timeout=LINK_TIMEOUT, budget=LINK_BUDGET):
    """{url: problem or None} for each link; external ones in parallel, all within `budget` seconds.

    A link whose answer has not come by then is reported as unconfirmed rather than waited for.
    """
    from concurrent.futures import ThreadPoolExecutor, wait
    from urllib.parse import urlsplit

    own_hosts = {host.lower() for host in own_hosts}
    results = {}
    external = []
    for url in dict.fromkeys(urls):
        if url.startswith(("mailto:", "tel:", "#")):
            continue
        path = _internal_path(url, own_hosts)
        if path is not None:
            results[url] = _check_internal(path)
        elif urlsplit(url).scheme in ("http", "https"):
            external.append(url)
        else:
            results[url] = "不支持的链接"
    if external:
        pool = ThreadPoolExecutor(max_workers=min(8, len(external)))
        futures = {pool.submit(_check_external, url, timeout): url for url in external}
        done, pending = wait(futures, timeout=budget)
        for future in done:
            results[futures[future]] = future.result()
        for future in pending:
            results[futures[future]] = f"{budget:g} 秒内未能确认"
        pool.shutdown(wait=False, cancel_futures=True)
    return results
