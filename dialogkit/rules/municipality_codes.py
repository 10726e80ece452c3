"""Rules for the official codes a plan gives its municipalities and its region: each
code must exist, and must be the code of the place the plan names beside it. The
code decides which municipality's Kolada figures the reports show."""

from __future__ import annotations

from collections.abc import Iterator

from .. import municipalities as places
from ..findings import Text
from .registry import Hit, rule

KINDS = ("local_plan", "dialogue_project", "strategy")


def _codes(plan) -> Iterator[tuple[tuple, str, str | None, str]]:
    """(path, code, the name given with it or None, "municipality" or "region") for
    every code the plan gives."""
    if plan.kind == "local_plan" and plan.municipality_code:
        yield ("municipality_code",), plan.municipality_code, plan.municipality, "municipality"
    if plan.kind == "strategy" and plan.region_code:
        yield ("region_code",), plan.region_code, None, "region"
    for name, code in getattr(plan, "municipality_codes", {}).items():
        yield ("municipality_codes", name), code, name, "municipality"


def _exists(code: str, wanted: str) -> bool:
    if wanted == "region":
        return code in places.regions()
    return places.municipality(code) is not None


def _matches(name: str, code: str) -> bool:
    """Whether `name` is the place with `code`: its name in any case and spacing, also
    as "Leksands kommun" or "Region Gotland"."""
    if places.code_for(name) == code:
        return True
    own = places.name_of(code)
    folded = "".join(name.casefold().split())
    return own is not None and "".join(own.casefold().split()) in folded


def _what(wanted: str) -> Text:
    return (
        Text("Kommunkoden", "The municipality code")
        if wanted == "municipality"
        else Text("Regionkoden", "The region code")
    )


@rule("DK241", KINDS)
def unknown_code(plan, _) -> Iterator[Hit]:
    for path, code, name, wanted in _codes(plan):
        if _exists(code, wanted):
            continue
        what = _what(wanted)
        right = places.code_for(name) if name else None
        if right and _exists(right, wanted):
            hint = Text(
                f"{places.name_of(right)} har kod {right}.",
                f"{places.name_of(right)} has the code {right}.",
            )
        elif name and (close := places.suggest(name)):
            hint = Text(
                f"Menade du {close[0]} ({places.code_for(close[0])})?",
                f"Did you mean {close[0]} ({places.code_for(close[0])})?",
            )
        else:
            hint = Text(
                "Kommunernas koder är SCB:s fyrsiffriga kommunkoder, t.ex. 2029 för "
                'Leksand; en regions kod är "00" och länskoden, t.ex. 0020 för Dalarna.',
                "Municipalities have SCB's four-digit codes, e.g. 2029 for Leksand; a "
                'region\'s code is "00" and its county code, e.g. 0020 for Dalarna.',
            )
        other = places.region_name(code) if wanted == "municipality" else None
        if other is None and wanted == "region" and places.municipality(code):
            other = places.municipality(code).name
        if other:
            noun = Text(what.sv.lower().removesuffix("en"), what.en.removeprefix("The "))
            message = Text(
                f"{code} är inte en {noun.sv} utan koden för {other}.",
                f"{code} is not a {noun.en} but the code of {other}.",
            )
        else:
            message = Text(f"{what.sv} {code} finns inte.", f"{what.en} {code} does not exist.")
        yield Hit(path, message, hint)


@rule("DK242", KINDS)
def name_does_not_match(plan, _) -> Iterator[Hit]:
    for path, code, name, wanted in _codes(plan):
        if name is None or not _exists(code, wanted) or _matches(name, code):
            continue
        own = places.name_of(code)
        right = places.code_for(name)
        if right and _exists(right, wanted):
            hint = Text(
                f"{places.name_of(right)} har kod {right}: rätta koden, eller namnet om "
                f"det är {own} som menas.",
                f"{places.name_of(right)} has the code {right}: correct the code, or the "
                f"name if {own} is meant.",
            )
        else:
            hint = Text(
                f"Rätta namnet till {own}, eller koden om en annan kommun menas.",
                f"Correct the name to {own}, or the code if another municipality is meant.",
            )
        yield Hit(
            path,
            Text(f"{code} är {own}, inte {name}.", f"{code} is {own}, not {name}."),
            hint,
        )
