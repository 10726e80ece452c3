"""Sweden's municipalities and regions with their official codes, as Kolada uses them:
a municipality's four-digit SCB code ("2029" Leksand), a region's "00" + its county
code ("0020" Region Dalarna), and "0000" for the whole country (riket).

The lists ship in dialogkit/data (source in its README) and are read once, when first
asked for."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import NamedTuple

RIKET = "0000"


class Municipality(NamedTuple):
    code: str
    name: str
    region_code: str


class Region(NamedTuple):
    code: str
    name: str
    """The region's own name, e.g. "Region Dalarna"."""
    county: str
    """The county's name, e.g. "Dalarnas län"."""


def _rows(filename: str) -> list[dict[str, str]]:
    # beside the module, in the wheel too (importlib.resources would cost 13 ms: zipfile)
    text = (Path(__file__).parent / "data" / filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


@cache
def municipalities() -> dict[str, Municipality]:
    """Every municipality by its code."""
    return {row["code"]: Municipality(**row) for row in _rows("municipalities.csv")}


@cache
def regions() -> dict[str, Region]:
    """Every region by its Kolada code."""
    return {row["code"]: Region(**row) for row in _rows("regions.csv")}


def municipality(code: str) -> Municipality | None:
    return municipalities().get(code)


def region_name(code: str) -> str | None:
    """The region's name for a region code; "Riket" for "0000"."""
    if code == RIKET:
        return "Riket"
    region = regions().get(code)
    return region.name if region else None


def _folded(name: str) -> str:
    """A name as compared: letter case and spaces do not count."""
    return "".join(name.casefold().split())


def _region_names(region: Region) -> list[str]:
    """The names a region goes by: "Region Dalarna", "Dalarna", "Dalarnas län"."""
    short = region.name.removeprefix("Region ").removesuffix("sregionen")
    short_county = region.county.removesuffix(" län")
    names = [region.name, short, region.county, short_county]
    if short_county.endswith("s"):
        names.append(short_county[:-1])  # "Dalarnas län" → "Dalarna"
    return names


@cache
def _by_name() -> dict[str, str]:
    """Every known name, folded, to its code. A municipality's own name wins over a
    region's short name: "Uppsala" is the municipality, "Region Uppsala" the region."""
    codes: dict[str, str] = {}
    for region in regions().values():
        for name in _region_names(region):
            codes.setdefault(_folded(name), region.code)
    for place in municipalities().values():
        codes[_folded(place.name)] = place.code
    codes[_folded("Riket")] = RIKET
    return codes


def code_for(name: str) -> str | None:
    """The code of a municipality or region by its name, in any case and spacing:
    "Leksand", "leksand " and "Leksands kommun" give "2029"; "Region Dalarna",
    "Dalarna" and "Dalarnas län" give "0020"."""
    folded = _folded(name)
    candidates = [folded]
    if folded.endswith("kommun"):  # "Leksands kommun", "Borås kommun"
        stem = folded.removesuffix("kommun")
        candidates += [stem, stem.removesuffix("s")]
    return next((_by_name()[c] for c in candidates if c in _by_name()), None)


def name_of(code: str) -> str | None:
    """The name of the municipality or region with this code."""
    place = municipality(code)
    return place.name if place else region_name(code)


def suggest(name: str, n: int = 3) -> list[str]:
    """The names of municipalities and regions closest to `name`, for a did-you-mean."""
    import difflib  # only a plan with a mistake needs it

    names = {_folded(m.name): m.name for m in municipalities().values()}
    names.update({_folded(r.name): r.name for r in regions().values()})
    close = difflib.get_close_matches(_folded(name), list(names), n=n, cutoff=0.6)
    return [names[c] for c in close]
