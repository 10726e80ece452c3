"""Personal data in what is published: the check-time side of the gate in gate.py."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import KINDS
from ..privacy import published_personal_data
from .registry import Hit, rule

OFFICIAL_HINT = (
    "En tjänstepersons arbetstelefon och e-post får publiceras: skriv official: true "
    "under personen."
)


@rule("DK222", tuple(KINDS))
def personal_data_published(plan, _) -> Iterator[Hit]:
    for found in published_personal_data(plan):
        if found.item is None:
            yield Hit(
                found.path,
                "Personen är inte markerad som tjänsteperson, så kontaktuppgiften lämnas "
                "utanför inbjudningar och andra offentliga filer.",
                OFFICIAL_HINT,
            )
        elif found.identifier:
            yield Hit(
                found.path,
                f"Id:t ser ut som {_a(found.item.kind)} ({found.item.masked}) och publiceras "
                "som det är; offentliga filer kan inte skapas.",
                "Välj ett annat id.",
            )
        else:
            yield Hit(
                found.path,
                f"Fältet publiceras och innehåller {_a(found.item.kind)} "
                f"({found.item.masked}); i offentliga versioner ersätts det med [borttaget].",
                "Ta bort uppgiften ur fältet (en dialogs internal_notes publiceras aldrig). "
                + OFFICIAL_HINT,
            )


def _a(kind: str) -> str:
    return f"en {kind}" if kind == "e-postadress" else f"ett {kind}"
