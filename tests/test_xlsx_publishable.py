"""The cost and workload workbooks and the CSV files can be handed out as they are
(issue 13): print setup, formatting, valid sheet names, one budget cell, stored
formula values, test dialogues as in Markdown, and CSV values in the plan's words.

Every workbook is made through the CLI and read back with openpyxl."""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import COMMUNICATION, PROJECT, REPO
from test_cost import _evaluate

from dialogkit.entry import main
from dialogkit.render.workbook import money_format

EPOCH = "1767225600"  # 2026-01-01
VASTMANLAND = REPO / "plans" / "vastmanland-nara-vard.yaml"
LEKEBERG = REPO / "plans" / "lekeberg-kommunikationsplan-2023.yaml"
ENGLISH = REPO / "tests" / "english"
LONG_SCENARIO = "Fysiska dialoger med billigare lokaler (kommunala lokaler utan hyra)"

TEST_DIALOGUES = """dialogues:
  - id: gratis-test
    municipality: Sala
    format: digital
    test: true
    date: 2021-02-16
    start: "10:00"
    end: "11:00"
    digital: {link: 'https://x.example', registration_email: a@example.se}
    members: [anna, bo]
    costs: {fees: 0}
  - id: betald-test
    municipality: Köping
    format: digital
    test: true
    date: 2021-02-23
    start: "10:00"
    end: "11:00"
    digital: {link: 'https://x.example', registration_email: a@example.se}
    members: [anna, bo]
    costs: {refreshments: 300}
"""
"""A free test dialogue and one with a cost, put before the test project's dialogues."""


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def make(run, plan: Path, out: Path, fmt: str = "xlsx", *extra) -> Path:
    result = run("cost", plan, "--format", fmt, "--out", out, *extra)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def example_books(tmp_path_factory) -> dict[str, Path]:
    """The example workspace's cost and workload workbooks, each made once by its
    command (`dialogkit cost`) for the tests of this module that only read them."""
    out = tmp_path_factory.mktemp("books")
    books = {"cost": out / "kostnad.xlsx", "workload": out / "arbetsbelastning.xlsx"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for plan, path in [(VASTMANLAND, books["cost"]), (LEKEBERG, books["workload"])]:
            patch.setattr(
                sys, "argv", ["dialogkit", "cost", str(plan), "-f", "xlsx", "-o", str(path)]
            )
            with contextlib.redirect_stderr(io.StringIO()), pytest.raises(SystemExit) as exit:
                main()
            assert exit.value.code in (0, None)
    return books


@functools.cache
def read(path: Path, data_only: bool = False):
    """A workbook of `example_books`, loaded once; tests that change one load their own."""
    return openpyxl.load_workbook(path, data_only=data_only)


@pytest.fixture
def cost_book(example_books) -> Path:
    return example_books["cost"]


@pytest.fixture
def workload_book(example_books) -> Path:
    return example_books["workload"]


HEADER = 3
"""Every table's header row, under the title and an empty row."""


# --- printing ---------------------------------------------------------------------------


def assert_prints_well(book, title: str, page_words: str, date_text: str) -> None:
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert setup.fitToWidth in (None, 1)  # one page wide (1 is the file format's default)
        assert setup.fitToHeight == 0  # as many pages down as it takes
        assert setup.paperSize == 9  # A4
        assert sheet.print_title_rows == "$3:$3"
        assert sheet.oddHeader.left.text == title
        assert sheet.oddHeader.right.text == date_text
        assert sheet.oddFooter.left.text == "&A"  # the sheet's name
        assert sheet.oddFooter.right.text == page_words


def test_cost_workbook_prints_one_page_wide_with_title_date_and_page(cost_book):
    assert_prints_well(
        read(cost_book),
        "Kostnadsberäkning: Invånardialog Nära vård",
        "Sida &P av &N",
        "1 januari 2026",
    )


def test_workload_workbook_prints_one_page_wide_with_title_date_and_page(workload_book):
    title = read(workload_book).active["A1"].value
    assert title.startswith("Arbetsbelastning: ")
    assert_prints_well(read(workload_book), title, "Sida &P av &N", "1 januari 2026")


@pytest.mark.slow
def test_an_ampersand_in_the_title_is_text_in_the_page_header(run, write, tmp_path):
    plan = write(PROJECT.replace("title: Invånardialog Nära vård", "title: Vård & omsorg &P"))
    book = openpyxl.load_workbook(make(run, plan, tmp_path / "k.xlsx"))
    header = book.worksheets[0].oddHeader.left.text
    assert header == "Kostnadsberäkning: Vård && omsorg &&P"  # && is a literal &


# --- formatting -------------------------------------------------------------------------


def test_tables_have_a_font_header_fill_borders_freeze_panes_and_autofilter(cost_book):
    book = read(cost_book)
    plan = book["Planen"]
    for sheet in book.worksheets:
        for cell in sheet[HEADER]:
            if cell.value is None:
                continue
            assert cell.font.b and cell.font.name == "Arial"
            assert (cell.fill.fill_type, cell.fill.fgColor.rgb) == ("solid", "FFDDE6F0")
            assert cell.border.bottom.style == "thin"
    arboga = next(row for row in plan.iter_rows() if row[0].value == "Arboga")
    assert {c.font.name for c in arboga} == {"Arial"}
    assert {c.border.left.style for c in arboga} == {"thin"}
    assert book["Jämförelse"].freeze_panes == "B4"
    assert plan.freeze_panes == "A4"
    # the filter covers the header and the dialogue rows, not the totals under them
    last_dialogue = next(r for r in plan.iter_rows() if r[0].value == "Summa dialoger")[0].row - 1
    assert plan.auto_filter.ref == f"A3:H{last_dialogue}"
    assert plan.cell(last_dialogue, 1).value == "Västerås"


def test_money_shows_spaces_between_thousands_in_every_locale(cost_book):
    """The spaces are literal ("\\ "), not Excel's locale-dependent "," separator."""
    plan = read(cost_book)["Planen"]
    arboga = next(row for row in plan.iter_rows() if row[0].value == "Arboga")
    formats = {cell.number_format for cell in arboga[3:]}
    assert formats == {money_format("sv")}
    assert money_format("sv") == r'#\ ###\ ##0\ "kr";-#\ ###\ ##0\ "kr"'
    assert "," not in money_format("sv")


def test_workload_has_a_title_and_leaves_empty_months_blank(workload_book):
    sheet = read(workload_book).active
    assert sheet["A1"].value == "Arbetsbelastning: Nära vård – Hälsa tillsammans"
    assert sheet["A1"].font.b
    assert sheet["A3"].value == "Ansvarig"
    ellinor = next(row for row in sheet.iter_rows() if row[0].value == "Ellinor Hailee")
    hours = [cell.value for cell in ellinor[1:-1]]
    assert hours.count(None) == len(hours) - 1  # only June has hours
    assert 8 in hours and 0 not in hours
    assert sheet.freeze_panes == "B4"
    # a zero total shows as nothing either: the format's third section is empty
    assert {c.number_format for c in ellinor[1:]} == {"0.0;-0.0;"}


# --- sheet names ------------------------------------------------------------------------


def assert_valid_sheet_names(names: list[str]) -> None:
    assert len({name.casefold() for name in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31, name
        assert name == name.strip(), name
        assert not re.search(r"[\[\]:*?/\\]", name), name
        assert not name.startswith("'") and not name.endswith("'"), name
        assert name.casefold() != "history"


def test_a_long_scenario_title_is_cut_at_a_word_and_shown_whole_in_its_sheet(cost_book):
    book = read(cost_book)
    names = book.sheetnames
    assert names == [
        "Jämförelse",
        "Planen",
        "Alla digitala",
        "Alla fysiska",
        "Fysiska dialoger med billigare…",
    ]
    assert_valid_sheet_names(names)
    assert book.worksheets[4]["A1"].value == f"Invånardialog Nära vård: {LONG_SCENARIO}"
    assert book.worksheets[0]["E3"].value == LONG_SCENARIO


@pytest.mark.slow
@pytest.mark.parametrize(
    "titles",
    [
        [
            "Digitala dialoger i alla kommuner utom Sala",
            "Digitala dialoger i alla kommuner utom Köping",
        ],
        ["a" * 40, "a" * 40 + "b"],
        ["Jämförelse", "Planen", "  planen  "],
        ["History", "Tre ord: [här]/där?"],
    ],
)
def test_sheet_names_stay_valid_and_unique(run, write, tmp_path, titles):
    scenarios = "".join(
        f"    - {{id: s{n}, title: '{title}', format: digital}}\n" for n, title in enumerate(titles)
    )
    plan = write(
        PROJECT.replace("  budget: 40000\n", f"  budget: 40000\n  scenarios:\n{scenarios}")
    )
    args = [arg for n in range(len(titles)) for arg in ("-s", f"s{n}")]
    book = openpyxl.load_workbook(make(run, plan, tmp_path / "k.xlsx", "xlsx", *args))
    assert_valid_sheet_names(book.sheetnames)
    assert len(book.sheetnames) == 2 + len(titles)
    for sheet, title in zip(book.worksheets[2:], titles, strict=True):
        assert sheet["A1"].value.endswith(": " + title)  # the whole title, in the sheet


# --- formulas ---------------------------------------------------------------------------


def formulas(book) -> list[tuple[str, str, str]]:
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


@pytest.mark.slow
def test_the_budget_is_typed_once_and_every_budget_cell_refers_to_it(cost_book):
    book = openpyxl.load_workbook(cost_book)
    typed = [
        (sheet.title, cell.coordinate)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == 110_000 and cell.data_type == "n"
    ]
    assert typed == [("Planen", typed[0][1])]
    budget = f"'Planen'!{typed[0][1]}"
    for sheet in book.worksheets[2:]:
        row = next(r for r in sheet.iter_rows() if r[0].value == "Budget")
        assert row[-1].value == f"={budget}"
    # a new budget in that one cell changes what is left on every sheet
    book["Planen"][typed[0][1]].value = 200_000
    compare = book["Jämförelse"]
    left = next(r for r in compare.iter_rows() if r[0].value == "Kvar av budgeten")
    assert [_evaluate(book, compare.title, c.coordinate) for c in left[1:]] == [
        90_000,
        140_000,
        90_000,
        105_000,
    ]


def assert_values_stored(path: Path) -> None:
    """Every formula's stored value is what the formula gives."""
    book = openpyxl.load_workbook(path)
    stored = openpyxl.load_workbook(path, data_only=True)
    found = formulas(book)
    assert found
    for sheet, coordinate, formula in found:
        value = stored[sheet][coordinate].value
        assert value is not None, (sheet, coordinate, formula)
        assert value == pytest.approx(_evaluate(book, sheet, coordinate)), (sheet, coordinate)


@pytest.mark.slow
def test_every_stored_value_is_what_its_formula_gives(cost_book, workload_book):
    assert_values_stored(cost_book)
    assert_values_stored(workload_book)


def test_viewers_that_do_not_calculate_see_the_totals(cost_book, workload_book):
    compare = read(cost_book, data_only=True)["Jämförelse"]
    rows = {row[0].value: [c.value for c in row[1:]] for row in compare.iter_rows(min_row=4)}
    assert rows["Totalt"] == [110_000, 60_000, 110_000, 95_000]
    assert rows["Kvar av budgeten"] == [0, 50_000, 0, 15_000]
    load = read(workload_book, data_only=True).active
    total = next(row for row in load.iter_rows() if row[0].value == "Summa")
    assert total[-1].value == pytest.approx(66)


@pytest.mark.slow
def test_test_dialogues_are_shown_as_in_markdown(run, write, tmp_path):
    """A free test dialogue is left out, one with a cost is shown and counted, in the
    workbook as in the Markdown table."""
    plan = write(PROJECT.replace("dialogues:\n", TEST_DIALOGUES, 1))
    book = openpyxl.load_workbook(make(run, plan, tmp_path / "k.xlsx"), data_only=True)
    sheet = book["Planen"]
    names = [sheet.cell(row, 1).value for row in range(4, 4 + 3)]
    assert names == ["Köping (test)", "Sala", "Köping"]
    assert sheet["A7"].value == "Summa dialoger" and sheet["H7"].value == 300 + 9000 + 4000
    markdown = make(run, plan, tmp_path / "k.md", "markdown").read_text("utf-8")
    table = [line.split(" | ")[0].lstrip("| ") for line in markdown.splitlines()[4:8]]
    assert table == [*names, "**Summa dialoger**"]


# --- properties and bytes ---------------------------------------------------------------


@pytest.mark.slow
def test_document_properties_and_reproducible_bytes(run, cost_book, workload_book, tmp_path):
    cost = openpyxl.load_workbook(cost_book).properties
    assert cost.title == "Kostnadsberäkning: Invånardialog Nära vård"
    assert cost.creator == "Sara Fredin, Region Västmanland"
    assert cost.language == "sv-SE"
    assert cost.created.isoformat() == "2026-01-01T00:00:00"
    load = openpyxl.load_workbook(workload_book).properties
    assert (load.title, load.language) == (
        "Arbetsbelastning: Nära vård – Hälsa tillsammans",
        "sv-SE",
    )
    again = make(run, VASTMANLAND, tmp_path / "again.xlsx")
    assert again.read_bytes() == cost_book.read_bytes()
    with zipfile.ZipFile(cost_book) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


# --- English ----------------------------------------------------------------------------


@pytest.mark.slow
def test_english_workbooks_are_english(run, tmp_path):
    cost = make(run, ENGLISH / "vastmanland-nara-vard.yaml", tmp_path / "cost.xlsx")
    book = openpyxl.load_workbook(cost)
    assert book.sheetnames[:2] == ["Comparison", "The plan"]
    assert_valid_sheet_names(book.sheetnames)
    assert book.properties.language == "en-GB"
    plan = book["The plan"]
    assert plan["D4"].number_format == '#,##0\\ "SEK";-#,##0\\ "SEK"'
    assert plan.oddFooter.right.text == "Page &P of &N"
    assert plan.oddHeader.right.text == "1 January 2026"
    load = openpyxl.load_workbook(
        make(run, ENGLISH / "lekeberg-kommunikationsplan-2023.yaml", tmp_path / "w.xlsx")
    )
    assert load.sheetnames == ["Workload"]
    assert load.active["A3"].value == "Responsible"


# --- CSV --------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Swedish Excel
    text = data.decode("utf-8")[1:]
    assert text.splitlines()[0].count(";") >= 2
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_cost_csv_says_formats_in_swedish(run, tmp_path):
    rows = read_csv(make(run, VASTMANLAND, tmp_path / "k.csv", "csv").read_bytes())
    assert {r["format"] for r in rows} == {"fysisk", "digital", "hybrid", ""}
    assert {r["typ"] for r in rows} == {"dialog", "testdialog", "engångskostnad"}
    assert "in_person" not in str(rows)


@pytest.mark.slow
def test_timeline_csv_says_kinds_and_statuses_in_the_plans_language(run, tmp_path):
    for plan, words in [
        (VASTMANLAND, ({"uppgift", "milstolpe", "dialog", "testdialog"}, {"klar", "genomförd"})),
        (
            ENGLISH / "vastmanland-nara-vard.yaml",
            ({"task", "milestone", "dialogue", "test dialogue"}, {"done", "held"}),
        ),
    ]:
        out = tmp_path / f"{plan.parent.name}.csv"
        result = run("timeline", plan, "-f", "csv", "--today", "2021-07-01", "-o", out)
        assert result.exit_code == 0, result.stderr
        rows = read_csv(out.read_bytes())
        kinds, statuses = words
        assert {next(iter(r.values())) for r in rows} == kinds
        assert {r["status"] for r in rows} == statuses


def test_communication_plan_timeline_csv_says_activity(run, write, tmp_path):
    out = tmp_path / "t.csv"
    assert run("timeline", write(COMMUNICATION), "-f", "csv", "-o", out).exit_code == 0
    (row,) = read_csv(out.read_bytes())
    assert (row["typ"], row["status"]) == ("aktivitet", "planerad")


def test_workload_csv_writes_hours_the_plans_way(run, tmp_path):
    swedish = make(run, LEKEBERG, tmp_path / "a.csv", "csv").read_text("utf-8-sig")
    assert ";4,80\n" in swedish and "4.80" not in swedish  # a number to Swedish Excel
    english = make(
        run, ENGLISH / "lekeberg-kommunikationsplan-2023.yaml", tmp_path / "b.csv", "csv"
    )
    assert ";4.80\n" in english.read_text("utf-8-sig")


# --- the example build ------------------------------------------------------------------


@pytest.mark.slow
def test_every_workbook_of_the_example_build_is_publishable(run, tmp_path):
    out = tmp_path / "build"
    result = run("build", REPO / "plans", "--out", out, "--today", "2023-03-01")
    assert result.exit_code == 0, result.stderr
    books = sorted(out.rglob("*.xlsx"))
    assert [p.name for p in books] == ["arbetsbelastning.xlsx", "kostnad.xlsx"]
    for path in books:
        book = openpyxl.load_workbook(path)
        assert_valid_sheet_names(book.sheetnames)
        assert_prints_well(book, book.properties.title, "Sida &P av &N", "1 januari 2026")
        assert_values_stored(path)
        assert book.properties.language == "sv-SE"
