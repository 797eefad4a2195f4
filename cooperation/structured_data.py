"""schema.org JSON-LD for detail pages, built from exactly what the page shows.

Each function receives the record as its view loaded it (published relations only, for the
public), so a draft never slips into the structured data by a second, unfiltered query.
"""

from cooperation.dates import format_partial_date_iso
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
    link only when their own page is public (a draft person is not named)."""
    linked = person is not None and person.is_public
    return _compact(
        {
            "@type": "Person",
            "name": name or (person.name if linked else ""),
            "jobTitle": title,
            "url": _url(request, person) if linked else None,
        }
    )


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
            "startDate": format_partial_date_iso(meeting.date, meeting.date_precision),
            "description": meeting.summary,
            "location": _compact({"@type": "Place", "name": meeting.place or place, "address": place}),
            "performer": [
                person_node(request, s.name_as_printed, s.title_as_printed, s.person)
                for s in meeting.speeches.all()
            ],
        }
    )


def delegation_json_ld(request, delegation):
    precision = delegation.date_precision
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": delegation.title,
        "url": _url(request, delegation),
        "description": delegation.summary or delegation.purpose,
        "startDate": format_partial_date_iso(delegation.start_date, precision),
        "endDate": format_partial_date_iso(delegation.end_date, precision),
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
        "attendee": [
            person_node(request, p.name_as_printed, p.title_as_printed, p.person)
            for p in delegation.participants.all()
        ],
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
            "funder": region_node(request, project.pairing.support_region) if project.pairing_id else None,
            "keywords": [topic.name for topic in project.topics.all()],
            "image": [request.build_absolute_uri(p.display.url) for p in project.photos.all() if p.display],
        }
    )
