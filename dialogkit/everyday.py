"""What a person means when a plan holds everyday Swedish: a date as 13/4/2021 or
"13 april 2021", a time as 18.00 or 8, a key written in Swedish (`ledamöter`). Each
gives the value or key to write instead, for a finding's hint."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_LOOSE = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")
_WORD_DATE = re.compile(r"(\d{1,2})\.?\s+([a-zåäö]+)\.?,?\s+(\d{4})")
_WORD_FIRST_DATE = re.compile(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_CLOCK = re.compile(r"(?:kl\.?\s*)?(\d{1,2})(?:[.:,](\d{1,2}))?")


def iso_date(value: Any) -> str | None:
    """`value` as ÅÅÅÅ-MM-DD when it is a date written another way: 13/4/2021,
    13.4.2021, 2021/4/13, 13 april 2021, 13 apr. 2021, April 13, 2021, 20210413."""
    text = str(value).strip().lower()
    day = month = year = None
    if found := _NUMERIC_DATE.fullmatch(text):
        first, second, year = (int(g) for g in found.groups())
        day, month = (second, first) if first <= 12 < second else (first, second)
    elif found := _ISO_LOOSE.fullmatch(text):
        year, month, day = (int(g) for g in found.groups())
    elif found := _WORD_DATE.fullmatch(text):
        day, month, year = int(found[1]), MONTHS.get(found[2]), int(found[3])
    elif found := _WORD_FIRST_DATE.fullmatch(text):
        month, day, year = MONTHS.get(found[1]), int(found[2]), int(found[3])
    elif re.fullmatch(r"\d{8}", text):
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    try:
        return date(year, month, day).isoformat() if month else None
    except (TypeError, ValueError):
        return None


def clock_time(value: Any) -> str | None:
    """`value` as TT:MM when it is a time written another way: 18.00, 8:00, 8,
    kl. 18, 18,30. YAML reads 18.30 as the number 18.3: that is half past six."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)
    found = _CLOCK.fullmatch(str(value).strip().lower())
    if not found:
        return None
    hours, minutes = found[1], found[2] or "00"
    if len(minutes) == 1:  # 18.3 is 18.30, as written before YAML made it a number
        minutes += "0"
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return f"{int(hours):02d}:{minutes}"


SWEDISH_KEYS: dict[str, tuple[str, ...]] = {
    # Swedish word (lower case) -> the keys it may mean, most likely first
    "datum": ("date",),
    "tid": ("time", "start", "when"),
    "tidpunkt": ("when", "date"),
    "när": ("when", "date"),
    "start": ("start",),
    "starttid": ("start",),
    "börjar": ("start",),
    "slut": ("end",),
    "sluttid": ("end",),
    "slutar": ("end",),
    "plats": ("venue", "place", "where"),
    "lokal": ("venue",),
    "var": ("where", "venue", "place"),
    "adress": ("address",),
    "kommun": ("municipality",),
    "kommuner": ("municipalities",),
    "ledamot": ("members",),
    "ledamöter": ("members",),
    "medlemmar": ("members",),
    "deltagare": ("participants",),
    "namn": ("name",),
    "titel": ("title",),
    "rubrik": ("title",),
    "beskrivning": ("description",),
    "syfte": ("purpose",),
    "syften": ("purposes",),
    "mål": ("target", "purpose"),
    "delmål": ("sub_goals", "sub_goal"),
    "dialoger": ("dialogues",),
    "dialog": ("dialogues",),
    "kostnad": ("costs", "amount"),
    "kostnader": ("costs",),
    "belopp": ("amount",),
    "budget": ("budget",),
    "arvode": ("fees",),
    "arvoden": ("fees",),
    "resor": ("travel",),
    "fika": ("refreshments",),
    "förtäring": ("refreshments",),
    "lokalhyra": ("venue",),
    "expert": ("expert",),
    "sakkunnig": ("expert",),
    "fokusfråga": ("focus_question",),
    "frågor": ("questions",),
    "kanal": ("channel",),
    "kanaler": ("invitation_channels", "channel"),
    "inbjudan": ("invitation_channels",),
    "målgrupp": ("target_groups", "audience"),
    "målgrupper": ("target_groups",),
    "aktiviteter": ("activities",),
    "aktivitet": ("activities",),
    "ansvarig": ("responsible", "owner", "by_whom"),
    "ansvar": ("responsible", "owner"),
    "kontakt": ("contact",),
    "kontaktperson": ("contact",),
    "processledare": ("process_leader",),
    "epost": ("email",),
    "e-post": ("email",),
    "mejl": ("email",),
    "telefon": ("phone",),
    "organisation": ("organisation",),
    "roll": ("role",),
    "parti": ("party",),
    "version": ("version",),
    "diarienummer": ("case_number",),
    "ärendenummer": ("case_number",),
    "författare": ("author",),
    "status": ("status",),
    "språk": ("language",),
    "typ": ("kind", "dialogue_type"),
    "sort": ("kind",),
    "uppgift": ("task",),
    "timmar": ("hours",),
    "period": ("period",),
    "år": ("year",),
    "vad": ("what",),
    "hur": ("how",),
    "varför": ("why",),
    "vem": ("by_whom", "responsible"),
    "teman": ("themes",),
    "tema": ("themes", "topic"),
    "ämne": ("topic",),
    "länk": ("link",),
    "webbsida": ("web_page",),
    "anmälan": ("registration",),
    "sista_anmälningsdag": ("registration_deadline",),
    "press": ("press",),
    "anteckningar": ("public_notes", "internal_notes"),
    "återkoppling": ("feedback",),
    "lärdomar": ("lessons",),
    "resultat": ("results", "outcome"),
    "uppföljning": ("follow_up", "follow_ups"),
    "partner": ("partners",),
    "partners": ("partners",),
    "nyckeltal": ("key_figures",),
    "självskattning": ("self_assessment",),
    "strategi": ("strategy",),
    "vision": ("vision",),
    "värden": ("values",),
    "principer": ("principles",),
    "tidsplan": ("timeline",),
    "tidslinje": ("timeline",),
    "kapacitet": ("capacity",),
    "format": ("format",),
    "metod": ("method",),
    "mandat": ("mandate",),
    "beslut": ("decided",),
    "beslutad": ("decided",),
    "projekt": ("project",),
    "prioritet": ("priority",),
    "budskap": ("key_message",),
    "plattform": ("platform",),
    "citat": ("quote",),
    "kommentar": ("comment",),
    "påstående": ("statement",),
    "poäng": ("scores",),
    "enhet": ("unit",),
    "målvärde": ("target",),
    "huvudman": ("owner",),
    "ägare": ("owner",),
    "kod": ("id",),
}


def english_key(word: str, allowed: list[str]) -> str | None:
    """The key among `allowed` that the Swedish `word` most likely means."""
    wanted = SWEDISH_KEYS.get(word.strip().lower().replace(" ", "_"), ())
    return next((key for key in wanted if key in allowed), None)
