"""Rules that compare a local plan's key figures with the Kolada cache (issue 18).

They only read the cache `dialogkit keyfigures fetch` wrote; without a cache, or for
a plan without `municipality_code`, they say nothing. The plan's values are never
changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..findings import Text
from ..formatting import format_number
from ..keyfigures import TOTAL, cache_folder, municipality_code, places
from ..words import words
from .registry import Hit, rule

KIND = "local_plan"


def _cache(plan, workspace) -> Path | None:
    """The plan's Kolada cache folder, if the plan has a code and the cache exists."""
    if not municipality_code(plan) or not plan.key_figures:
        return None
    path = next((loaded.path for loaded in workspace.plans if loaded.plan is plan), None)
    if path is None:
        return None
    folder = cache_folder(path)
    return folder if folder.is_dir() else None


def _number(value: float | None, language: str) -> str:
    if value is None:
        return words(language)["kolada.missing"]
    return format_number(value, language)


@rule("DK243", KIND)
def differs_from_kolada(plan, workspace) -> Iterator[Hit]:
    root = _cache(plan, workspace)
    if root is None:
        return
    from ..kolada.cache import read_series

    code = municipality_code(plan)
    for i, figure in enumerate(plan.key_figures):
        series = read_series(root, figure.kolada_id, code)
        if series is None:
            continue
        for year, own in figure.values.items():
            theirs = series.values.get((year, TOTAL))
            if theirs is None or abs(theirs - own) < 1e-9:
                continue
            day = series.fetched.isoformat()
            yield Hit(
                ("key_figures", i, "values", year),
                Text(
                    f"{figure.kolada_id} {year}: planen har {_number(own, 'sv')}, Kolada "
                    f"{_number(theirs, 'sv')} (hämtat {day}).",
                    f"{figure.kolada_id} {year}: the plan has {_number(own, 'en')}, Kolada "
                    f"{_number(theirs, 'en')} (fetched {day}).",
                ),
                Text(
                    "Rätta planens värde om Koladas är det rätta; dialogkit ändrar det aldrig.",
                    "Correct the plan's value if Kolada's is right; dialogkit never changes it.",
                ),
            )


@rule("DK244", KIND)
def revised_by_kolada(plan, workspace) -> Iterator[Hit]:
    root = _cache(plan, workspace)
    if root is None:
        return
    from ..kolada.cache import read_series

    for i, figure in enumerate(plan.key_figures):
        for place in places(plan):
            series = read_series(root, figure.kolada_id, place.code)
            if series is None or not series.previous or series.previous_fetched is None:
                continue
            for (year, gender), old in sorted(series.previous.items()):
                if gender != TOTAL or (year, gender) not in series.values:
                    continue
                new = series.values[(year, gender)]
                if old == new:
                    continue
                before, now = series.previous_fetched.isoformat(), series.fetched.isoformat()
                path = (
                    ("key_figures", i, "values", year)
                    if year in figure.values
                    else ("key_figures", i, "kolada_id")
                )
                yield Hit(
                    path,
                    Text(
                        f"Kolada har ändrat {figure.kolada_id} för {place.name} {year}: "
                        f"{_number(old, 'sv')} (hämtat {before}) är nu {_number(new, 'sv')} "
                        f"(hämtat {now}).",
                        f"Kolada revised {figure.kolada_id} for {place.name} {year}: "
                        f"{_number(old, 'en')} (fetched {before}) is now {_number(new, 'en')} "
                        f"(fetched {now}).",
                    ),
                    Text(
                        "Kontrollera värdet och tidigare rapporter som visar det.",
                        "Check the value and earlier reports that show it.",
                    ),
                )


@rule("DK245", KIND)
def kpi_missing(plan, workspace) -> Iterator[Hit]:
    root = _cache(plan, workspace)
    if root is None:
        return
    from ..kolada.cache import read_kpi

    for i, figure in enumerate(plan.key_figures):
        info = read_kpi(root, figure.kolada_id)
        if info is not None and info.missing:
            day = info.fetched.isoformat()
            yield Hit(
                ("key_figures", i, "kolada_id"),
                Text(
                    f"Kolada har inget nyckeltal {figure.kolada_id} (hämtat {day}).",
                    f"Kolada has no key figure {figure.kolada_id} (fetched {day}).",
                ),
                Text(
                    "Sök nyckeltalet på kolada.se och rätta kolada_id.",
                    "Search for the key figure on kolada.se and correct kolada_id.",
                ),
            )


@rule("DK246", KIND)
def not_fetched(plan, workspace) -> Iterator[Hit]:
    """Only once the workspace has a Kolada cache: a plan never fetched is not noisy."""
    root = _cache(plan, workspace)
    if root is None:
        return
    from ..kolada.cache import read_kpi, read_series

    code = municipality_code(plan)
    for i, figure in enumerate(plan.key_figures):
        info = read_kpi(root, figure.kolada_id)
        if info is None and read_series(root, figure.kolada_id, code) is None:
            yield Hit(
                ("key_figures", i, "kolada_id"),
                Text(
                    f"{figure.kolada_id} har inga hämtade värden från Kolada ännu.",
                    f"{figure.kolada_id} has no values fetched from Kolada yet.",
                ),
                Text("Kör dialogkit keyfigures fetch.", "Run dialogkit keyfigures fetch."),
            )
