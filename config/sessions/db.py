from django.contrib.sessions.backends import db

from config.sessions import WritesRefusedAreAnOutage


class SessionStore(WritesRefusedAreAnOutage, db.SessionStore):
    pass
