"""The workspace's cache of what Kolada gave: `<workspace>/.dialogkit/cache/kolada/`.

The contract (shared with the reports, which only read it):
- `kpi/<KPI>.json`: id, title, description, unit, fetched, missing;
- `data/<KPI>/<CODE>.json`: kpi, municipality, fetched, values, previous_fetched,
  previous_values. Each value is {year, gender, value, count, status}; value null
  means Kolada has the year but no value ("saknas", never 0).

`previous_values` are always the values of the fetch before (and `previous_fetched`
its date), null after the first fetch: comparing the two shows what Kolada revised
since the last fetch, and a refetch that changes nothing leaves nothing to report.
Files are JSON, UTF-8, indent 1, sorted keys, written atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..output import write_atomic
from ..settings import workspace_root

CACHE_FOLDER = Path(".dialogkit", "cache", "kolada")


@dataclass(frozen=True)
class KpiInfo:
    id: str
    title: str | None
    description: str | None
    unit: str | None
    fetched: date
    missing: bool


@dataclass(frozen=True)
class Series:
    kpi: str
    municipality: str
    fetched: date
    values: dict[tuple[int, str], float | None]
    """(year, gender) -> value; gender "T" total, "K" women, "M" men."""
    previous_fetched: date | None
    previous: dict[tuple[int, str], float | None] | None


def cache_root(place: Path) -> Path:
    """The Kolada cache folder for a plan file or folder: in its workspace, else
    beside the plans."""
    place = Path(place).resolve()
    folder = place if place.is_dir() else place.parent
    return (workspace_root(place) or folder) / CACHE_FOLDER


def kpi_path(root: Path, kpi_id: str) -> Path:
    return root / "kpi" / f"{kpi_id}.json"


def series_path(root: Path, kpi_id: str, code: str) -> Path:
    return root / "data" / kpi_id / f"{code}.json"


def read_kpi(root: Path, kpi_id: str) -> KpiInfo | None:
    """The cached metadata of `kpi_id`; None when it was never fetched."""
    path = kpi_path(root, kpi_id)
    record = read_record(path)
    if record is None:
        return None
    try:
        return KpiInfo(
            id=record["id"],
            title=record.get("title"),
            description=record.get("description"),
            unit=record.get("unit"),
            fetched=date.fromisoformat(record["fetched"]),
            missing=bool(record.get("missing")),
        )
    except (KeyError, TypeError, ValueError):
        raise _unreadable(path) from None


def read_series(root: Path, kpi_id: str, code: str) -> Series | None:
    """The cached values of `kpi_id` for municipality/region `code`; None when never
    fetched."""
    path = series_path(root, kpi_id, code)
    record = read_record(path)
    if record is None:
        return None
    try:
        previous = record.get("previous_values")
        previous_fetched = record.get("previous_fetched")
        return Series(
            kpi=record["kpi"],
            municipality=record["municipality"],
            fetched=date.fromisoformat(record["fetched"]),
            values=_by_year_and_gender(record["values"]),
            previous_fetched=date.fromisoformat(previous_fetched) if previous_fetched else None,
            previous=None if previous is None else _by_year_and_gender(previous),
        )
    except (KeyError, TypeError, ValueError):
        raise _unreadable(path) from None


def read_record(path: Path) -> dict | None:
    """The JSON object in a cache file; None when there is no file."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise _unreadable(path) from None
    if not isinstance(record, dict):
        raise _unreadable(path)
    return record


def write_record(path: Path, record: dict) -> None:
    """Write one cache file atomically, in the contract's layout."""
    text = json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(path, text)


def _by_year_and_gender(values: list[dict]) -> dict[tuple[int, str], float | None]:
    return {
        (int(item["year"]), str(item["gender"])): (
            None if item["value"] is None else float(item["value"])
        )
        for item in values
    }


def _unreadable(path: Path) -> UsageError:
    return UsageError(
        f"Kolada-cachen går inte att läsa: {path}.",
        hint="Ta bort filen och hämta igen med dialogkit keyfigures fetch --refresh.",
        english=(
            f"The Kolada cache cannot be read: {path}.",
            "Delete the file and fetch again with dialogkit keyfigures fetch --refresh.",
        ),
    )
