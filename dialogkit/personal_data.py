"""Personal data in text: what counts, how it is found, masked and redacted.

Detected: personnummer and samordningsnummer (10 or 12 digits, with `-`, `+`, `.`,
spaces or nothing before the last four), Swedish phone numbers as people write them
(`070-123 45 67`, `070–123 45 67`, `070.123 45 67`, `(070) 555 12 34`, `070/123 45 67`,
`08-123 456 78`, `+46 70 123 45 67`, `+46(0)70 …`, `(0)70-…`, `0046 …`, `46701234567`,
`+46-70-…`, `(+46) 70 …`, `+46 (70) …`, also glued to a word or a link: `Tel.070-…`,
`/anna/0701234567/`) and e-mail addresses, also written `namn(at)example.se`, `namn [at]
example.se`, `namn[@]example.se`, `namn<at>example.se`, `namn snabel-a example punkt
se` or, when clearly an address, `namn AT example.se`. Each is found in any dash,
space, fullwidth or invisible-character disguise, percent-encoded in a link, or broken
by a tab or a line break: the search runs on a plain copy of the text and maps what it
finds back to the text as written. Clock ranges (`0900-1100`), week ranges (`04-05
2021`) and a number after `Dnr` are not phones.

A personnummer counts only with a real date (the day plus 60 for a samordningsnummer)
and a valid Luhn check digit, so a diarienummer, a sum or a date is not flagged. That
check is the small function `_valid_personnummer` below, not a library: python-stdnum's
`se.personnummer` refuses samordningsnummer (day + 60), and the `personnummer`
package checks 29 February against a three-digit year for the years 00–09 (so it
accepts 020229); and both validate one given string, while the work here is finding
numbers in text. What remains is a date check and a ten-line Luhn sum; the tests
compare it with python-stdnum (a test dependency) on ordinary personnummer."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from datetime import date

# --- detection --------------------------------------------------------------------
#
# The patterns search a plain copy of the text (`_plain`): compatibility forms such as
# fullwidth digits and ＠ made ordinary (NFKC), every dash "-", every space " ", "。"
# ".", and invisible format characters (zero-width space, joiners, bidi marks) gone.
# A match is mapped back to the text as written, so redaction replaces what was there.

_PERSONNUMMER = re.compile(r"(\d{6})(\d\d)?(?: {0,2}[-+._]? {0,2})(\d{4})(?!\d)")
"""Six digits (eight with the century), maybe a separator (`-`, `+`, `.`, `_`) with up
to two spaces on either side, four digits. It starts with the digits and a match right after a digit
is refused in code, since a leading group or lookbehind would make the search
several times slower."""
_SEPARATOR = r"(?:[ ]*[-/).][ ]*|[ ]+)"
_DIGITS = rf"(?:{_SEPARATOR}?\d){{6,8}}"
_TRUNK = r"[ ]*[-.()]?[ ]*(?:\(0\)[ ]*[-.]?[ ]*)?"
"""After the country code: `+46 70`, `+46-70`, `+46.70`, `+46 (70)`, `+46(0)70`."""
_CLOCK_OR_DATE = r"""(?:\d\.[0-5]\d
    | [1-9](?:-[01]\d-|\.[01]\d\.|/[01]\d/)(?:19|20)\d\d
    | \d[0-5]\d[ ]?-?[ ]?(?:[01]\d|2[0-4])[0-5]\d
    | [1-9]-[0-5]\d[ ](?:19|20)\d\d
    )(?!\d)"""
"""After a leading 0: a time (08.00), a date (04.05.2021), a time range (0900-1100) or
a week range and year (04-05 2021), not a phone number. No Swedish number is four
digits and four digits: a subscriber number has at least five."""
_PHONE = re.compile(
    rf"""[+0(4] (?<!\d.)(?<!\d[-./_].)  # no digit just before, nor a digit and -./_
    (?:   (?<=\+)46 {_TRUNK} [1-9] {_DIGITS}    # +46 70 123 45 67, +46(0)70 …
        | (?<=0)046 {_TRUNK} [1-9] {_DIGITS}     # 0046 70 …
        | (?<=\()\+46\) {_TRUNK} [1-9] {_DIGITS}  # (+46) 70 …
        | (?<=\()0 (?!{_CLOCK_OR_DATE}) (?:\)[ ]*)? [1-9] {_DIGITS}  # (070) 555 12 34, (0)70-…
        | (?<=0) (?!{_CLOCK_OR_DATE}) [1-9] {_DIGITS}  # 070-123 45 67, 070.123 45 67
        | (?<=4)6 [1-9] \d{{8}}                  # 46701234567
    )(?!\d)""",
    re.VERBOSE,
)
"""Starting with a plain character (not a lookbehind) lets the search skip quickly
over text without +, 0, ( or 4. A letter, ".", "/", "-" or "_" may stand just before
(`Tel.070-…`, `/anna/0701234567/`, `mobil0701234567`), but not after a digit, so
dates, sums and diarienummer are not phones."""
_DIARIENUMMER_BEFORE = re.compile(r"(?:dnr|diarienummer)[ .:]*\Z", re.IGNORECASE)
"""What a number after this is: a diarienummer (`Dnr 0123-456789`), never a phone."""
_AT_SIGN = re.compile(
    r"""[@(\[{< \t]  # one first character for all forms: a faster search
    (?:   (?<=@)                                                # @
        | (?<=[(\[{<]) [ \t]* (?:at|snabel-?a|@) [ \t]* [)\]}>]  # (at), [@], <at>, {snabel-a}
        | (?<=[ \t]) (?:at|snabel-?a) [ \t]                     # " at ", " snabel-a "
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""Where an e-mail address may be."""
_SPELLED_DOT = r"(?:[ \t]*[(\[{][ \t]*(?:dot|punkt)[ \t]*[)\]}][ \t]*|[ \t]+(?:dot|punkt)[ \t]+)"
_DOT = rf"(?:\.|[ \t]+\.[ \t]*|{_SPELLED_DOT})"
"""A dot in a domain: ".", " . ", "(dot)", " dot ", " punkt " (never ". " alone: that
ends a sentence)."""
_DOMAIN = re.compile(rf"[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}(?![\w-])", re.IGNORECASE)
_SPELLED = re.compile(_SPELLED_DOT, re.IGNORECASE)
_DOTS = re.compile(_DOT, re.IGNORECASE)
_NOT_A_WORD = re.compile(r"[._+\-\d]")


@dataclass(frozen=True)
class Item:
    """One piece of personal data found in a text."""

    kind: str
    """personnummer, samordningsnummer, telefonnummer or e-postadress."""
    text: str
    """As written."""
    start: int
    end: int
    key: str
    """The same for every way of writing it: 12 digits, 0 and the national number,
    or the address in lower case."""

    @property
    def masked(self) -> str:
        """Safe to show in a message: `19850101-****`, `070-*** ** 67`, `a***@example.se`."""
        if self.kind == "e-postadress":
            local, _, domain = self.key.partition("@")
            return f"{local[:1]}***@{domain}"
        text = urllib.parse.unquote(self.text)  # a %20 in a link: its digits are not the number's
        digits = sum(c.isdigit() for c in text)
        keep_first = 3 + digits - len(self.key) if self.kind == "telefonnummer" else digits - 4
        keep_last = 2 if self.kind == "telefonnummer" else 0
        shown, seen = [], 0
        for char in text:
            if unicodedata.category(char) == "Cf":  # invisible; a bidi mark reorders text
                continue
            if char.isdigit():
                seen += 1
                if keep_first < seen <= digits - keep_last:
                    char = "*"
            shown.append(char)
        return "".join(shown)


def find_personal_data(text: str) -> list[Item]:
    """Every personnummer, samordningsnummer, phone number and e-mail address in
    `text`, in order. A phone-like number inside a personnummer is not a phone."""
    if not text:
        return []
    plain = _plain(text)
    searched = plain.text if plain else text
    found = _personnummer(searched)
    starts = [item.start for item in found]
    for match in _PHONE.finditer(searched):
        before = bisect.bisect_left(starts, match.end()) - 1
        if _DIARIENUMMER_BEFORE.search(searched[max(0, match.start() - 16) : match.start()]):
            continue
        if before < 0 or found[before].end <= match.start():
            found.append(Item("telefonnummer", match.group(), *match.span(), _phone_key(match[0])))
    found += _emails(searched)
    found.sort(key=lambda item: (item.start, -item.end))
    if plain is None:
        return found
    return [plain.as_written(item, text) for item in found]


# --- the plain copy of a text --------------------------------------------------------

_USUAL = "\x00-\x7f\u00c0-\u00ff\u00a7\u00b0\u00ab\u00bb"
"""Characters the plain copy keeps as they are: ASCII, the Latin-1 letters (åäö) and
some common punctuation. Plan text is mostly these, so they are skipped in C."""
_CHANGING = re.compile(
    f"[^{_USUAL}\u2018\u2019\u201c\u201d\u2022\u20ac]+"  # unusual characters
    r"|%[2-7][0-9A-Fa-f]"  # a percent escape, as in a link: %20, %40
    r"|(?<=[0-9./)-])[ \t]*(?:\r\n|\n|\r)[ \t]*(?=[0-9(+])"  # one line break in a number
    r"|\t"
)
"""What may change in the plain copy: runs of unusual characters, percent escapes
(decoded), a tab and a single line break with the spaces around it inside a number
(a space). A line break only between a digit (or `-`, `.`, `/`, `)`) and a digit (or
`(`, `+`): two numbers on the lines of a list then make one only if the result passes
the date and Luhn checks of a personnummer or the shape of a phone number."""
_USUAL_LATIN_1 = re.sub(
    "[^\x20-\x24\x26-\x7f\u00c0-\u00ff\u00a7\u00b0\u00ab\u00bb]", "", "".join(map(chr, range(256)))
).encode("latin-1")
"""Characters that never change in the plain copy: `_USUAL` but % and control characters."""
_NUMBER_BROKEN = re.compile(r"[0-9./)-][ \t]*(?:\r\n|\n|\r)[ \t]*[0-9(+]")
"""A line break inside a number, looked for first in text that has only line breaks
to change: most multi-line plan text has none, and then needs no plain copy."""


@dataclass(frozen=True)
class _Plain:
    """A text's plain copy and where each part of it was written. Between two
    breakpoints the copy and the text advance together."""

    text: str
    plain_at: list[int]
    written_at: list[int]

    def _written(self, index: int) -> int:
        point = bisect.bisect_right(self.plain_at, index) - 1
        return self.written_at[point] + index - self.plain_at[point]

    def as_written(self, item: Item, written: str) -> Item:
        """`item`, found in the copy, as it stands in the written text."""
        start, end = self._written(item.start), self._written(item.end - 1) + 1
        if written[end - 1] == "%" and item.text[-1] != "%":
            end += 2  # all of a last escape `%37`, not just its `%`
        return dataclasses.replace(item, text=written[start:end], start=start, end=end)


def _plain(text: str) -> _Plain | None:
    """The plain copy of `text`, or None when it is `text` itself."""
    try:  # the quick answer for most plan text: in bytes, with no unusual character
        changing = text.encode("latin-1").translate(None, _USUAL_LATIN_1)
        if not changing.translate(None, b"\r\n") and not (changing and _NUMBER_BROKEN.search(text)):
            return None
    except UnicodeEncodeError:
        pass
    parts: list[str] = []
    plain_at, written_at = [0], [0]
    last = length = 0
    for run in _CHANGING.finditer(text):
        new, origins = _plain_change(run.group())
        if new == run.group():
            continue
        start = run.start()
        parts += [text[last:start], new]
        length += start - last
        if origins is not None:  # characters removed or made several: breakpoints
            for index, origin in enumerate(origins):
                plain_at.append(length + index)
                written_at.append(start + origin)
            plain_at.append(length + len(new))
            written_at.append(run.end())
        length += len(new)
        last = run.end()
    if not parts:
        return None
    parts.append(text[last:])
    return _Plain("".join(parts), plain_at, written_at)


def _plain_change(run: str) -> tuple[str, tuple[int, ...] | None]:
    if run[0] == "%":
        return chr(int(run[1:], 16)), (0,)
    if run == "\t" or run == "\n" or run == "\r":
        return " ", None
    if run[0] in " \t\r\n":
        return " ", (0,)
    return _plain_run(run)


@functools.lru_cache(maxsize=4096)
def _plain_run(run: str) -> tuple[str, tuple[int, ...] | None]:
    """The plain form of a run and, unless each character became one, the index in
    the run of each character of the plain form."""
    chars = [_plain_char(char) for char in run]
    plain = "".join(chars)
    if all(len(char) == 1 for char in chars):
        return plain, None
    return plain, tuple(index for index, char in enumerate(chars) for _ in char)


def _plain_char(char: str) -> str:
    plain = []
    for part in unicodedata.normalize("NFKC", char):
        category = unicodedata.category(part)
        if category == "Zs":
            plain.append(" ")
        elif category == "Pd" or part == "\u2212":  # every dash and the minus sign
            plain.append("-")
        elif part == "\u3002":  # the ideographic full stop
            plain.append(".")
        elif category != "Cf":  # format characters are invisible: dropped
            plain.append(part)
    return "".join(plain)


# --- the four kinds ------------------------------------------------------------------


def _personnummer(text: str) -> list[Item]:
    found = []
    for match in _PERSONNUMMER.finditer(text):
        start = match.start()
        if start and text[start - 1].isdigit():
            continue
        born, more, last = match.groups()
        century, born = (born[:2], born[2:] + more) if more else (None, born)
        kind = _valid_personnummer(century, born, last)
        if kind:
            found.append(
                Item(kind, match.group(), start, match.end(), (century or "") + born + last)
            )
    return found


def _emails(text: str) -> list[Item]:
    """Addresses around each @ (or its spelled-out forms): a local part of at most 64
    characters before it, a domain with a dot after it. A bare " at " counts only
    when it is clearly an address (`anna AT gmail.com`, `anna at gmail dot com`,
    `anna.berg at gmail.com`), not in "published at regionvastmanland.se"."""
    found: list[Item] = []
    for sign in _AT_SIGN.finditer(text):
        left, right = sign.start(), sign.end()
        while left and text[left - 1] in " \t":
            left -= 1
        while right < len(text) and text[right] in " \t":
            right += 1
        start = left
        while start > left - 64 and start and _local_char(text[start - 1]):
            start -= 1
        if start == left or not _local_char(text[left - 1], last=True):
            continue
        domain = _DOMAIN.match(text, right)
        if not domain or (found and found[-1].end > start):
            continue
        local = text[start:left]
        if sign.group().strip().lower() == "at" and not (
            sign.group().strip() == "AT"
            or _SPELLED.search(domain.group())
            or _NOT_A_WORD.search(local)
        ):
            continue
        key = f"{local}@{_DOTS.sub('.', domain.group())}".lower()
        found.append(Item("e-postadress", text[start : domain.end()], start, domain.end(), key))
    return found


def _local_char(char: str, *, last: bool = False) -> bool:
    return char.isalnum() or char == "_" or (not last and char in ".+-")


def _valid_personnummer(century: str | None, born: str, last: str) -> str | None:
    """ "personnummer", "samordningsnummer" or None: a real date (day + 60 for a
    samordningsnummer) and the Luhn check digit over the ten digits."""
    if not _luhn_valid(born + last):
        return None
    year, month, day = int(born[:2]), int(born[2:4]), int(born[4:6])
    kind = "personnummer"
    if day > 60:
        day, kind = day - 60, "samordningsnummer"
    if century not in (None, "18", "19", "20"):
        return None
    centuries = [int(century)] if century else [18, 19, 20]
    for hundred in centuries:
        try:
            date(hundred * 100 + year, month, day)
        except ValueError:
            continue
        return kind
    return None


def _luhn_valid(digits: str) -> bool:
    """The Luhn check: doubling every other digit from the left of a ten-digit
    number, the sum with the check digit is a multiple of ten."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _phone_key(text: str) -> str:
    """0 and the national number: `+46 (0)70-123 45 67`, `070 1234567` and
    `46701234567`, `(+46) 70 …` give 0701234567."""
    text = text.removeprefix("(")
    if text.startswith(("+", "00", "46")):
        national = text.split("46", 1)[1].replace("(0)", "", 1)
        return "0" + re.sub(r"\D", "", national)
    return re.sub(r"\D", "", text)


def email_key(address: str) -> str:
    """The key of an address written plainly, as in a contact's e-mail field."""
    plain = _plain(address)
    return (plain.text if plain else address).lower()


def phone_keys(text: str | None) -> set[str]:
    return {i.key for i in find_personal_data(text or "") if i.kind == "telefonnummer"}


def mask(text: str) -> str:
    """`text` with every piece of personal data masked, for messages."""
    return substitute(text, find_personal_data(text), lambda item: item.masked)


def redact(text: str | None, allowed: frozenset[str] = frozenset(), marker: str = "[borttaget]"):
    """`text` with every piece of personal data that is not `allowed` replaced by `marker`."""
    if not text:
        return text
    found = [item for item in find_personal_data(text) if item.key not in allowed]
    return substitute(text, found, lambda _: marker)


def substitute(text: str, items: list[Item], replacement) -> str:
    """`text` with each item (in order; one inside another is skipped) replaced."""
    parts, last = [], 0
    for item in items:
        if item.start >= last:
            parts += [text[last : item.start], replacement(item)]
            last = item.end
    return "".join([*parts, text[last:]])
