"""The one place where numbers, money and dates become Swedish (or English) text."""

from __future__ import annotations

from datetime import date, time

from .words import words

NBSP = "\u00a0"
LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def format_number(value: int | float, language: str = "sv") -> str:
    """`110000` -> "110 000", with a non-breaking space between the groups."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALES[language])


def format_money(amount: int, language: str = "sv") -> str:
    """`9000` -> "9 000 kr" (non-breaking spaces), as a Swedish budget writes it."""
    return f"{format_number(amount, language)}{NBSP}{words(language)['money.unit']}"


def format_date(day: date, language: str = "sv", *, weekday: bool = True) -> str:
    """`2021-04-13` -> "tisdag 13 april 2021"."""
    from babel.dates import format_date as babel_format

    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    return babel_format(day, pattern, locale=LOCALES[language])


def format_clock(moment: time, language: str = "sv") -> str:
    """`18:00` -> "18.00", the Swedish way of writing a time of day."""
    return moment.strftime(words(language)["clock.pattern"])


def format_time_range(day: date, start: time, end: time, language: str = "sv") -> str:
    """-> "tisdag 13 april 2021 kl. 18.00–20.00"."""
    span = f"{format_clock(start, language)}–{format_clock(end, language)}"
    return f"{format_date(day, language)} {words(language)['clock.at']} {span}"
