"""Field types shared by every plan kind.

Models are strict: nothing is coerced silently. Dates, times and periods arrive
as text from the loader and are parsed here, so a wrong value gets a message that
says what to write instead.
"""

import re
import unicodedata
from datetime import date, time
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..findings import Text
from ..periods import FIRST_YEAR, FORMS_HINT, LAST_YEAR, Period, parse_period


class PlanModel(BaseModel):
    """Base of every plan part: unknown keys are errors, types are exact."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_default=False,
        defer_build=True,  # build a validator only for the plan kinds actually checked
    )

    DRAWS_ON_OTHERS: ClassVar[bool] = False
    """Whether documents made from plans of this kind read other plans (`draws_on`)."""

    def draws_on(self, other: "PlanModel") -> bool:
        """Whether documents made from this plan read the plan `other` (a kind fact:
        a local plan reads its strategy, a strategy its local plans); then `other`'s
        errors make them drafts too."""
        return False


def _value_error(kind: str, message: Text, hint: Text) -> PydanticCustomError:
    """Pydantic's error for a value, its message in Swedish; the English message and
    both hints ride in its context (validation.py makes the finding)."""
    return PydanticCustomError(
        kind, message.sv, {"hint": hint.sv, "english": [message.en, hint.en]}
    )


_FORMAT = r"\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
"""Invisible format characters: zero-width space, joiners, word joiner, byte order
mark and the bidi controls."""
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_FORMAT}]")


def shown(value: Any) -> str:
    """`value` as a message may quote it: control and format characters written as
    escapes, so that a finding never sends an escape sequence to the terminal nor
    shows its text in another order."""
    return _CONTROL.sub(_escaped, str(value))


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _parse_date(value: Any) -> date:
    if isinstance(value, date):
        parsed = value
    elif not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise _value_error(
            "dk_date",
            Text(f"'{shown(value)}' är inte ett datum", f"'{shown(value)}' is not a date"),
            Text(
                "Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2021-04-13.",
                "Write dates as YYYY-MM-DD, e.g. 2021-04-13.",
            ),
        )
    else:
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise _value_error(
                "dk_date",
                Text(
                    f"datumet {shown(value)} finns inte",
                    f"the date {shown(value)} does not exist",
                ),
                Text(
                    "Kontrollera dag och månad i kalendern.",
                    "Check the day and month in a calendar.",
                ),
            ) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise _value_error(
            "dk_date",
            Text(
                f"datumet {parsed} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}",
                f"the date {parsed} lies outside the years {FIRST_YEAR}–{LAST_YEAR}",
            ),
            Text("Kontrollera årtalet.", "Check the year."),
        )
    return parsed


def _parse_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    match = isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        written = (
            Text(f"'{shown(value)}' är inte", f"'{shown(value)}' is not")
            if isinstance(value, str)
            else Text("ett tal är inte", "a number is not")
        )
        raise _value_error(
            "dk_time",
            Text(
                f"{written.sv} ett klockslag i formen TT:MM",
                f"{written.en} a time of day in the form HH:MM",
            ),
            Text(
                'Skriv tiden med kolon och inom citattecken, t.ex. "18:00".',
                'Write the time with a colon and in quotes, e.g. "18:00".',
            ),
        )
    return time(int(match.group(1)), int(match.group(2)))


def _parse_when(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a bare year: YAML reads `when: 2023` as a number
    if not isinstance(value, str):
        raise _value_error(
            "dk_period",
            Text(
                f"'{shown(value)}' är inte en tidpunkt eller period",
                f"'{shown(value)}' is not a point in time or a period",
            ),
            FORMS_HINT,
        )
    _check_line(value)  # a period's text is shown as written
    try:
        return parse_period(value)
    except ValueError as error:
        reason = Text(str(error), getattr(error, "en", str(error)))
        raise _value_error(
            "dk_period",
            Text(
                f"'{shown(value)}' går inte att tolka: {reason.sv}",
                f"'{shown(value)}' cannot be read: {reason.en}",
            ),
            FORMS_HINT,
        ) from None


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


IsoDate = Annotated[
    date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]
ClockTime = Annotated[
    time,
    BeforeValidator(_parse_time),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}),
]
When = Annotated[
    Period,
    BeforeValidator(_parse_when),
    PlainSerializer(lambda p: p.text, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "description": "Månad, datum, årstid, år eller intervall. " + FORMS_HINT.sv,
        }
    ),
]
MAX_MONEY = 10**12
"""A thousand billion kronor: more than any budget a plan holds, and far below what
the sums and their formatting can carry."""


def _check_money(value: int) -> int:
    if value > MAX_MONEY:
        raise _value_error(
            "dk_money",
            Text(
                "är ett för stort belopp; det får vara högst 1 000 000 000 000 kronor.",
                "is too large an amount; it may be at most 1 000 000 000 000 kronor.",
            ),
            Text(
                "Skriv beloppet i hela kronor och kontrollera att inga siffror har kommit "
                "med av misstag.",
                "Write the amount in whole kronor and check that no digits came in by mistake.",
            ),
        )
    return value


Money = Annotated[
    int,
    Field(ge=0),
    AfterValidator(_check_money),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_MONEY}),
]
"""Whole kronor, at most MAX_MONEY; exact, never a float."""
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
"""A year a plan may name, as every date and period must (see periods.FIRST_YEAR)."""

# What plan text may not hold. No text holds control characters (C0, DEL, C1): they
# break the XML inside .docx and .xlsx files and can steer a terminal. Nor U+FFFE and
# U+FFFF, which XML forbids. Nor the invisible format characters: zero-width space,
# joiners and word joiner, the byte order mark, and the bidi controls, which hide a
# number or an address from a reader (and from the personal-data gate) or show text
# in another order than it is stored. A line also holds no tab, line break or Unicode
# line or paragraph separator, since it may become a heading, a file name, an e-mail
# header or a calendar field; a paragraph text keeps its newlines and tabs.
_NOT_IN_LINE = rf"\u0000-\u001f\u007f-\u009f\u2028\u2029{_FORMAT}\ufffe\uffff"
_NOT_IN_PARAGRAPHS = rf"\u0000-\u0008\u000b-\u001f\u007f-\u009f{_FORMAT}\ufffe\uffff"
_IS_FORMAT = re.compile(f"[{_FORMAT}]")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
"""The format characters that are not bidi controls."""
# The patterns are checked by Pydantic's own regex engine, fast on every text of a
# plan; text_error explains a refusal in Swedish.
LINE_PATTERN = f"^[^{_NOT_IN_LINE}]*$"
PARAGRAPHS_PATTERN = f"^[^{_NOT_IN_PARAGRAPHS}]*$"
NOT_IN_PARAGRAPHS = re.compile(f"[{_NOT_IN_PARAGRAPHS}]")
"""What no text may hold, not even running text; nor what a template writes."""
_FIRST_BAD = {LINE_PATTERN: re.compile(f"[{_NOT_IN_LINE}]"), PARAGRAPHS_PATTERN: NOT_IN_PARAGRAPHS}


def text_error(value: str, pattern: str) -> tuple[Text, Text] | None:
    """Why `value` does not fit `pattern`, the pattern of Line or Paragraphs: a message
    and a hint. None for another pattern."""
    first_bad = _FIRST_BAD.get(pattern)
    found = first_bad.search(value) if first_bad else None
    if found is None:
        return None
    index, char = found.start(), found.group()
    if pattern == LINE_PATTERN and char in "\r\n\u2028\u2029":
        return (
            Text("får inte innehålla radbrytningar.", "may not hold line breaks."),
            Text(
                "Skriv texten på en rad. Delar du en lång text med > i YAML-filen, "
                "skriv >- så att ingen radbrytning kommer med på slutet.",
                "Write the text on one line. If you split a long text with > in the YAML "
                "file, write >- so that no line break comes along at the end.",
            ),
        )
    where = _where(value, index)
    if char == "\t":
        return (
            Text(f"innehåller en tabb{where.sv}.", f"holds a tab{where.en}."),
            Text("Byt tabben mot ett mellanslag.", "Replace the tab with a space."),
        )
    name = f"U+{ord(char):04X}"
    if _IS_FORMAT.match(char):
        kind = (
            Text("nollbreddstecken", "zero-width character")
            if char in _ZERO_WIDTH
            else Text("riktningstecken", "direction mark")
        )
        name += f" ({unicodedata.name(char)})"
        return (
            Text(
                f"innehåller ett osynligt {kind.sv} {name}{where.sv}.",
                f"holds an invisible {kind.en} {name}{where.en}.",
            ),
            Text(
                "Ta bort tecknet; det syns inte men kan dölja eller kasta om text. Sådana "
                "tecken följer ofta med när text klistras in från webben eller ett annat "
                "program.",
                "Remove the character; it cannot be seen but can hide text or change its "
                "order. Such characters often come along when text is pasted from the web "
                "or another program.",
            ),
        )
    kind = (
        Text("det otillåtna tecknet", "the forbidden character")
        if char in "\ufffe\uffff"
        else Text("ett osynligt styrtecken", "an invisible control character")
    )
    return (
        Text(f"innehåller {kind.sv} {name}{where.sv}.", f"holds {kind.en} {name}{where.en}."),
        Text(
            "Ta bort tecknet. Sådana tecken följer ofta med när text klistras in från ett "
            "annat program.",
            "Remove the character. Such characters often come along when text is pasted "
            "from another program.",
        ),
    )


def _where(value: str, index: int) -> Text:
    """Where in `value` the character at `index` stands, for a message."""
    before = value[:index].rsplit("\n", 1)[-1]
    if not before:
        if index == 0:
            return Text(" först i texten", " at the start of the text")
        return Text(" först på en rad", " at the start of a line")
    before = before if len(before) <= 20 else "…" + before[-20:]
    return Text(f" efter '{before}'", f" after '{before}'")


def _check_line(value: str) -> None:
    described = text_error(value, LINE_PATTERN)
    if described:
        raise _value_error("dk_text", *described)


Line = Annotated[str, Field(min_length=1, pattern=LINE_PATTERN)]
"""Text on one line: a name, a title, a place, an address, a link."""
Paragraphs = Annotated[str, Field(min_length=1, pattern=PARAGRAPHS_PATTERN)]
"""Running text that may hold paragraphs and line breaks: a purpose, notes, a description."""
MunicipalityCode = Annotated[str, Field(pattern=r"^\d{4}$")]
"""A municipality's or region's official four-digit code, as Kolada uses it: "2029"
Leksand, "0020" Region Dalarna (dialogkit/municipalities.py)."""

MAX_ID_LENGTH = 64
_ID_PATTERN = r"^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$"
_ID = re.compile(_ID_PATTERN)
_ID_HINT = Text(
    "Ett id börjar med en bokstav eller siffra och innehåller bara a–z, A–Z, 0–9, "
    "'-', '_' och '.' (men slutar inte med punkt), t.ex. sala-2021.",
    "An id starts with a letter or digit and holds only a–z, A–Z, 0–9, '-', '_' and "
    "'.' (but does not end with a full stop), e.g. sala-2021.",
)
# Names Windows keeps for devices, with or without an extension: an id becomes a
# file or folder name, and `con` or `nul.txt` cannot be one there.
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{n}" for n in range(1, 10)]
    + [f"lpt{n}" for n in range(1, 10)]
)


def _check_id(value: str) -> str:
    if not value:
        raise _value_error("dk_id", Text("får inte vara tomt.", "may not be empty."), _ID_HINT)
    if len(value) > MAX_ID_LENGTH:
        raise _value_error(
            "dk_id",
            Text(
                f"är {len(value)} tecken långt; ett id får vara högst {MAX_ID_LENGTH} tecken.",
                f"is {len(value)} characters long; an id may be at most {MAX_ID_LENGTH}.",
            ),
            Text(
                "Korta id:t; det blir ett fil- eller mappnamn.",
                "Shorten the id; it becomes a file or folder name.",
            ),
        )
    if not _ID.fullmatch(value):
        raise _value_error(
            "dk_id",
            Text(f"'{shown(value)}' har fel form.", f"'{shown(value)}' has the wrong form."),
            _ID_HINT,
        )
    if value.split(".")[0].lower() in WINDOWS_RESERVED:
        raise _value_error(
            "dk_id",
            Text(
                f"'{value}' är ett namn som Windows reserverar och kan inte bli ett filnamn.",
                f"'{value}' is a name Windows reserves, and cannot become a file name.",
            ),
            Text(
                "Välj ett annat id. con, prn, aux, nul, com1–com9 och lpt1–lpt9 går inte, "
                "inte heller med en ändelse som con.txt.",
                "Choose another id. con, prn, aux, nul, com1–com9 and lpt1–lpt9 cannot be "
                "used, nor with an extension, as in con.txt.",
            ),
        )
    return value


Id = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema(
        {"type": "string", "minLength": 1, "maxLength": MAX_ID_LENGTH, "pattern": _ID_PATTERN}
    ),
]
"""A short identifier, unique within its list regardless of letter case: letters
a–z, digits, '-', '_' and '.'. Ids become file and folder names."""

# One address and nothing else: no display name, no second address, no spaces. Both
# halves are dot-atoms (RFC 5322) in ASCII, so an e-mail header can always carry the
# address: a local part like ïnvånare needs SMTPUTF8, which few servers take and the
# e-mail draft cannot write, and a domain with å, ä or ö is written in its ASCII form.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_EMAIL_PATTERN = rf"^{_ATOM}(\.{_ATOM})*@{_ATOM}(\.{_ATOM})+$"
_EMAIL = re.compile(_EMAIL_PATTERN)
MAX_EMAIL_LENGTH = 254


def _check_email(value: str) -> str:
    if len(value) <= MAX_EMAIL_LENGTH and _EMAIL.fullmatch(value):
        return value
    letters_as_ascii = "".join("x" if c.isalpha() and not c.isascii() else c for c in value)
    if _EMAIL.fullmatch(letters_as_ascii):
        raise _not_ascii_error(value)
    raise _value_error(
        "dk_email",
        Text(
            f"'{shown(value)}' är inte en e-postadress.",
            f"'{shown(value)}' is not an e-mail address.",
        ),
        Text(
            'Skriv en enda adress utan namn, mellanslag eller tecknen <>,;:"(), t.ex. '
            "namn@region.se.",
            'Write one address with no name, spaces or the characters <>,;:"(), e.g. '
            "name@region.se.",
        ),
    )


def _not_ascii_error(address: str) -> PydanticCustomError:
    """An address that is right but for letters outside a–z (å, ä, ö, accents)."""
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        plain = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
        return _value_error(
            "dk_email",
            Text(
                f"'{address}' har bokstäver utanför a–z före @, och det klarar inte alla "
                "e-postsystem.",
                f"'{address}' has letters outside a–z before the @, which not every e-mail "
                "system can handle.",
            ),
            Text(
                "Skriv adressen som den är registrerad, utan å, ä, ö och accenter, t.ex. "
                f"{plain or 'namn'}@{domain}.",
                "Write the address as it is registered, without accented letters, e.g. "
                f"{plain or 'name'}@{domain}.",
            ),
        )
    try:
        ascii_form = f" ({domain.encode('idna').decode('ascii')})"
    except UnicodeError:
        ascii_form = ""
    return _value_error(
        "dk_email",
        Text(
            f"domänen i '{address}' har bokstäver utanför a–z.",
            f"the domain in '{address}' has letters outside a–z.",
        ),
        Text(
            f"Skriv domänen i sin ASCII-form{ascii_form}, som e-postprogrammen skickar den.",
            f"Write the domain in its ASCII form{ascii_form}, as e-mail programs send it.",
        ),
    )


Email = Annotated[
    str,
    AfterValidator(_check_email),
    WithJsonSchema({"type": "string", "maxLength": MAX_EMAIL_LENGTH, "pattern": _EMAIL_PATTERN}),
]
"""One e-mail address, as in namn@region.se."""

_WEB_ADDRESS_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/]+\S*$"
_WEB_ADDRESS = re.compile(_WEB_ADDRESS_PATTERN)


def _check_web_address(value: str) -> str:
    described = text_error(value, LINE_PATTERN)  # a bidi control hides where a link goes
    if described:
        raise _value_error("dk_web_address", *described)
    if _WEB_ADDRESS.fullmatch(value):
        return value
    raise _value_error(
        "dk_web_address",
        Text(
            f"'{shown(value)}' är ingen webbadress.",
            f"'{shown(value)}' is not a web address.",
        ),
        Text(
            "Skriv hela adressen med https:// först, utan mellanslag, t.ex. "
            "https://region.se/dialog/film. En fil på datorn eller i ett delat nätverk "
            "måste först läggas upp på webben.",
            "Write the whole address starting with https://, without spaces, e.g. "
            "https://region.se/dialog/film. A file on a computer or a shared network "
            "folder must first be put on the web.",
        ),
    )


WebAddress = Annotated[
    str,
    AfterValidator(_check_web_address),
    WithJsonSchema({"type": "string", "pattern": _WEB_ADDRESS_PATTERN}),
]
"""A web address (http or https) that a public page may link to: a `javascript:`,
`file:` or shared-folder link is an error in the plan, not a dead link on the page."""

_LINE_SCHEMA = {"type": "string", "minLength": 1, "pattern": LINE_PATTERN}
People = Annotated[
    list[Line],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [_LINE_SCHEMA, {"type": "array", "items": _LINE_SCHEMA}]}),
]
"""One name, or a list of names."""


class Person(PlanModel):
    """En kontaktperson."""

    name: Line = Field(description="Namn.")
    title: Line | None = Field(None, description='Titel eller roll, t.ex. "processledare".')
    organisation: Line | None = Field(None, description="Organisation eller enhet.")
    email: Email | None = Field(None, description="E-postadress.")
    phone: Line | None = Field(None, description="Telefonnummer.")
    official: bool = Field(
        False,
        description="true för en tjänsteperson vars arbetstelefon och e-post får publiceras; "
        "annars tas de bort ur allt som publiceras.",
    )


class Decision(PlanModel):
    """Ett beslut: vem som beslutade, när och med vilken referens."""

    body: Line = Field(description='Beslutande organ, t.ex. "Regionstyrelsen".')
    date: IsoDate = Field(description="Beslutsdatum (ÅÅÅÅ-MM-DD).")
    reference: Line | None = Field(
        None, description='Paragraf eller diarienummer, t.ex. "§ 176, RV200159".'
    )
    text: Paragraphs | None = Field(None, description="Vad beslutet säger.")


class YearSpan(PlanModel):
    """Ett spann av hela år."""

    start: Year = Field(description="Första året.")
    end: Year = Field(description="Sista året.")
