"""Password rules of 等保 2.0: three of four character classes, and no reuse of the last five.

The minimum length (8) is Django's MinimumLengthValidator; the 90-day age is enforced by
accounts.middleware.PasswordExpiryMiddleware.
"""

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import PasswordHistory
from accounts.passwords import history_length

CLASSES = {
    "upper": str.isupper,
    "lower": str.islower,
    "digit": str.isdigit,
}


def character_classes(password):
    """Which of 大写字母, 小写字母, 数字, 符号 the password uses; anything else counts as a symbol."""
    found = set()
    for char in password:
        for name, test in CLASSES.items():
            if test(char):
                found.add(name)
                break
        else:
            found.add("symbol")
    return found


class CharacterClassesValidator:
    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self.message(), code="password_too_few_character_classes")

    def message(self):
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(count)d 类。") % {"count": self.min_classes}

    def get_help_text(self):
        return self.message()


class PasswordHistoryValidator:
    """Refuses the current password and the ones before it, PASSWORD_HISTORY_COUNT in all."""

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        hashes = (
            PasswordHistory.objects.filter(user=user)
            .order_by("-changed_at", "-id")
            .values_list("password", flat=True)[: history_length()]
        )
        # check_password without a setter: comparing never rewrites a stored hash.
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(self.message(), code="password_reused")

    def message(self):
        return _("不能使用最近 %(count)d 次用过的密码。") % {"count": history_length()}

    def get_help_text(self):
        return self.message()
