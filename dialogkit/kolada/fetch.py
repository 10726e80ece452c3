"""`dialogkit keyfigures fetch`: the key figures of every local plan, from Kolada
into the workspace's cache.

For each key figure (`kolada_id`) of each local plan: the KPI's metadata, and its
values for the plan's municipality (`municipality_code`), the municipality's region
and the whole country ("0000"), per year and gender. What is in the cache is not
asked again, unless `refresh`. Everything is asked first and written at the end, one
file at a time atomically: a run that fails writes nothing.

A KPI Kolada does not know is an error when it was never fetched (most likely a typo
in the plan); one that was fetched before and is gone now is written as missing, and
the reports say so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..errors import UsageError
from ..settings import shown
from ..workspace import load_workspace
from .cache import (
    cache_root,
    kpi_path,
    read_kpi,
    read_record,
    series_path,
    write_record,
)
from .client import Client, KoladaError, malformed

RIKET = "0000"
FIRST_YEAR = 2015


@dataclass
class Fetched:
    """What a run did, for the summary line."""

    kpis_fetched: int = 0
    kpis_cached: int = 0
    series_fetched: int = 0
    series_cached: int = 0
    values: int = 0
    requests: int = 0
    codes: set[str] = field(default_factory=set)
    gone: list[str] = field(default_factory=list)
    """KPIs fetched before that Kolada no longer has."""
    without_code: list[Path] = field(default_factory=list)
    """Local plans without municipality_code: only riket was fetched for them."""
    plans: int = 0


@dataclass
class _Wanted:
    """What one cache folder needs."""

    kpis: dict[str, Path] = field(default_factory=dict)
    """KPI id -> the first plan that names it."""
    pairs: set[tuple[str, str]] = field(default_factory=set)
    years: set[int] = field(default_factory=set)


def region_of(code: str) -> str | None:
    """The region code of a municipality, when the codes are known."""
    try:
        from ..municipalities import municipality
    except ImportError:
        return None
    found = municipality(code)
    return getattr(found, "region_code", None) if found else None


def fetch_key_figures(
    paths: Iterable[Path],
    *,
    years: list[int] | None = None,
    refresh: bool = False,
    client: Client | None = None,
) -> Fetched:
    """Fetch what the local plans under `paths` need into their workspace's cache."""
    client = client or Client()
    result = Fetched()
    wanted: dict[Path, _Wanted] = defaultdict(_Wanted)
    for loaded in load_workspace(paths).plans:
        plan = loaded.plan
        if plan.kind != "local_plan" or not plan.key_figures:
            continue
        result.plans += 1
        need = wanted[cache_root(loaded.path)]
        code = getattr(plan, "municipality_code", None)
        codes = [RIKET]
        if code:
            codes += [code, *filter(None, [region_of(code)])]
        else:
            result.without_code.append(loaded.path)
        span = getattr(plan, "period", None)
        need.years |= set(years or (range(span.start, span.end + 1) if span else _default_years()))
        for figure in plan.key_figures:
            need.kpis.setdefault(figure.kolada_id, loaded.path)
            need.pairs |= {(figure.kolada_id, each) for each in codes}
    today = clock.now().date().isoformat()
    writes: list[tuple[Path, dict]] = []
    for root, need in sorted(wanted.items()):
        writes += _fetch_into(root, need, refresh, client, today, result)
    result.requests = client.requests
    for path, record in writes:
        write_record(path, record)
    return result


def _default_years() -> range:
    return range(FIRST_YEAR, clock.now().year + 1)


def _fetch_into(
    root: Path, need: _Wanted, refresh: bool, client: Client, today: str, result: Fetched
) -> list[tuple[Path, dict]]:
    """The files to write into `root`; nothing is written here."""
    writes: list[tuple[Path, dict]] = []
    asked = sorted(k for k in need.kpis if refresh or read_kpi(root, k) is None)
    result.kpis_cached += len(need.kpis) - len(asked)
    known = {item.get("id"): item for item in client.kpis(asked)} if asked else {}
    gone: set[str] = set()
    for kpi in asked:
        before = read_kpi(root, kpi)
        if kpi in known:
            writes.append((kpi_path(root, kpi), _kpi_record(kpi, known[kpi], today)))
        elif before is not None:
            gone.add(kpi)
            result.gone.append(kpi)
            writes.append((kpi_path(root, kpi), _kpi_record(kpi, None, today)))
        else:
            raise _unknown_kpi(kpi, need.kpis[kpi], client.base)
    result.kpis_fetched += len(asked)
    cached_missing = {k for k in need.kpis if k not in asked and read_kpi(root, k).missing}
    pairs = sorted(
        (kpi, code)
        for kpi, code in need.pairs
        if kpi not in gone | cached_missing
        and (refresh or not series_path(root, kpi, code).is_file())
    )
    result.series_cached += len(need.pairs) - len(pairs)
    if not pairs:
        return writes
    kpis = {kpi for kpi, _ in pairs}
    codes = {code for _, code in pairs}
    answer = client.data(kpis, codes, need.years)
    values = _values_by_pair(answer, client.base)
    for kpi, code in pairs:
        path = series_path(root, kpi, code)
        new = values.get((kpi, code), [])
        writes.append((path, _series_record(kpi, code, new, read_record(path), need.years, today)))
        result.values += len(new)
        result.codes.add(code)
    result.series_fetched += len(pairs)
    return writes


def _kpi_record(kpi: str, found: dict | None, today: str) -> dict:
    def text(key: str) -> str | None:
        value = found.get(key) if found else None
        return value if isinstance(value, str) and value.strip() else None

    return {
        "id": kpi,
        "title": text("title"),
        "description": text("description"),
        "unit": text("unit"),
        "fetched": today,
        "missing": found is None,
    }


def _values_by_pair(answer: list[dict], url: str) -> dict[tuple[str, str], list[dict]]:
    """Kolada's data items as the cache's values, per (KPI, municipality)."""
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    try:
        for item in answer:
            for value in item["values"]:
                number = value.get("value")
                found[str(item["kpi"]), str(item["municipality"])].append(
                    {
                        "year": int(item["period"]),
                        "gender": str(value.get("gender") or "T"),
                        "value": None if number is None else float(number),
                        "count": value.get("count"),
                        "status": value.get("status") or None,
                    }
                )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise malformed(url, "values") from None
    return found


def _series_record(
    kpi: str, code: str, values: list[dict], before: dict | None, years: set[int], today: str
) -> dict:
    """The new file: the values fetched now, plus those of other years kept from the
    fetch before; that fetch's values become `previous_values`."""
    kept = [v for v in (before or {}).get("values", []) if v.get("year") not in years]
    return {
        "kpi": kpi,
        "municipality": code,
        "fetched": today,
        "values": sorted(kept + values, key=lambda v: (v["year"], v["gender"])),
        "previous_fetched": before.get("fetched") if before else None,
        "previous_values": before.get("values") if before else None,
    }


def _unknown_kpi(kpi: str, plan: Path, base: str) -> KoladaError:
    line = _line_of(plan, kpi)
    where = f"{shown(plan)}{f', rad {line}' if line else ''}"
    where_en = f"{shown(plan)}{f', line {line}' if line else ''}"
    return KoladaError(
        f"Kolada har inget nyckeltal {kpi} ({where}; {base}/kpi/{kpi} gav en tom lista).",
        hint="Kontrollera kolada_id i planen mot kolada.se; inget hämtades eller skrevs.",
        english=(
            f"Kolada has no key figure {kpi} ({where_en}; {base}/kpi/{kpi} gave an empty list).",
            "Check the plan's kolada_id against kolada.se; nothing was fetched or written.",
        ),
    )


def _line_of(path: Path, text: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((n for n, line in enumerate(lines, start=1) if text in line), None)


def parse_years(text: str | None) -> list[int] | None:
    """`--years`: "2021-2026", "2023" or "2021,2023"; None when not given."""
    if not text:
        return None
    years: set[int] = set()
    try:
        for part in text.replace(" ", "").split(","):
            first, _, last = part.partition("-")
            start, end = int(first), int(last or first)
            if not (1990 <= start <= end <= 2100):
                raise ValueError
            years |= set(range(start, end + 1))
    except ValueError:
        raise UsageError(
            f"--years {text}: inte ett år eller ett spann av år.",
            hint="Skriv t.ex. --years 2021-2026 eller --years 2023.",
            english=(
                f"--years {text}: not a year or a span of years.",
                "Write e.g. --years 2021-2026 or --years 2023.",
            ),
        ) from None
    return sorted(years)
