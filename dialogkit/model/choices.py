"""The enumerated values of the plans, each in English and in Swedish.

A plan may write `status: held` or `status: genomförd`; the model reads both as
`held`, so the rest of dialogkit only ever sees the English value and prints it in
the plan's language (words.label). Letter case does not matter; a word written
without å, ä or ö is not taken, but gets a "did you mean" hint. The first Swedish
word of a value is the one messages name; the words outputs print (words.py) are
among those taken (tests/test_swedish_values.py).
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, WithJsonSchema

from ..findings import Text
from .types import _value_error, shown

_OR = {"sv": " eller ", "en": " or "}


def _folded(word: str) -> str:
    """A spelling as looked up: letter case aside (`Genomförd`), but nothing else:
    `in-person` or `genomford` may be a slip, and gets a "did you mean" hint."""
    return unicodedata.normalize("NFC", word).casefold()  # "ö" as one or as two characters


class Choice:
    """The values of one enumerated field with their Swedish words; called on a value,
    it gives the English value or raises a finding's error naming the choices."""

    def __init__(self, literal: Any, swedish: dict[str, tuple[str, ...]]) -> None:
        self.values: tuple[str, ...] = get_args(literal)
        if set(swedish) != set(self.values):
            raise ValueError(f"Swedish words for {sorted(swedish)}, values {self.values}")
        self.swedish = {value: swedish[value] for value in self.values}
        every = [*self.values, *(w for words in self.swedish.values() for w in words)]
        self.spellings = list(dict.fromkeys(every))  # "digital" is both English and Swedish
        self.exact = {value: value for value in self.values}
        self.exact.update({w: value for value, words in self.swedish.items() for w in words})
        self._folded = {_folded(spelling): value for spelling, value in self.exact.items()}

    def english(self, value: Any) -> str | None:
        """The English value `value` names, or None."""
        if not isinstance(value, str):
            return None
        return self.exact.get(value) or self._folded.get(_folded(value))

    def __call__(self, value: Any) -> str:
        english = self.english(value)
        if english is None:
            raise self._error(value)
        return english

    def listed(self, language: str) -> str:
        """The choices in words of `language`: "planerad, bokad, genomförd eller inställd"."""
        names = {"sv": [self.swedish[v][0] for v in self.values], "en": self.values}[language]
        return ", ".join(names[:-1]) + _OR[language] + names[-1]

    def described(self) -> str:
        """Both spellings, for a field's description in the schema: "planerad
        (planned), bokad (booked), …"."""
        pairs = [
            self.swedish[v][0] if self.swedish[v][0] == v else f"{self.swedish[v][0]} ({v})"
            for v in self.values
        ]
        return ", ".join(pairs[:-1]) + " eller " + pairs[-1]

    def _error(self, value: Any):
        message = Text(
            f"'{shown(value)}' är inget tillåtet värde.",
            f"'{shown(value)}' is not a value allowed.",
        )
        guess = isinstance(value, str) and self._closest(value)
        if guess:
            hint = Text(
                f"Menade du '{guess}'? Välj ett av: {self.listed('sv')}.",
                f"Did you mean '{guess}'? Choose one of: {self.listed('en')}.",
            )
        else:
            hint = Text(
                f"Välj ett av: {self.listed('sv')} (eller på engelska: {self.listed('en')}).",
                f"Choose one of: {self.listed('en')}.",
            )
        return _value_error("dk_choice", message, hint)

    def _closest(self, value: str) -> str | None:
        import difflib  # only a plan with a mistake needs it

        folded = {_folded(s): s for s in reversed(self.spellings)}  # the first spelling wins
        match = difflib.get_close_matches(_folded(value), list(folded), n=1, cutoff=0.6)
        return folded[match[0]] if match else None

    def one_key_each(self, value: Any) -> Any:
        """A mapping keyed by this choice holds each value once: `fysisk:` and
        `in_person:` side by side would have one silently replace the other."""
        if not isinstance(value, dict):
            return value
        seen: dict[str, str] = {}
        for key in value:
            english = self.english(key)
            if english in seen:
                first = seen[english]
                raise _value_error(
                    "dk_choice",
                    Text(
                        f"'{shown(first)}' och '{shown(key)}' är samma värde.",
                        f"'{shown(first)}' and '{shown(key)}' are the same value.",
                    ),
                    Text(
                        "Skriv det en gång och slå ihop det som står under dem.",
                        "Write it once and merge what stands under them.",
                    ),
                )
            if english is not None:
                seen[english] = key
        return value


def choice(literal: Any, **swedish: tuple[str, ...]) -> Any:
    """The type of an enumerated field: `literal`'s English values, each also written
    with its Swedish words (the keyword arguments, one per value)."""
    chosen = Choice(literal, swedish)
    exact = chosen.exact

    def to_english(value: Any) -> str:
        # The usual case first, a value as written, without the method call's cost:
        # `plan check` of a thousand plans meets tens of thousands of them.
        found = exact.get(value) if type(value) is str else None
        return found or chosen(value)

    to_english.choice = chosen  # type: ignore[attr-defined]
    return Annotated[
        literal,
        BeforeValidator(to_english),
        WithJsonSchema(
            {"type": "string", "enum": chosen.spellings, "description": f"{chosen.described()}."}
        ),
    ]


def choice_of(annotated: Any) -> Choice:
    """The Choice of a type made by `choice`."""
    return next(m.func.choice for m in annotated.__metadata__ if isinstance(m, BeforeValidator))


def keyed_by(key: Any, value: Any) -> Any:
    """`dict[key, value]` for a choice type `key`, where no two keys name the same value."""
    return Annotated[dict[key, value], BeforeValidator(choice_of(key).one_key_each)]


def described(annotated: Any) -> str:
    """Both spellings of a choice type's values, for a field's description."""
    return choice_of(annotated).described()


ParticipationRung = choice(
    Literal["information", "consultation", "dialogue", "influence", "co_decision"],
    information=("information",),
    consultation=("konsultation",),
    dialogue=("dialog",),
    influence=("inflytande",),
    co_decision=("medbestämmande", "medbeslutande"),
)
DialogueFormat = choice(
    Literal["in_person", "digital", "hybrid"],
    in_person=("fysisk", "fysiskt"),
    digital=("digital", "digitalt"),
    hybrid=("hybrid",),
)
DialogueStatus = choice(
    Literal["planned", "booked", "held", "cancelled"],
    planned=("planerad", "planerat"),
    booked=("bokad", "bokat"),
    held=("genomförd", "genomfört"),
    cancelled=("inställd", "inställt"),
)
_WORK_STATUS = {
    "planned": ("planerad", "planerat"),
    "ongoing": ("pågår", "pågående"),
    "done": ("klar", "klart", "genomförd", "genomfört"),
    "cancelled": ("inställd", "inställt"),
}
TaskStatus = choice(Literal["planned", "ongoing", "done", "cancelled"], **_WORK_STATUS)
"""The status of a timeline task, or of an activity in a communication or local plan."""
ActivityStatus = TaskStatus
Method = choice(
    Literal["survey", "dialogue_meeting", "focus_group", "working_group", "citizen_panel"],
    survey=("enkät", "enkätundersökning"),
    dialogue_meeting=("dialogmöte",),
    focus_group=("fokusgrupp",),
    working_group=("arbetsgrupp",),
    citizen_panel=("medborgarpanel",),
)
Channel = choice(
    Literal["email", "web", "facebook", "newspaper_ad", "press_release", "reminder"],
    email=("e-post", "epost", "mejl"),
    web=("webb", "webben", "webbsida", "webbsidan"),
    facebook=("facebook",),
    newspaper_ad=("annons", "tidningsannons"),
    press_release=("pressmeddelande",),
    reminder=("påminnelse",),
)
ResponseState = choice(
    Literal["considering", "decided", "declined", "done"],
    considering=("utreds",),
    decided=("beslutat", "beslutad"),
    declined=("tas inte vidare", "går inte vidare", "avslagen", "avslaget"),
    done=("genomfört", "genomförd", "klart", "klar"),
)
Gender = choice(
    Literal["women", "men", "other"],
    women=("kvinnor", "kvinna"),
    men=("män", "man"),
    other=("annat", "annan", "övriga", "ej angivet"),
)
"""The gender a participant count is recorded by; `other` also holds "not stated"."""
Audience = choice(
    Literal["participants", "public"],
    participants=("deltagarna", "deltagare"),
    public=("allmänheten", "allmänhet"),
)
Priority = choice(
    Literal["high", "normal", "low"],
    high=("hög",),
    normal=("normal",),
    low=("låg",),
)
AssessmentStatus = choice(
    Literal["on_track", "partly", "behind", "not_started"],
    on_track=("på väg",),
    partly=("delvis",),
    behind=("efter",),
    not_started=("ej påbörjat", "inte påbörjat", "ej påbörjad"),
)
MaterialKind = choice(
    Literal["film", "presentation", "document", "other"],
    film=("film", "video", "filmen"),
    presentation=("presentation", "powerpoint", "bildspel", "presentationen"),
    document=("dokument", "dokumentet"),
    other=("annat", "övrigt"),
)
"""What a piece of the project's material is; the web page's link text names it."""
