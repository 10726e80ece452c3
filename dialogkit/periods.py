"""Periods as process leaders write them: "2021-04", "april 2021", "Hösten 2023",
"Juni-september 2023" or "2021-02-01..2021-02-26".

One parser for every `when` in every plan kind, so a timeline, a workload per
month and a check all read a period the same way.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .findings import Text

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# (first month, last month); the school-year terms are how municipalities plan.
SEASONS = {
    "våren": (1, 6),
    "vår": (1, 6),
    "vt": (1, 6),
    "sommaren": (6, 8),
    "sommar": (6, 8),
    "hösten": (8, 12),
    "höst": (8, 12),
    "ht": (8, 12),
}

# Years a plan may name. Wider spans are typing mistakes, and a period from year 1
# to 9999 would make a timeline of 120,000 months.
FIRST_YEAR, LAST_YEAR = 1900, 2200

FORMS_HINT = Text(
    'Skriv t.ex. "2021-04", "april 2021", "2021-04-13", "hösten 2023", '
    '"juni-september 2023" eller "2021-02-01..2021-02-26".',
    'Write e.g. "2021-04", "april 2021", "2021-04-13", "juni-september 2023" or '
    '"2021-02-01..2021-02-26" (months and seasons in Swedish).',
)


class PeriodError(ValueError):
    """A text that is not a period: why, in Swedish (`str`) and English (`en`)."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(sv)
        self.en = en


@dataclass(frozen=True)
class Period:
    """A span of whole days, with the text it was written as."""

    start: date
    end: date
    text: str

    def __str__(self) -> str:
        return self.text

    def months(self) -> list[tuple[int, int]]:
        """Every (year, month) the period touches, in order."""
        result = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            result.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result


def check_year(year: int) -> int:
    """`year`, or a ValueError with a Swedish reason if it is outside FIRST_YEAR–LAST_YEAR."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(
            f"året {year} ligger utanför {FIRST_YEAR}–{LAST_YEAR}",
            f"the year {year} lies outside {FIRST_YEAR}–{LAST_YEAR}",
        )
    return year


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_WORD_YEAR = re.compile(r"([a-zåäö]+)\.?(?:\s+(\d{4}))?")


def _single(text: str) -> tuple[date, date] | tuple[str, None]:
    """Parse one end of a period. A month or season without a year returns (word, None)."""
    if match := _ISO_DAY.fullmatch(text):
        year, month, day_of_month = map(int, match.groups())
        day = date(check_year(year), month, day_of_month)
        return day, day
    if match := _ISO_MONTH.fullmatch(text):
        year, month = map(int, match.groups())
        check_year(year)
        if not 1 <= month <= 12:
            raise PeriodError(f"månad {month} finns inte", f"there is no month {month}")
        return date(year, month, 1), _last_day(year, month)
    if match := _YEAR.fullmatch(text):
        year = check_year(int(match.group(1)))
        return date(year, 1, 1), date(year, 12, 31)
    if match := _WORD_YEAR.fullmatch(text):
        word, year = match.group(1), match.group(2)
        if word in MONTHS:
            first = last = MONTHS[word]
        elif word in SEASONS:
            first, last = SEASONS[word]
        else:
            raise PeriodError(
                f"'{word}' är varken en månad eller en årstid",
                f"'{word}' is neither a month nor a season",
            )
        if year is None:
            return word, None
        number = check_year(int(year))
        return date(number, first, 1), _last_day(number, last)
    raise PeriodError("okänt format", "unknown form")


def _with_year(word: str, year: int, *, end: bool) -> date:
    first, last = (MONTHS[word], MONTHS[word]) if word in MONTHS else SEASONS[word]
    return _last_day(year, last) if end else date(year, first, 1)


_RANGE_SPLIT = re.compile(r"\s*\.\.\s*|\s+[-–—]\s+|\s+till\s+|(?<=[a-zåäö])\s*[-–—]\s*(?=[a-zåäö])")


def parse_period(text: str) -> Period:
    """Parse `text` into a Period; raise ValueError with a Swedish reason."""
    original = text
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise PeriodError("tomt värde", "empty value")
    parts = _RANGE_SPLIT.split(cleaned)
    try:
        if len(parts) == 1:
            start, end = _single(cleaned)
            if end is None:
                raise PeriodError(
                    f"'{original.strip()}' saknar år", f"'{original.strip()}' has no year"
                )
            return Period(start, end, original.strip())
        if len(parts) != 2:
            raise PeriodError("för många delar", "too many parts")
        first, second = _single(parts[0]), _single(parts[1])
        if second[1] is None:
            raise PeriodError(f"'{parts[1]}' saknar år", f"'{parts[1]}' has no year")
        end = second[1]
        # "juni-september 2023": the year is written once, at the end
        start = _with_year(first[0], end.year, end=False) if first[1] is None else first[0]
        return Period(start, end, original.strip())
    except ValueError as error:
        if "day is out of range" in str(error) or "month must be" in str(error):
            raise PeriodError(
                f"datumet i '{original.strip()}' finns inte",
                f"the date in '{original.strip()}' does not exist",
            ) from None
        raise
