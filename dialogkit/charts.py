"""A small line chart per key figure (municipality, region, riket over the years),
and its alternative text, which states the trend in words.

matplotlib is an optional extra (`pip install 'dialogkit[charts]'`): it is imported
only here, with the Agg backend, and without it the report has the table and a line
saying what to install. The PNG carries no software or date metadata, so a rebuilt
report is the same file."""

from __future__ import annotations

import io
import math

from .formatting import format_number

STEADY = 0.01
"""A change below 1 % of the first value is "steady"."""

WORDS = {
    "sv": {
        "up": "{place} ökade från {first} {start} till {last} {end}",
        "down": "{place} minskade från {first} {start} till {last} {end}",
        "steady": "{place} låg still kring {last}",
        "one": "{place} hade {last} {end}",
        "none": "Diagrammet har inga värden.",
        "chart": "Linjediagram",
    },
    "en": {
        "up": "{place} rose from {first} in {start} to {last} in {end}",
        "down": "{place} fell from {first} in {start} to {last} in {end}",
        "steady": "{place} stayed around {last}",
        "one": "{place} had {last} in {end}",
        "none": "The chart has no values.",
        "chart": "Line chart",
    },
}


def available() -> bool:
    """Is matplotlib installed? Found without importing it (that takes a second)."""
    from importlib.util import find_spec

    return find_spec("matplotlib") is not None


def _with_unit(value: float, unit: str | None, language: str) -> str:
    number = format_number(round(value, 1), language)
    return f"{number} {unit}" if unit else number


def alt_text(
    title: str,
    unit: str | None,
    lines: list[tuple[str, dict[int, float | None]]],
    language: str,
) -> str:
    """The trend of each line in words: "Leksand ökade från 88 % 2021 till 91 % 2023;
    Riket låg still kring 90 %"."""
    words = WORDS[language]
    parts = []
    for place, values in lines:
        known = sorted((year, value) for year, value in values.items() if value is not None)
        if not known:
            continue
        (start, first), (end, last) = known[0], known[-1]
        fields = {
            "place": place,
            "first": _with_unit(first, unit, language),
            "last": _with_unit(last, unit, language),
            "start": start,
            "end": end,
        }
        if start == end:
            key = "one"
        elif abs(last - first) <= STEADY * max(abs(first), 1e-9):
            key = "steady"
            fields["last"] = _with_unit((first + last) / 2, unit, language)
        else:
            key = "up" if last > first else "down"
        parts.append(words[key].format(**fields))
    if not parts:
        return f"{words['chart']}: {title}. {words['none']}"
    return f"{words['chart']}: {title}. " + "; ".join(parts).rstrip(".") + "."


def line_chart(
    title: str, unit: str | None, years: list[int], lines: list[tuple[str, dict]]
) -> bytes:
    """A PNG of the lines over `years`; a missing value is a gap, never 0."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5.5, 2.6), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for place, values in lines:
        ys = [math.nan if values.get(year) is None else values[year] for year in years]
        axes.plot(years, ys, marker="o", linewidth=1.5, label=place)
    axes.set_xticks(years, [str(year) for year in years])
    axes.set_title(title, fontsize=9)
    if unit:
        axes.set_ylabel(unit, fontsize=8)
    axes.tick_params(labelsize=8)
    axes.grid(True, linewidth=0.3)
    axes.legend(fontsize=7, frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
