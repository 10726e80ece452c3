"""Key figures from the Kolada cache beside a local plan's own values (issue 18).

Only reads the cache (`kolada/cache.py`); never the network. A value Kolada has no
number for is None, shown as "saknas", never 0."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

RIKET = "0000"
TOTAL = "T"


@dataclass(frozen=True)
class Place:
    code: str
    name: str


@dataclass(frozen=True)
class FigureTable:
    """One key figure by year: the plan's own value beside Kolada's for each place."""

    figure: object  # model.localplan.KeyFigure
    title: str
    unit: str | None
    places: list[Place]
    years: list[int]
    own: dict[int, float]
    kolada: dict[str, dict[int, float | None]]
    """Per place code, per year: Kolada's total (gender T); a year Kolada lacks is absent."""
    fetched: date | None

    def row(self, year: int) -> list[float | None]:
        return [self.kolada.get(place.code, {}).get(year) for place in self.places]


def municipality_code(plan) -> str | None:
    return getattr(plan, "municipality_code", None)


def places(plan) -> list[Place]:
    """The municipality, its region and riket, for a plan with a municipality code."""
    code = municipality_code(plan)
    if not code:
        return []
    from . import municipalities
    from .words import words

    found = municipalities.municipality(code)
    result = [Place(code, found.name if found else plan.municipality)]
    if found and found.region_code:
        result.append(Place(found.region_code, municipalities.region_name(found.region_code)))
    result.append(Place(RIKET, words(plan.language)["kolada.riket"]))
    return result


def totals(series) -> dict[int, float | None]:
    return {year: value for (year, gender), value in series.values.items() if gender == TOTAL}


def cache_folder(path: Path) -> Path:
    from .kolada.cache import cache_root

    return cache_root(path)


def figure_tables(plan, path: Path) -> list[FigureTable]:
    """Every key figure of the plan with what the cache holds for it."""
    from .kolada.cache import read_kpi, read_series

    root = cache_folder(path)
    where = places(plan)
    tables = []
    for figure in plan.key_figures:
        info = read_kpi(root, figure.kolada_id) if where else None
        kolada, fetched = {}, []
        for place in where:
            series = read_series(root, figure.kolada_id, place.code)
            if series is not None:
                kolada[place.code] = totals(series)
                fetched.append(series.fetched)
        years = sorted({*figure.values, *(y for v in kolada.values() for y in v)})
        tables.append(
            FigureTable(
                figure,
                figure.title,
                figure.unit or (info.unit if info and not info.missing else None),
                where if kolada else [],
                years,
                dict(figure.values),
                kolada,
                max(fetched) if fetched else None,
            )
        )
    return tables


@dataclass(frozen=True)
class Latest:
    """A municipality's latest Kolada value of a key figure: None when it has none."""

    year: int | None
    value: float | None


@dataclass(frozen=True)
class RegionalFigures:
    """The key figures the region's local plans follow, each municipality's latest
    Kolada value side by side (the regional compilation)."""

    figures: list[tuple[str, str, str | None]]
    """(Kolada id, title, unit), in the order the plans name them."""
    rows: list[tuple[str, list[Latest]]]
    """(municipality, its latest value of each figure)."""
    fetched: date | None


def latest(values: dict[int, float | None]) -> Latest:
    known = [year for year, value in values.items() if value is not None]
    return Latest(max(known), values[max(known)]) if known else Latest(None, None)


def regional_figures(local_plans: list[tuple[object, Path]]) -> RegionalFigures | None:
    """From (local plan, its file) pairs: None when no plan has a code and a cache."""
    from .kolada.cache import read_series

    figures: dict[str, tuple[str, str, str | None]] = {}
    for plan, _ in local_plans:
        for figure in plan.key_figures:
            figures.setdefault(figure.kolada_id, (figure.kolada_id, figure.title, figure.unit))
    rows, fetched = [], []
    for plan, path in local_plans:
        code = municipality_code(plan)
        row = []
        for kpi in figures:
            series = read_series(cache_folder(path), kpi, code) if code else None
            row.append(latest(totals(series)) if series else Latest(None, None))
            if series:
                fetched.append(series.fetched)
        rows.append((plan.municipality, row))
    if not fetched:
        return None
    return RegionalFigures(list(figures.values()), rows, max(fetched))
