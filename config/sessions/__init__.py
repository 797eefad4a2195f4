"""Session stores that say when the database takes no writes for now.

Django's database session store turns any database error while saving a session it already
has into UpdateError, which the session middleware answers with a 400 (the session was deleted
before the request completed). When the database only reads for a while (a standby not yet
promoted, a full disk), that is not the visitor's mistake: the database's own error is raised
instead, and the site answers it as an outage (503 with Retry-After, config/unavailable.py).
SESSION_STORE picks `config.sessions.db` or `config.sessions.cached_db` (settings.py).
"""

from django.contrib.sessions.backends.base import UpdateError

from config.unavailable import database_unreachable


class WritesRefusedAreAnOutage:
    def save(self, must_create=False):
        try:
            return super().save(must_create=must_create)
        except UpdateError as error:
            refused = error.__context__
            if refused is None or not database_unreachable(refused):
                raise
        # Raised as the database raised it (its __cause__, psycopg's error, tells the outage).
        raise refused
