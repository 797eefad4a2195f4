"""The feedback app's settings, each with a default that fits a government office's rules.

Set any of them in config/settings.py to change it:

- FEEDBACK_REPLY_WORKING_DAYS: a reply is due this many working days after the message
  arrives (public holidays and 调休 as the State Council publishes them, see
  feedback.services.is_working_day); 3 by default, as the 政府网站发展指引 asks.
- FEEDBACK_RATE_LIMIT and FEEDBACK_RATE_WINDOW: at most this many messages from one address
  in this many seconds (5 an hour).
- FEEDBACK_MIN_FILL_SECONDS: a form sent back sooner than this after it was shown is a
  script's, not a person's (3 seconds).
- FEEDBACK_FORM_MAX_AGE: a form older than this many seconds is issued afresh (a day).
- FEEDBACK_CONTACT_RETENTION_DAYS: a sender's name and contact details are kept this many
  days after the message arrived, and only while it is no longer waiting for its reply
  (180 days); `manage.py purge_feedback_contacts`, run daily, clears them after that.
"""

from django.conf import settings

DEFAULTS = {
    "FEEDBACK_REPLY_WORKING_DAYS": 3,
    "FEEDBACK_RATE_LIMIT": 5,
    "FEEDBACK_RATE_WINDOW": 60 * 60,
    "FEEDBACK_MIN_FILL_SECONDS": 3,
    "FEEDBACK_FORM_MAX_AGE": 24 * 60 * 60,
    "FEEDBACK_CONTACT_RETENTION_DAYS": 180,
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])
