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
