"""Personal data in what is published: the check-time side of the gate in gate.py."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Text
from ..model import KINDS
from ..privacy import published_personal_data
from .registry import Hit, rule

OFFICIAL_HINT = Text(
    "En tjänstepersons arbetstelefon och e-post får publiceras: skriv official: true "
    "under personen.",
    "An official's work phone and e-mail may be published: write official: true under the person.",
)
KIND_NAMES = {  # personal_data's kinds, with their article
    "e-postadress": Text("en e-postadress", "an e-mail address"),
    "telefonnummer": Text("ett telefonnummer", "a phone number"),
    "personnummer": Text("ett personnummer", "a personal identity number (personnummer)"),
    "samordningsnummer": Text("ett samordningsnummer", "a coordination number (samordningsnummer)"),
}


@rule("DK222", tuple(KINDS))
def personal_data_published(plan, _) -> Iterator[Hit]:
    for found in published_personal_data(plan):
        if found.item is None:
            yield Hit(
                found.path,
                Text(
                    "Personen är inte markerad som tjänsteperson, så kontaktuppgiften lämnas "
                    "utanför inbjudningar och andra offentliga filer.",
                    "The person is not marked as an official, so the contact detail is left "
                    "out of invitations and other public files.",
                ),
                OFFICIAL_HINT,
            )
            continue
        item = found.item
        kind = KIND_NAMES.get(item.kind) or Text(item.kind, item.kind)
        if found.identifier:
            yield Hit(
                found.path,
                Text(
                    f"Id:t ser ut som {kind.sv} ({item.masked}) och publiceras som det är; "
                    "offentliga filer kan inte skapas.",
                    f"The id looks like {kind.en} ({item.masked}) and is published as it "
                    "is; public files cannot be made.",
                ),
                Text("Välj ett annat id.", "Choose another id."),
            )
        elif found.on_key:
            yield Hit(
                found.path,
                Text(
                    f"Namnet (nyckeln) publiceras och innehåller {kind.sv} ({item.masked}); "
                    "i offentliga versioner ersätts det med [borttaget].",
                    f"The name (the key) is published and holds {kind.en} ({item.masked}); "
                    "public versions have [removed] in its place.",
                ),
                Text(
                    "Byt namnet mot ett som inte pekar ut någon, t.ex. en åldersgrupp som "
                    '"under 30" eller en kommun.',
                    "Rename it to something that points out no one, such as an age group "
                    '"under 30" or a municipality.',
                ),
                on_key=True,
            )
        else:
            yield Hit(
                found.path,
                Text(
                    f"Fältet publiceras och innehåller {kind.sv} ({item.masked}); i "
                    "offentliga versioner ersätts det med [borttaget].",
                    f"The field is published and holds {kind.en} ({item.masked}); public "
                    "versions have [removed] in its place.",
                ),
                Text(
                    "Ta bort uppgiften ur fältet (en dialogs internal_notes publiceras "
                    f"aldrig). {OFFICIAL_HINT.sv}",
                    "Remove it from the field (a dialogue's internal_notes is never "
                    f"published). {OFFICIAL_HINT.en}",
                ),
            )
