"""Field types shared by every plan kind.

Models are strict: nothing is coerced silently. Dates, times and periods arrive
as text from the loader and are parsed here, so a wrong value gets a message that
says what to write instead.
"""

import re
from datetime import date, time
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..periods import FORMS_HINT, Period, parse_period


class PlanModel(BaseModel):
    """Base of every plan part: unknown keys are errors, types are exact."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_default=False,
        defer_build=True,  # build a validator only for the plan kinds actually checked
    )


def _value_error(kind: str, message: str, hint: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message, {"hint": hint})


def _parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise _value_error(
            "dk_date",
            f"'{value}' är inte ett datum",
            "Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2021-04-13.",
        )
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _value_error(
            "dk_date",
            f"datumet {value} finns inte",
            "Kontrollera dag och månad i kalendern.",
        ) from None


def _parse_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    match = isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        shown = f"'{value}' är inte" if isinstance(value, str) else "ett tal är inte"
        raise _value_error(
            "dk_time",
            f"{shown} ett klockslag i formen TT:MM",
            'Skriv tiden med kolon och inom citattecken, t.ex. "18:00".',
        )
    return time(int(match.group(1)), int(match.group(2)))


def _parse_when(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        value = str(value)  # a bare year: YAML reads `when: 2023` as a number
    if not isinstance(value, str):
        raise _value_error("dk_period", f"'{value}' är inte en tidpunkt eller period", FORMS_HINT)
    try:
        return parse_period(value)
    except ValueError as error:
        raise _value_error(
            "dk_period", f"'{value}' går inte att tolka: {error}", FORMS_HINT
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
            "description": "Månad, datum, årstid, år eller intervall. " + FORMS_HINT,
        }
    ),
]
Money = Annotated[int, Field(ge=0)]
"""Whole kronor; exact, never a float."""
Id = Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
"""A short identifier: letters a–z, digits, '-', '_' and '.'."""
People = Annotated[
    list[str],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
"""One name, or a list of names."""
Text = Annotated[str, Field(min_length=1)]


class Person(PlanModel):
    """En kontaktperson."""

    name: Text = Field(description="Namn.")
    title: str | None = Field(None, description='Titel eller roll, t.ex. "processledare".')
    organisation: str | None = Field(None, description="Organisation eller enhet.")
    email: str | None = Field(
        default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="E-postadress."
    )
    phone: str | None = Field(None, description="Telefonnummer.")


class Decision(PlanModel):
    """Ett beslut: vem som beslutade, när och med vilken referens."""

    body: Text = Field(description='Beslutande organ, t.ex. "Regionstyrelsen".')
    date: IsoDate = Field(description="Beslutsdatum (ÅÅÅÅ-MM-DD).")
    reference: str | None = Field(
        None, description='Paragraf eller diarienummer, t.ex. "§ 176, RV200159".'
    )
    text: str | None = Field(None, description="Vad beslutet säger.")


class YearSpan(PlanModel):
    """Ett spann av hela år."""

    start: int = Field(ge=1900, le=2200, description="Första året.")
    end: int = Field(ge=1900, le=2200, description="Sista året.")
