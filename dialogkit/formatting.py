"""The one place where numbers, money and dates become Swedish (or English) text."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from .words import label, words

if TYPE_CHECKING:
    from .periods import Period

NBSP = "\u00a0"
LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def format_number(value: int | float, language: str = "sv") -> str:
    """`110000` -> "110 000", with a non-breaking space between the groups."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALES[language])


def plural(count: int, one: str, many: str) -> str:
    """The count and the word for that many: `plural(1, "fil", "filer")` -> "1 fil",
    `plural(2, "fil", "filer")` -> "2 filer". Words a plan's language needs come in
    pairs from the words table (`timeline.overdue.one`, `timeline.overdue.many`)."""
    return f"{count} {one if count == 1 else many}"


def format_money(amount: int, language: str = "sv") -> str:
    """`9000` -> "9 000 kr" (non-breaking spaces), as a Swedish budget writes it."""
    return f"{format_number(amount, language)}{NBSP}{words(language)['money.unit']}"


def format_date(day: date, language: str = "sv", *, weekday: bool = True) -> str:
    """`2021-04-13` -> "tisdag 13 april 2021"."""
    from babel.dates import format_date as babel_format

    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    return babel_format(day, pattern, locale=LOCALES[language])


SEASON_WORDS = {(1, 6): "period.spring", (6, 8): "period.summer", (8, 12): "period.autumn"}
"""periods.SEASONS' spans of months, by the words key that names them."""


def format_period(period: Period, language: str = "sv") -> str:
    """A period (or a template's copy of one) in words: "2023-03..2024-12" -> "mars
    2023 – december 2024", "2021-04" -> "april 2021", "2023" -> "2023"; a season
    written as one ("hösten 2022") stays a season ("autumn 2022" in English)."""
    from babel.dates import format_date as babel_format

    from .periods import SEASONS

    start, end = period.start, period.end
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    if not whole_months:
        if start == end:
            return format_date(start, language, weekday=False)
        first = "d" if start.year == end.year and start.month == end.month else "d MMMM"
        if start.year != end.year:
            first = "d MMMM y"
        shown = babel_format(start, first, locale=LOCALES[language])
        return _span(shown, format_date(end, language, weekday=False))
    if (start.month, end.month) == (1, 12):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"

    def month(day: date) -> str:
        return babel_format(day, "MMMM", locale=LOCALES[language])

    written = set(re.findall(r"[^\W\d_]+", period.text.casefold()))
    season = SEASON_WORDS.get((start.month, end.month))
    if start.year == end.year and season and written & SEASONS.keys():
        return f"{words(language)[season]} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{month(start)} {start.year}"
    if start.year == end.year:
        return f"{month(start)}–{month(end)} {end.year}"
    return _span(f"{month(start)} {start.year}", f"{month(end)} {end.year}")


def _span(first: str, last: str) -> str:
    """Two ends of a period; a spaced dash when an end is more than one word."""
    return f"{first}–{last}" if " " not in first else f"{first} – {last}"


def format_clock(moment: time, language: str = "sv") -> str:
    """`18:00` -> "18.00", the Swedish way of writing a time of day."""
    return moment.strftime(words(language)["clock.pattern"])


def format_time_range(day: date, start: time, end: time, language: str = "sv") -> str:
    """-> "tisdag 13 april 2021 kl. 18.00–20.00"."""
    span = f"{format_clock(start, language)}–{format_clock(end, language)}"
    return f"{format_date(day, language)} {words(language)['clock.at']} {span}"


def format_rung(rung: str, language: str = "sv") -> str:
    """A rung of the participation ladder with its step: "dialog – steg 3 av 5"."""
    from .model.choices import ParticipationRung, choice_of

    values = choice_of(ParticipationRung).values
    return words(language)["yearly.rung"].format(
        rung=label(rung, language), n=values.index(rung) + 1, of=len(values)
    )


def full_stop(text: str) -> str:
    """`text` as a sentence that ends once: a full stop added unless it already ends
    with one (or with ! ? …), so "…jourmottagningen." never gets a second."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
