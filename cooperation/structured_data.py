"""schema.org JSON-LD for detail pages, built from exactly what the page shows.

Each function receives the record as its view loaded it (published relations only, for the
public), so a draft never slips into the structured data by a second, unfiltered query.
"""

from django.urls import reverse
from django.utils.translation import gettext

from cooperation.dates import DatePrecision
from cooperation.models import OrganizationKind

CONTEXT = "https://schema.org"
GOVERNMENT_KINDS = {
    OrganizationKind.PARTY,
    OrganizationKind.GOVERNMENT,
    OrganizationKind.CONGRESS,
    OrganizationKind.CPPCC,
    OrganizationKind.DEPARTMENT,
}


def _url(request, record):
    return request.build_absolute_uri(record.get_absolute_url())


def _compact(data):
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def region_node(request, region):
    return _compact(
        {"@type": "AdministrativeArea", "name": region.full_name, "url": _url(request, region)}
    )


def organization_node(organization):
    kind = "GovernmentOrganization" if organization.kind in GOVERNMENT_KINDS else "Organization"
    return {"@type": kind, "name": organization.name}


def person_node(request, name, title, person=None):
    """A person as a page names them: by the name as printed, or by their record's name and with a
    link only when their own page is public (a draft person is not named).

    None for someone the report does not name (大兴区相关单位负责人): a Person without a name
    says nothing a reader of the data can use, and guessing one would be worse.
    """
    linked = person is not None and person.is_public
    name = name or (person.name if linked else "")
    if not name:
        return None
    return _compact(
        {
            "@type": "Person",
            "name": name,
            "jobTitle": title,
            "url": _url(request, person) if linked else None,
        }
    )


def _people(request, rows):
    return [node for node in (person_node(request, *row) for row in rows) if node is not None]


def event_date(day, precision):
    """An Event's startDate only when the day is known: schema.org and search engines read "2024"
    as 1 January, which the record does not say."""
    return day.isoformat() if day is not None and precision == DatePrecision.DAY else None


def _image(request, photo):
    if photo is None or not photo.display:
        return None
    return request.build_absolute_uri(photo.display.url)


def _meeting_event(request, meeting):
    place = meeting.region.full_name if meeting.region_id else meeting.place
    return _compact(
        {
            "@type": "Event",
            "name": meeting.title,
            "url": _url(request, meeting),
            "startDate": event_date(*_meeting_day(meeting)),
            "description": meeting.summary,
            "location": _compact({"@type": "Place", "name": meeting.place or place, "address": place}),
            "performer": _people(
                request, [(s.name_as_printed, s.title_as_printed, s.person) for s in meeting.speeches.all()]
            ),
        }
    )


def _meeting_day(meeting):
    """The meeting's own date, or its trip's when the trip lasted that one known day."""
    if meeting.date is not None:
        return meeting.date, meeting.date_precision
    trip = meeting.delegation if meeting.delegation_id else None
    if trip is not None and trip.start_date and trip.end_date in (None, trip.start_date):
        return trip.start_date, trip.date_precision
    return None, None


def delegation_json_ld(request, delegation):
    precision = delegation.date_precision
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": delegation.title,
        "url": _url(request, delegation),
        "description": delegation.summary or delegation.purpose,
        "startDate": event_date(delegation.start_date, precision),
        "endDate": event_date(delegation.end_date, precision),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "image": _image(request, delegation.cover_photo),
        "organizer": _compact(
            {
                "@type": "GovernmentOrganization",
                "name": delegation.name or (delegation.origin.full_name if delegation.origin_id else ""),
                "areaServed": region_node(request, delegation.origin) if delegation.origin_id else None,
            }
        ),
        "location": [region_node(request, region) for region in delegation.destinations.all()],
        "attendee": _people(
            request, [(p.name_as_printed, p.title_as_printed, p.person) for p in delegation.participants.all()]
        ),
        "about": [{"@type": "DefinedTerm", "name": topic.name} for topic in delegation.topics.all()],
        "subEvent": [_meeting_event(request, meeting) for meeting in delegation.meetings.all()],
    }
    return _compact(data)


def meeting_json_ld(request, meeting):
    data = {"@context": CONTEXT, **_meeting_event(request, meeting)}
    if meeting.delegation_id:
        data["superEvent"] = {
            "@type": "Event",
            "name": meeting.delegation.title,
            "url": _url(request, meeting.delegation),
        }
    return data


def person_json_ld(request, person, appointments):
    current = [a for a in appointments if a.is_current]
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Person",
            "name": person.name,
            "url": _url(request, person),
            "description": person.bio or person.disambiguation,
            "jobTitle": "、".join(a.title for a in current),
            "affiliation": [organization_node(a.organization) for a in current if a.organization_id],
        }
    )


def region_json_ld(request, region):
    names = {region.name, region.short_name, *region.alias_list()} - {"", region.full_name}
    return _compact(
        {
            "@context": CONTEXT,
            **region_node(request, region),
            "alternateName": sorted(names),
            "identifier": region.code,
            "containedInPlace": region_node(request, region.parent) if region.parent_id else None,
        }
    )


def pairing_json_ld(request, pairing):
    return {
        "@context": CONTEXT,
        "@type": "WebPage",
        "name": str(pairing),
        "url": _url(request, pairing),
        "about": [
            region_node(request, pairing.support_region),
            region_node(request, pairing.recipient_region),
        ],
    }


def topic_json_ld(request, topic):
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "DefinedTerm",
            "name": topic.name,
            "url": _url(request, topic),
            "description": topic.description,
        }
    )


def project_json_ld(request, project):
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Project",
            "name": project.name,
            "url": _url(request, project),
            "description": project.description,
            "foundingDate": str(project.start_year) if project.start_year else None,
            "location": region_node(request, project.region) if project.region_id else None,
            # The supporting side's government funds it: an organization serving that area.
            "funder": _compact(
                {
                    "@type": "GovernmentOrganization",
                    "name": project.pairing.support_region.full_name,
                    "areaServed": region_node(request, project.pairing.support_region),
                }
            ) if project.pairing_id else None,
            "keywords": [topic.name for topic in project.topics.all()],
            "image": [request.build_absolute_uri(p.display.url) for p in project.photos.all() if p.display],
        }
    )


def website_json_ld(request, name):
    """The home page: the site, and how to search it."""
    search = request.build_absolute_uri(reverse("cooperation:search"))
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": name,
        "url": request.build_absolute_uri("/"),
        "inLanguage": "zh-Hans",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_json_ld(request, trail):
    """A BreadcrumbList from (name, path) pairs, the home page first, as the page's breadcrumbs show."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": str(name), "item": request.build_absolute_uri(path)}
            for index, (name, path) in enumerate(trail, start=1)
        ],
    }


def item_list_json_ld(request, name, records, start=1):
    """An ItemList of the records a list page shows, each by its name and address."""
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": str(name),
        "numberOfItems": len(records),
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": str(record), "url": _url(request, record)}
            for index, record in enumerate(records, start=start)
        ],
    }


def list_page_json_ld(request, name, records, start=1):
    """A list page's blocks: where it sits (BreadcrumbList) and what it lists (ItemList)."""
    return [
        breadcrumb_json_ld(request, [(_home_name(), "/"), (name, request.path)]),
        item_list_json_ld(request, name, records, start),
    ]


def _home_name():
    return gettext("首页")
