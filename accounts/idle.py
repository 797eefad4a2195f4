"""Idle time of a staff session: the last activity is kept in the session itself."""

import math
import time

from django.conf import settings

LAST_ACTIVITY = "accounts_last_activity"


def now():
    # Wall-clock seconds, kept apart from django.utils.timezone.now so that tests which move
    # the publication clock do not also sign staff out; tests of the timeout patch this.
    return time.time()


def touch(request):
    request.session[LAST_ACTIVITY] = int(now())


def idle_seconds(request):
    last = request.session.get(LAST_ACTIVITY)
    return None if last is None else now() - last


def remaining_seconds(request):
    idle_for = idle_seconds(request)
    if idle_for is None:
        return settings.SESSION_IDLE_TIMEOUT
    # Rounded up, so that 0 means the session has ended and never "less than a second left".
    return max(0, math.ceil(settings.SESSION_IDLE_TIMEOUT - idle_for))


def expired(request):
    idle_for = idle_seconds(request)
    return idle_for is not None and idle_for >= settings.SESSION_IDLE_TIMEOUT


def keeps_session_idle(view):
    """Mark a view whose requests are not activity (the page asking how long is left)."""
    view.accounts_not_activity = True
    return view
