"""The personal-data gate: what counts as personal data, how public versions of a
plan lose it, and the check every public file passes before it is written.

Detected: personnummer and samordningsnummer (10 or 12 digits, with `-`, `+`, `.`,
spaces or nothing before the last four), Swedish phone numbers as people write them
(`070-123 45 67`, `070–123 45 67`, `070.123 45 67`, `(070) 555 12 34`, `070/123 45 67`,
`08-123 456 78`, `+46 70 123 45 67`, `+46(0)70 …`, `(0)70-…`, `0046 …`, `46701234567`,
also glued to a word or a link: `Tel.070-…`, `/anna/0701234567/`) and e-mail addresses,
also written `namn(at)example.se`, `namn [at] example.se`, `namn snabel-a example punkt
se`, `namn%40example.se` or, when clearly an address, `namn AT example.se`. Each is
found in any dash, space, fullwidth or invisible-character disguise: the search runs
on a plain copy of the text and maps what it finds back to the text as written.

A personnummer counts only with a real date (the day plus 60 for a samordningsnummer)
and a valid Luhn check digit, so a diarienummer, a sum or a date is not flagged. That
check is the small function `_valid_personnummer` below, not a library: python-stdnum's
`se.personnummer` refuses samordningsnummer (day + 60), and the `personnummer`
package checks 29 February against a three-digit year for the years 00–09 (so it
accepts 020229); and both validate one given string, while the work here is finding
numbers in text. What remains is a date check and a ten-line Luhn sum; the tests
compare it with python-stdnum (a test dependency) on ordinary personnummer.

Allowed: the e-mail and phone of a `Person` with `official: true` (a tjänsteperson's
work contact) and a dialogue's `digital.registration_email`, which the plan gives
precisely so that the public can register. Nothing else.
"""

from __future__ import annotations

import bisect
import dataclasses
import email
import email.header
import functools
import html
import io
import re
import unicodedata
import zipfile
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import DialogkitError
from .findings import KeyPath, format_key_path
from .model.types import Person

REDACTED = {"sv": "[borttaget]", "en": "[removed]"}
"""What replaces personal data in a public version, by the plan's language."""

INTERNAL_PREFIX = "internal_"
"""Fields named `internal_…` (such as an outcome's `internal_notes`) are dropped."""

IDENTIFIERS = frozenset({"id", "kolada_id", "strategy", "members", "target_groups"})
"""Fields whose text names other items (ids and references to ids). They are kept
as they are, since changing them would break the references; the gate still checks
them in every public file."""

# --- detection --------------------------------------------------------------------
#
# The patterns search a plain copy of the text (`_plain`): compatibility forms such as
# fullwidth digits and ＠ made ordinary (NFKC), every dash "-", every space " ", "。"
# ".", and invisible format characters (zero-width space, joiners, bidi marks) gone.
# A match is mapped back to the text as written, so redaction replaces what was there.

_PERSONNUMMER = re.compile(r"(\d{6})(\d\d)?(?: {0,2}[-+.]? {0,2})(\d{4})(?!\d)")
"""Six digits (eight with the century), maybe a separator with up to two spaces on
either side, four digits. It starts with the digits and a match right after a digit
is refused in code, since a leading group or lookbehind would make the search
several times slower."""
_SEPARATOR = r"(?:[ ]*[-/).][ ]*|[ ]+)"
_DIGITS = rf"(?:{_SEPARATOR}?\d){{6,8}}"
_TRUNK = r"[ ]*(?:\(0\)[ ]*)?"
_CLOCK_OR_DATE = r"(?:\d\.[0-5]\d|[1-9](?:-[01]\d-|\.[01]\d\.|/[01]\d/)(?:19|20)\d\d)(?!\d)"
"""After a leading 0: a time (08.00) or a date (04.05.2021), not a phone number."""
_PHONE = re.compile(
    rf"""[+0(4] (?<!\d.)(?<!\d[-./_].)  # no digit just before, nor a digit and -./_
    (?:   (?<=\+)46 {_TRUNK} [1-9] {_DIGITS}    # +46 70 123 45 67, +46(0)70 …
        | (?<=0)046 {_TRUNK} [1-9] {_DIGITS}     # 0046 70 …
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
_AT_SIGN = re.compile(
    r"""[@%(\[{ \t]  # one first character for all forms: a faster search
    (?:   (?<=@)                                               # @
        | (?<=%)40                                             # %40, in a link
        | (?<=[(\[{]) [ \t]* (?:at|snabel-?a) [ \t]* [)\]}]     # (at), [at], {snabel-a}
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
        digits = sum(c.isdigit() for c in self.text)
        keep_first = 3 + digits - len(self.key) if self.kind == "telefonnummer" else digits - 4
        keep_last = 2 if self.kind == "telefonnummer" else 0
        shown, seen = [], 0
        for char in self.text:
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
_UNUSUAL = re.compile(f"[^{_USUAL}\u2018\u2019\u201c\u201d\u2022\u20ac]+")
"""Runs of characters that may change in the plain copy."""
_USUAL_LATIN_1 = re.sub(f"[^{_USUAL}]", "", "".join(map(chr, range(256)))).encode("latin-1")


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
        return dataclasses.replace(item, text=written[start:end], start=start, end=end)


def _plain(text: str) -> _Plain | None:
    """The plain copy of `text`, or None when it is `text` itself."""
    try:  # the quick answer for most plan text: in bytes, with no unusual character
        if not text.encode("latin-1").translate(None, _USUAL_LATIN_1):
            return None
    except UnicodeEncodeError:
        pass
    parts: list[str] = []
    plain_at, written_at = [0], [0]
    last = length = 0
    for run in _UNUSUAL.finditer(text):
        new, origins = _plain_run(run.group())
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
    `46701234567` give 0701234567."""
    if text.startswith(("+", "00", "46")):
        national = text.split("46", 1)[1].replace("(0)", "", 1)
        return "0" + re.sub(r"\D", "", national)
    return re.sub(r"\D", "", text)


def _email_key(address: str) -> str:
    """The key of an address written plainly, as in a contact's e-mail field."""
    plain = _plain(address)
    return (plain.text if plain else address).lower()


def phone_keys(text: str | None) -> set[str]:
    return {i.key for i in find_personal_data(text or "") if i.kind == "telefonnummer"}


def mask(text: str) -> str:
    """`text` with every piece of personal data masked, for messages."""
    return _substitute(text, find_personal_data(text), lambda item: item.masked)


def redact(text: str | None, allowed: frozenset[str] = frozenset(), marker: str = "[borttaget]"):
    """`text` with every piece of personal data that is not `allowed` replaced by `marker`."""
    if not text:
        return text
    found = [item for item in find_personal_data(text) if item.key not in allowed]
    return _substitute(text, found, lambda _: marker)


def _substitute(text: str, items: list[Item], replacement) -> str:
    """`text` with each item (in order; one inside another is skipped) replaced."""
    parts, last = [], 0
    for item in items:
        if item.start >= last:
            parts += [text[last : item.start], replacement(item)]
            last = item.end
    return "".join([*parts, text[last:]])


# --- what a plan allows and what its public version is -----------------------------


def allowed_contacts(plan: BaseModel) -> frozenset[str]:
    """The keys of the contact data this plan may publish: its official persons'
    e-mail and phone, and the registration addresses of its dialogues."""
    return _once(_allowed, plan, lambda plan: _allowed_in(_models(plan)))


def _allowed_in(models: list[tuple[KeyPath, BaseModel]]) -> frozenset[str]:
    allowed: set[str] = set()
    for _, model in models:
        if isinstance(model, Person) and model.official:
            if model.email:
                allowed.add(_email_key(model.email))
            allowed |= phone_keys(model.phone)
        registration = model.__dict__.get("registration_email")
        if isinstance(registration, str):
            allowed.add(_email_key(registration))
    return frozenset(allowed)


def public_copy(plan: BaseModel) -> BaseModel:
    """The plan as the public may see it: `internal_…` fields dropped, the e-mail and
    phone of a person who is not official dropped, and personal data in every other
    text replaced by a marker. Walks every field, so a new text field is covered."""
    return _public_copy(plan, allowed_contacts(plan), _marker(plan))


def _marker(plan: BaseModel) -> str:
    return REDACTED.get(getattr(plan, "language", "sv"), REDACTED["sv"])


def _public_copy(model: BaseModel, allowed: frozenset[str], marker: str) -> BaseModel:
    public = model.model_copy(deep=True)
    scan = _scan(_models(public), allowed)
    for field in (*scan.internal, *scan.hidden):
        setattr(field.model, field.name, None)
    for field, text, items in scan.found:
        if field.name in IDENTIFIERS:
            continue
        redacted = _substitute(text, items, lambda _: marker)
        if field.index is None:
            setattr(field.model, field.name, redacted)
        else:  # a list of texts; the copy's own list
            getattr(field.model, field.name)[field.index] = redacted
    return public


def public_version(plan: BaseModel) -> BaseModel:
    """`public_copy(plan)`, made once per plan object: a build renders a project's
    invitations and calendars once per dialogue."""
    return _once(_public_versions, plan, public_copy)


_public_versions: OrderedDict[int, tuple[Any, Any]] = OrderedDict()
_allowed: OrderedDict[int, tuple[Any, Any]] = OrderedDict()


def _once(cache: OrderedDict[int, tuple[Any, Any]], plan: Any, make) -> Any:
    """`make(plan)`, kept for the last few plan objects (plans are not changed after
    loading; the plan is kept in the cache, so its id is not reused meanwhile)."""
    cached = cache.get(id(plan))
    if cached is not None and cached[0] is plan:
        cache.move_to_end(id(plan))
        return cached[1]
    made = make(plan)
    cache[id(plan)] = (plan, made)
    if len(cache) > 8:
        cache.popitem(last=False)
    return made


def public_data(value: Any, plan: BaseModel) -> Any:
    """What a public template gets besides the plan (other plans, their titles),
    redacted alike: models (parts of the plan, other plans) become public copies,
    texts lose personal data. The plan's official contacts stay allowed throughout."""
    allowed, marker = allowed_contacts(plan), _marker(plan)

    def walk(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return _public_copy(value, allowed | allowed_contacts(value), marker)
        if isinstance(value, str):
            return redact(value, allowed, marker)
        if isinstance(value, dict):
            return {walk(key): walk(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(walk(item) for item in value)
        return value

    return walk(value)


_SCALARS = (str, int, float, date, time, type(None))


def _models(plan: BaseModel) -> list[tuple[KeyPath, BaseModel]]:
    """Every model inside the plan, the plan first, with its key path (in field order;
    a plain walk over `__dict__`, since this runs at every `plan check`)."""
    found: list[tuple[KeyPath, BaseModel]] = []

    def visit(value: Any, path: KeyPath) -> None:
        if isinstance(value, BaseModel):
            found.append((path, value))
            items = value.__dict__.items()
        elif isinstance(value, list):
            items = enumerate(value)
        elif isinstance(value, dict):
            items = value.items()
        else:
            return
        for key, item in items:
            if not isinstance(item, _SCALARS):  # cheaper than asking about BaseModel
                visit(item, (*path, key))

    visit(plan, ())
    return found


@dataclass(frozen=True)
class _Field:
    """One text field of one model, or one item of a list of texts."""

    path: KeyPath
    """The model's."""
    model: Any
    name: str
    index: int | None = None

    @property
    def key_path(self) -> KeyPath:
        return (
            (*self.path, self.name) if self.index is None else (*self.path, self.name, self.index)
        )


@dataclass
class _Scan:
    found: list[tuple[_Field, str, list[Item]]]
    """Published texts with personal data that is not allowed: field, text, items."""
    internal: list[_Field]
    """`internal_…` fields that hold something."""
    hidden: list[_Field]
    """The e-mail and phone of persons who are not official."""


def _scan(models: list[tuple[KeyPath, BaseModel]], allowed: frozenset[str]) -> _Scan:
    """Sort every field of `models` into what a public version drops and what it shows,
    and find the personal data in the latter. The texts are searched as one (no
    pattern crosses a line break): on a plan with thousands of dialogues that is
    several times faster than searching each text, and this runs at every check."""
    fields, starts, texts, internal, hidden = [], [], [], [], []
    offset = 0
    for path, model in models:
        person = type(model) is Person
        for name, value in model.__dict__.items():
            if value is None:
                continue
            if name.startswith(INTERNAL_PREFIX):
                internal.append(_Field(path, model, name))
                continue
            if person and name in ("email", "phone"):
                if not model.official:
                    hidden.append(_Field(path, model, name))
                continue
            if type(value) is str:
                fields.append((path, model, name, None))
                starts.append(offset)
                texts.append(value)
                offset += len(value) + 1
            elif type(value) is list and value and type(value[0]) is str:
                for index, text in enumerate(value):
                    fields.append((path, model, name, index))
                    starts.append(offset)
                    texts.append(text)
                    offset += len(text) + 1
    hits: dict[int, list[Item]] = {}
    for item in find_personal_data("\n".join(texts)):
        if item.key not in allowed:
            index = bisect.bisect_right(starts, item.start) - 1
            at = starts[index]
            hits.setdefault(index, []).append(
                dataclasses.replace(item, start=item.start - at, end=item.end - at)
            )
    found = [(_Field(*fields[index]), texts[index], items) for index, items in hits.items()]
    return _Scan(found, internal, hidden)


def _fields(plan: BaseModel) -> Iterator[tuple[KeyPath, str]]:
    """(key path, text) for every text in the plan, internal and contact fields too."""
    for path, model in _models(plan):
        for name, value in model.__dict__.items():
            if isinstance(value, str):
                yield (*path, name), value
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*path, name, index), item


@dataclass(frozen=True)
class Published:
    """Personal data in a field that public versions show, or a contact that they leave out."""

    path: KeyPath
    item: Item | None
    """None for the e-mail or phone of a person who is not official."""
    identifier: bool = False
    """An id: published as it is, so public files cannot be made."""


def published_personal_data(plan: BaseModel) -> list[Published]:
    """What `plan check` warns about: the first piece of personal data in each field
    that public versions show, and the contact data of persons who are not official."""
    models = _models(plan)
    scan = _scan(models, _allowed_in(models))
    found = [Published(field.key_path, None) for field in scan.hidden]
    for field, _, items in scan.found:
        found.append(Published(field.key_path, items[0], field.name in IDENTIFIERS))
    return found


# --- the gate ----------------------------------------------------------------------


class PersonalDataError(DialogkitError):
    """A public file would carry personal data; nothing was written."""


def check_public(
    name: str | Path, content: str | bytes, loaded=None, *, suffix: str | None = None
) -> None:
    """Refuse a public file that carries personal data the plan does not allow.
    `loaded` is the plan it comes from (a LoadedPlan): its official contacts are
    allowed, and the message names the field that holds the data. The file is read
    by its suffix (.docx, .eml, .ics or text), or by `suffix` when it has none."""
    plan = loaded.plan if loaded is not None else None
    allowed = allowed_contacts(plan) if plan is not None else frozenset()
    for text in readable_texts(suffix or Path(name).suffix, content):
        for item in find_personal_data(text):
            if item.key not in allowed:
                raise PersonalDataError(
                    f"{name}: {_article(item.kind)} {item.kind} ({item.masked}) får inte stå i "
                    f"en offentlig fil; {_origin(item, loaded)}. Inget har skrivits.",
                    hint="Ta bort uppgiften ur planen eller mallen. En tjänstepersons "
                    "arbetstelefon och e-post får publiceras om personen har official: true.",
                )


def _article(kind: str) -> str:
    return "en" if kind == "e-postadress" else "ett"


def _origin(item: Item, loaded) -> str:
    """Where the data comes from: the plan field that holds it, or the template."""
    if loaded is not None:
        for path, text in _fields(loaded.plan):
            if any(found.key == item.key for found in find_personal_data(text)):
                line, _ = loaded.source.position(path)
                field = mask(format_key_path(path, loaded.source.data))  # an id may hold it
                return f"uppgiften kommer från {field} ({loaded.path}:{line})"
    return "uppgiften står i mallen, inte i planen"


def readable_texts(suffix: str, content: str | bytes) -> list[str]:
    """The texts a reader of a file with this suffix can see: every XML part of a
    .docx, the headers and decoded parts of an .eml, an .ics unfolded and unescaped,
    other text also as Markdown shows it (`anna\\_berg\\[at\\]example.se` is an address)."""
    suffix = suffix.lower()
    if suffix == ".docx":
        return _docx_texts(content if isinstance(content, bytes) else content.encode())
    if suffix == ".eml":
        return _eml_texts(content if isinstance(content, bytes) else content.encode())
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    if suffix == ".ics":
        return [_ics_text(text)]
    return [html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", text)), text]


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash before ASCII punctuation, as Markdown escapes it."""


_DECLARATION = re.compile(r"<\?.*?\?>|<!--.*?-->", re.DOTALL)
_LINE_BREAK = re.compile(r"</w:(?:p|tc)>|<w:(?:br|cr|tab)\b[^>]*/>|</(?!w:)[^>]+>")
"""Where a reader sees a new line (or a tab): the end of a Word paragraph or cell, a
break, and the end of any element outside Word's text (a document property)."""
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r'\b(?:Target|descr|title|tooltip)="([^"]*)"')


def _xml_text(xml: str) -> str:
    """The text of an XML part as a reader sees it: the runs of a Word paragraph
    joined, paragraphs, cells and other elements on lines of their own."""
    return html.unescape(_TAG.sub("", _LINE_BREAK.sub("\n", _DECLARATION.sub("", xml))))


def _docx_texts(content: bytes) -> list[str]:
    found = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for part in archive.namelist():
            if part.endswith((".xml", ".rels")):
                xml = archive.read(part).decode("utf-8", "replace")
                found.append(_xml_text(xml))
                found += [html.unescape(value) for value in _ATTRIBUTE.findall(xml)]
    return found


def _eml_texts(content: bytes) -> list[str]:
    """Every header, decoded and unfolded, and every part, decoded."""
    message = email.message_from_bytes(content)  # compat32: several times faster here
    found = []
    for part in message.walk():
        for key, value in part.items():
            found.append(f"{key}: " + re.sub(r"\r?\n[ \t]+", " ", str(_decoded(value))))
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        text = payload.decode(part.get_content_charset() or "utf-8", "replace")
        found += readable_texts(".ics" if part.get_content_type() == "text/calendar" else "", text)
    return found


def _decoded(value: str) -> str:
    return str(email.header.make_header(email.header.decode_header(value)))


def _ics_text(text: str) -> str:
    """Unfold the lines of an ICS file and undo its escapes."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), unfolded)
