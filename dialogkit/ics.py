"""Calendar files for dialogues: the one ICS writer in dialogkit.

Times are local Swedish time with a VTIMEZONE that Outlook reads: one STANDARD and
one DAYLIGHT block with yearly rules (icalendar's own generator writes one block
per transition, which Outlook does not use for later years). UIDs are derived from
the plan and dialogue ids, so importing an updated plan updates the events.

SEQUENCE comes from the time the file is made (see `sequence`), so a re-sent
calendar always carries a higher one than any sent before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
)

from . import __version__, clock
from .model.project import Dialogue, DialogueProject

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)
EVENT_STATUS = {
    "planned": "TENTATIVE",
    "booked": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}
SEQUENCE_START = datetime(2020, 1, 1, tzinfo=UTC)


def sequence(now: datetime) -> int:
    """The events' SEQUENCE: whole minutes from 2020-01-01 to `now` (clock.now(), so
    SOURCE_DATE_EPOCH when it is set).

    Outlook ignores an event it already has unless the new copy's SEQUENCE is higher
    (RFC 5546 §2.1.4), and it warns that a lower one is out of date. So the number
    must rise with every change and never go down. Derived from time it never goes
    down, whoever builds, wherever, and with whatever was built before; the
    alternative, a counter stored under the output folder, starts again at 0 when
    that folder is cleaned, a colleague builds on another machine, the single
    command writes elsewhere or to stdout, and every such restart is an update
    Outlook ignores. The cost: an unchanged event is also re-numbered at each
    build, which re-imports as a harmless update. Minutes stay within the 32-bit
    integer Outlook stores for about 4000 years. A reproducible build that sets
    SOURCE_DATE_EPOCH should set it to a time that moves on, such as the last
    commit's: a fixed value gives a fixed SEQUENCE."""
    return max(0, int((now - SEQUENCE_START).total_seconds()) // 60)


def stockholm_timezone() -> Timezone:
    """Central European time with the EU's summer-time rules (since 1996)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    for block, start, month, before, after, name in (
        (TimezoneDaylight, datetime(1996, 3, 31, 2, 0), 3, 1, 2, "CEST"),
        (TimezoneStandard, datetime(1996, 10, 27, 3, 0), 10, 2, 1, "CET"),
    ):
        part = block()
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("tzname", name)
        zone.add_component(part)
    return zone


def event_uid(project: DialogueProject, dialogue: Dialogue) -> str:
    return f"{dialogue.id}.{project.id}@dialogkit"


def dialogue_event(
    project: DialogueProject,
    dialogue: Dialogue,
    description: str,
    *,
    now: datetime,
    draft: str | None = None,
) -> Event:
    event = Event()
    event.add("uid", event_uid(project, dialogue))
    event.add("dtstamp", now)
    event.add("sequence", sequence(now))
    event.add("dtstart", datetime.combine(dialogue.date, dialogue.start, STOCKHOLM))
    event.add("dtend", datetime.combine(dialogue.date, dialogue.end, STOCKHOLM))
    summary = f"{project.title}: {dialogue.municipality}"
    if dialogue.test:
        summary += " (test)"
    event.add("summary", f"{draft}: {summary}" if draft else summary)
    event.add("location", location(dialogue))
    event.add("description", f"{draft}\n\n{description}" if draft else description)
    event.add("status", EVENT_STATUS[dialogue.status])
    if project.web_page:
        event.add("url", project.web_page)
    if project.contact.email:
        organizer = vCalAddress(f"mailto:{project.contact.email}")
        organizer.params["cn"] = project.contact.name
        event.add("organizer", organizer)
    return event


def location(dialogue: Dialogue) -> str:
    """The venue's name and address, or for a digital dialogue its published link
    or else its platform."""
    if dialogue.format == "digital" or dialogue.venue is None:
        return published_link(dialogue) or (dialogue.digital.platform if dialogue.digital else "")
    return ", ".join(part for part in (dialogue.venue.name, dialogue.venue.address) if part)


def published_link(dialogue: Dialogue) -> str | None:
    """The meeting link, unless the dialogue asks people to register: then the link
    is sent to those who registered (DigitalAccess.link), and a public calendar
    showing it would let anyone in unregistered, a test dialogue's practice round
    included."""
    access = dialogue.digital
    if access is None or access.registration_email or access.registration_url:
        return None
    return access.link


def calendar_bytes(
    project: DialogueProject,
    dialogues: Iterable[Dialogue],
    describe,
    *,
    now: datetime | None = None,
    draft: str | None = None,
    subscribed: bool = False,
) -> bytes:
    """An ICS file with one event per dialogue; `describe(dialogue)` gives its description.
    A `subscribed` calendar (published for calendar apps to subscribe to) asks them to
    fetch it again once a day (REFRESH-INTERVAL, RFC 7986, and Outlook's X-PUBLISHED-TTL).
    A draft's mark (products/draft.py) leads the calendar's name and each event's
    summary, and is the first line of each description: an event imported into
    Outlook shows it in the title and in the text."""
    now = now or clock.now()
    calendar = Calendar()
    calendar.add("prodid", f"-//dialogkit//dialogkit {__version__}//{project.language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{draft}: {project.title}" if draft else project.title)
    calendar.add("x-wr-timezone", TZID)
    if subscribed:
        calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(timedelta(days=1)))
    calendar.add_component(stockholm_timezone())
    for dialogue in dialogues:
        event = dialogue_event(project, dialogue, describe(dialogue), now=now, draft=draft)
        calendar.add_component(event)
    return calendar.to_ical()
