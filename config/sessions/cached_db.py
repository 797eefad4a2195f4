from django.contrib.sessions.backends import cached_db

from config.sessions import WritesRefusedAreAnOutage


class SessionStore(WritesRefusedAreAnOutage, cached_db.SessionStore):
    pass
