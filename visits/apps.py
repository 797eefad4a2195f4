from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'visits'
    verbose_name = _("考察活动")

    def ready(self):
        from cooperation.models import Pairing, Region, Source, Topic
        from review import registry
        from visits.models import Delegation, Meeting, Participant, SiteVisit, Speech

        registry.register_displayed_dates(Delegation, ["start_date", "end_date", "date_precision"])
        registry.register_displayed_dates(Meeting, ["date", "date_precision"])
        registry.register_part(Participant, "delegation")
        registry.register_part(SiteVisit, "delegation")
        registry.register_part(Speech, "meeting")
        # The places, topics and pairings a published trip's pages name (and link to).
        for record, path in ((Delegation, "origin"), (Delegation, "destinations"), (Meeting, "region"),
                             (SiteVisit, "region")):
            registry.register_public_use(Region, record, path)
        registry.register_public_use(Topic, Delegation, "topics")
        registry.register_public_use(Pairing, Delegation, "pairings")
        # The reports its pages cite: its own, and the figures' of the pairings it is filed under.
        registry.register_public_use(Source, Delegation, "source")
        registry.register_public_use(Source, Delegation, "pairings__figures__source")
