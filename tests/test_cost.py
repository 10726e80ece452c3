"""`dialogkit cost`: the estimate, scenarios, workload and every format."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from conftest import COMMUNICATION, PROJECT, REPO

import dialogkit
from dialogkit.formatting import format_money

VASTMANLAND = REPO / "plans" / "vastmanland-nara-vard.yaml"
NBSP = "\u00a0"


def test_swedish_money_uses_non_breaking_spaces():
    assert format_money(9000) == f"9{NBSP}000{NBSP}kr"
    assert format_money(110000) == f"110{NBSP}000{NBSP}kr"
    assert format_money(0) == f"0{NBSP}kr"


@pytest.mark.slow
def test_vastmanland_costs_110_000(run):
    result = run("cost", VASTMANLAND)
    assert result.exit_code == 0
    assert f"110{NBSP}000{NBSP}kr" in result.stdout
    assert f"9{NBSP}000{NBSP}kr" in result.stdout


def test_what_if_everything_moves_to_teams(run):
    result = run("cost", VASTMANLAND, "--scenario", "all-digital", "--format", "json")
    plan, digital = json.loads(result.stdout)["estimates"]
    assert plan["total"] == 110_000 and plan["remaining"] == 0
    assert digital["title"] == "Alla digitala"
    assert digital["total"] == 10 * 4000 + 20_000
    assert {d["format"] for d in digital["dialogues"]} == {"digital"}


def test_overrides_test_dialogues_and_cancellations_by_hand(write):
    # fixture: in person 9 000, digital 4 000, one-off 20 000
    text = PROJECT.replace(
        "members: [anna, bo]\n", "members: [anna, bo]\n    costs: {venue: 0, fees: 5000}\n"
    ).replace("format: digital\n", "format: digital\n    status: cancelled\n")
    text = text.replace("costs:\n  per_dialogue", "costs:\n  per_dialogue").replace(
        "dialogues:\n",
        """dialogues:
  - id: test
    municipality: Sala
    format: digital
    test: true
    date: 2021-02-16
    start: "10:00"
    end: "11:00"
    digital: {link: 'https://x.example', registration_email: a@example.se}
    members: [anna, bo]
    costs: {refreshments: 300}
""",
        1,
    )
    project = dialogkit.load_workspace([write(text)]).plans[0].plan  # DK203 fires; fine here
    estimate = dialogkit.estimate(project)
    sala = next(c for c in estimate.dialogues if c.dialogue.id == "sala")
    assert sala.items == {"fees": 5000, "travel": 2000, "refreshments": 1500, "venue": 0}
    test = next(c for c in estimate.dialogues if c.dialogue.id == "test")
    assert test.total == 300
    assert "koping" not in {c.dialogue.id for c in estimate.dialogues}
    assert estimate.total == 8500 + 300 + 20_000


def test_plan_scenario_and_unknown_scenario(run, write):
    text = PROJECT.replace(
        "  budget: 40000",
        """  budget: 40000
  scenarios:
    - id: billigt
      title: Billigare lokal
      per_dialogue:
        in_person: {fees: 4000, travel: 2000, refreshments: 1500, venue: 0}""",
    )
    path = write(text)
    result = run("cost", path, "-s", "billigt", "-s", "all-in-person", "--format", "json")
    totals = [(e["title"], e["total"]) for e in json.loads(result.stdout)["estimates"]]
    assert totals == [("Planen", 33_000), ("Billigare lokal", 31_500), ("Alla fysiska", 38_000)]
    result = run("cost", path, "-s", "gratis")
    assert result.exit_code == 2
    assert "billigt" in result.stderr


@pytest.mark.slow
def test_scenario_side_by_side_in_the_table(run):
    result = run("cost", VASTMANLAND, "-s", "all-digital")
    summary = result.stdout[result.stdout.index("Sammanställning") :]
    total_line = next(line for line in summary.splitlines() if "Totalt" in line)
    assert total_line.index(f"110{NBSP}000") < total_line.index(f"60{NBSP}000")


def test_csv_reads_back_and_sums(run):
    result = run("cost", VASTMANLAND, "--format", "csv")
    assert result.stdout.startswith("\ufeff")  # Swedish Excel reads UTF-8 only after a BOM
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    by_scenario = {}
    for row in rows:  # the plan, then every scenario the plan has prices for
        by_scenario[row["scenario"]] = by_scenario.get(row["scenario"], 0) + int(row["summa"])
    assert list(by_scenario.values()) == [110_000, 60_000, 110_000, 95_000]
    assert list(by_scenario)[:3] == ["Planen", "Alla digitala", "Alla fysiska"]
    arboga = next(r for r in rows if r["id"] == "arboga")
    items = ("arvoden", "resekostnader", "förtäring", "lokal")
    assert [int(arboga[k]) for k in items] == [4000, 2000, 1500, 1500]


def test_markdown(run):
    result = run("cost", VASTMANLAND, "--format", "markdown")
    assert result.stdout.startswith("# Kostnadsberäkning: Invånardialog Nära vård")
    assert f"| Totalt | 110{NBSP}000{NBSP}kr |" in result.stdout


def _evaluate(book, sheet, ref, depth=0):
    """Evaluate the SUM, + and - formulas dialogkit writes, to check them."""
    value = book[sheet][ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value or 0
    expression = value[1:]
    if expression.startswith("SUM("):
        start, end = expression[4:-1].split(":")
        cells = book[sheet][start:end]
        return sum(_evaluate(book, sheet, c.coordinate, depth + 1) for row in cells for c in row)
    if "!" in expression:
        other, cell = expression.split("!")
        return _evaluate(book, other.strip("'"), cell, depth + 1)
    if "-" in expression:
        left, right = expression.split("-")
        return _evaluate(book, sheet, left) - _evaluate(book, sheet, right)
    return sum(_evaluate(book, sheet, part) for part in expression.split("+"))


def test_xlsx_has_numbers_and_formulas_that_add_up(run, tmp_path):
    out = tmp_path / "kostnad.xlsx"
    result = run("cost", VASTMANLAND, "-s", "all-digital", "--format", "xlsx", "--out", out)
    assert result.exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Jämförelse", "Planen", "Alla digitala"]
    plan = book["Planen"]
    arboga = next(row for row in plan.iter_rows() if row[0].value == "Arboga")
    assert [c.value for c in arboga[3:7]] == [4000, 2000, 1500, 1500]
    assert isinstance(arboga[3].value, int)
    assert arboga[7].value.startswith("=SUM(")
    compare = book["Jämförelse"]
    total_row = next(r for r in compare.iter_rows() if r[0].value == "Totalt")
    assert _evaluate(book, "Jämförelse", total_row[1].coordinate) == 110_000
    assert _evaluate(book, "Jämförelse", total_row[2].coordinate) == 60_000
    left = next(r for r in compare.iter_rows() if r[0].value == "Kvar av budgeten")
    assert _evaluate(book, "Jämförelse", left[2].coordinate) == 50_000


def test_xlsx_needs_a_file(run):
    result = run("cost", VASTMANLAND, "--format", "xlsx")
    assert result.exit_code == 2


def test_communication_plan_workload_per_person_and_month(run, write):
    text = COMMUNICATION.replace("    hours: 6\n", "    hours: 10\n").replace(
        "responsible: Kristin Lundgren", "responsible: [Kristin Lundgren, Ellinor Hailee]"
    )
    result = run("cost", write(text), "--format", "json")
    data = json.loads(result.stdout)
    # 10 h shared by two people over August–December: 1 h each per month
    assert data["people"]["Ellinor Hailee"] == {f"2023-{m:02d}": 1.0 for m in range(8, 13)}
    assert data["totals"] == {"Kristin Lundgren": 5.0, "Ellinor Hailee": 5.0}
    assert data["total"] == 10.0


def test_lekeberg_workload_table(run):
    result = run("cost", REPO / "plans" / "lekeberg-kommunikationsplan-2023.yaml")
    assert result.exit_code == 0
    assert "Kristin Lundgren" in result.stdout and "Ellinor Hailee" in result.stdout
    total = next(line for line in result.stdout.splitlines() if line.startswith("│ Summa "))
    assert total.rstrip(" │").endswith("66")


def test_workload_xlsx_sums(run, tmp_path):
    out = tmp_path / "timmar.xlsx"
    lekeberg = REPO / "plans" / "lekeberg-kommunikationsplan-2023.yaml"
    assert run("cost", lekeberg, "--format", "xlsx", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book.active
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "Summa"
    assert _evaluate(book, sheet.title, sheet.cell(last, sheet.max_column).coordinate) == (
        pytest.approx(66)
    )
