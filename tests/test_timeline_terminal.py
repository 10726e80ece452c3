"""The terminal timeline at any width, its titles and periods in words, Mermaid names
cut after whole words, and counts with their nouns in the right number (issue 13)."""

from __future__ import annotations

import io
import re
import sys
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from conftest import PROJECT, REPO, Result
from rich.cells import cell_len
from rich.console import Console

from dialogkit.checking import load_plan
from dialogkit.entry import main
from dialogkit.formatting import plural
from dialogkit.render.timeline import render_terminal, shorten_titles
from dialogkit.timeline import build_timeline

PLANS = ["vastmanland-nara-vard", "lekeberg-kommunikationsplan-2023", "leksand-lokal-plan"]
TODAY = date(2023, 5, 1)
ISO = re.compile(r"\d{4}-\d{2}")


@cache
def _timeline(folder: Path, name: str):
    """Built once per plan: the tests only read it."""
    return build_timeline(load_plan(folder / f"{name}.yaml").plan)


def _draw(timeline, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, highlight=False, soft_wrap=True)
    render_terminal(timeline, TODAY, console)
    return console.file.getvalue()


def _rows(text: str) -> list[list[str]]:
    """The table's rows as cells; a row is one line whatever the layout."""
    lines = [line.replace("┃", "│").strip() for line in text.splitlines()]
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in lines if "│" in line]


@pytest.fixture
def run_at(capsys, monkeypatch):
    """`dialogkit ARGS...` on a console `width` columns wide."""

    def invoke(width: int, *args: str | Path) -> Result:
        monkeypatch.setattr(sys, "argv", ["dialogkit", *map(str, args)])
        monkeypatch.setenv("COLUMNS", str(width))
        try:
            main()
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("name", PLANS)
def test_every_line_fits_and_every_item_is_one_line(name, width):
    timeline = _timeline(REPO / "plans", name)
    text = _draw(timeline, width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    months = len({(item.start.year, item.start.month) for item in timeline.items})
    rows = _rows(text)
    assert len(rows) == 1 + months + len(timeline.items)  # header, month headings, items
    for item in timeline.items:
        assert any(row[1] == item.when for row in rows), item.when


def test_wide_consoles_get_a_column_per_month_narrow_ones_a_strip():
    vastmanland = _timeline(REPO / "plans", "vastmanland-nara-vard")
    header = _rows(_draw(vastmanland, 200))[0]
    assert header[3:] == ["dec", "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug"]
    assert _rows(_draw(vastmanland, 80))[0][3:] == ["DJFMAMJJA"]
    lekeberg = _rows(_draw(_timeline(REPO / "plans", "lekeberg-kommunikationsplan-2023"), 80))
    assert lekeberg[0][3] == "JFMA▼JJASOND"  # today, 1 May 2023, marked
    hr = next(row for row in lekeberg if "HR-avdelningen" in row[0])
    assert hr[3] == "····┊··█████"  # August to December, today's month marked
    # 29 months leave no room for a chart beside readable titles at 80 columns
    leksand = _rows(_draw(_timeline(REPO / "plans", "leksand-lokal-plan"), 80))
    assert leksand[0] == ["Vad", "När", "Status"]


@pytest.mark.slow
def test_the_command_fits_an_80_column_terminal(run_at):
    result = run_at(80, "timeline", REPO / "plans" / "vastmanland-nara-vard.yaml")
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    assert "Dialog Skinnskatteberg" in result.stdout


@pytest.mark.parametrize("width", [80, 120, 200])
def test_lekeberg_titles_stay_distinct(width):
    timeline = _timeline(REPO / "plans", "lekeberg-kommunikationsplan-2023")
    titles = [row[0] for row in _rows(_draw(timeline, width))[1:] if row[1]]
    assert len(titles) == len(timeline.items) == 8
    assert len(set(titles)) == 8, titles
    departments = ["HR-avdelningen", "Ekonomiavdelningen", "Måltidsenheten", "Administrations"]
    for department in departments:
        assert sum(department in title for title in titles) == 1, (department, titles)


def test_titles_that_read_alike_when_cut_are_told_apart():
    same_start = [
        "Processledare informerar förvaltningen/HR om omställningen och ger stöd.",
        "Processledare informerar förvaltningen/Ekonomi om omställningen och ger stöd.",
    ]
    assert shorten_titles(same_start, ["a", "b"], 30) == [
        "Processledare …HR om…",
        "Processledare …Ekonomi om…",
    ]
    # the same first sentence: the rest of the title shows when it fits
    assert shorten_titles(["Frågor. Del 1", "Frågor. Del 2", "Frågor"], ["a", "b", "c"], 30) == [
        "Frågor. Del 1",
        "Frågor. Del 2",
        "Frågor",
    ]
    # nothing tells them apart within the width: the id does
    long = ["x" * 40 + "1", "x" * 40 + "2"]
    assert shorten_titles(long, ["ett", "två"], 12) == ["xxxxx… (ett)", "xxxxx… (två)"]
    # the same title twice (two test dialogues in one town) stays the same
    assert shorten_titles(["Test", "Test"], ["a", "b"], 30) == ["Test", "Test"]
    # a title written over several lines is shown on one
    assert shorten_titles(["Rad ett\nrad två"], ["a"], 30) == ["Rad ett rad två"]


@pytest.mark.parametrize(
    ("folder", "name", "expected"),
    [
        ("plans", "vastmanland-nara-vard", ["13 april 2021 18.00–20.00", "april–maj 2021"]),
        ("plans", "lekeberg-kommunikationsplan-2023", ["hösten 2023", "juni–september 2023"]),
        ("plans", "leksand-lokal-plan", ["mars 2023 – december 2024", "2023", "våren 2024"]),
        ("tests/english", "vastmanland-nara-vard", ["13 April 2021 18:00–20:00", "April–May 2021"]),
        ("tests/english", "lekeberg-kommunikationsplan-2023", ["August–December 2023"]),
        ("tests/english", "leksand-lokal-plan", ["March 2023 – December 2024", "2023"]),
    ],
)
def test_when_is_told_in_words(folder, name, expected):
    timeline = _timeline(REPO / folder, name)
    whens = {item.when for item in timeline.items}
    assert not [when for when in whens if ISO.search(when)]
    assert set(expected) <= whens
    rows = _rows(_draw(timeline, 200))
    assert not [row for row in rows if ISO.search(row[1])]


def test_markdown_when_is_in_words(run):
    result = run("timeline", REPO / "plans" / "leksand-lokal-plan.yaml", "-f", "markdown")
    assert "(mars 2023 – december 2024)" in result.stdout
    assert not ISO.search(result.stdout)


def test_mermaid_names_end_after_a_whole_word(run, write):
    words = "Processledare informerar Kommunstyrelseförvaltningen om omställningsarbetet"
    long_title = f"{words} och ger stöd vid efterfrågan med implementeringen av arbetet"
    text = PROJECT.replace("{task: Frågor,", f"{{task: '{long_title}',")
    result = run("timeline", write(text), "--format", "mermaid", "--today", "2021-01-01")
    line = next(line for line in result.stdout.splitlines() if "Processledare" in line)
    name = line.strip().split(" :")[0]
    assert len(name) <= 80
    assert name.endswith("…")
    shown = name.removesuffix("…").split()
    assert shown == long_title.split()[: len(shown)]  # whole words, none cut inside


def test_plural_picks_the_word_for_the_count():
    assert plural(1, "fil", "filer") == "1 fil"
    assert plural(0, "fil", "filer") == "0 filer"
    assert plural(2, "fil", "filer") == "2 filer"


def test_check_summary_counts_plans_and_warnings(run, write):
    one = write(PROJECT.replace("date: 2021-04-13", "date: 2021-04-17"), "plans/a.yaml")
    result = run("plan", "check", one)
    assert "1 plan kontrollerad: 0 fel, 1 varning." in result.stdout
    other = PROJECT.replace("id: testprojekt", "id: annat")  # on other days: no one
    write(other.replace("date: 2021-04-15", "date: 2021-04-16"), "plans/b.yaml")  # twice
    result = run("plan", "check", one.parent)
    assert "2 planer kontrollerade: 0 fel, 1 varning." in result.stdout


@pytest.mark.slow
def test_fmt_summary_counts_plans(run, write):
    path = write(PROJECT.replace("kind: dialogue_project", "kind:   dialogue_project"))
    result = run("plan", "fmt", path)
    assert "1 plan, 1 formaterad, 0 med fel." in result.stdout
    result = run("plan", "fmt", path)
    assert "1 plan, 0 formaterade, 0 med fel." in result.stdout


@pytest.mark.parametrize(
    ("today", "note"), [("2021-01-05", "1 försenad."), ("2021-04-14", "2 försenade.")]
)
def test_overdue_count_agrees_with_its_number(run, write, today, note):
    result = run("timeline", write(PROJECT), "--today", today)
    assert result.stdout.rstrip().endswith(note)


def test_overdue_count_in_english(run):
    plan = REPO / "tests" / "english" / "leksand-lokal-plan.yaml"
    result = run("timeline", plan, "--today", "2025-02-01")
    assert result.stdout.rstrip().endswith("3 overdue.")
    assert "försen" not in result.stdout


@pytest.mark.slow
def test_written_files_are_counted(run, write, tmp_path):
    out = tmp_path / "ut"
    result = run("invite", write(PROJECT), "-d", "sala", "-c", "web", "--out", out)
    assert result.exit_code == 0, result.stderr
    written = len([path for path in out.rglob("*") if path.is_file()])
    assert f"Skrev {plural(written, 'fil', 'filer')} i {out}/." in result.stderr
