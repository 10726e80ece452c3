"""Participation figures: participants, age groups, genders and participants per 1,000
inhabitants in the dialogue report, the feedback texts, the year's follow-up and
`status --format json`; no count under 5 in any public output (issue 16), and rule
DK239."""

from __future__ import annotations

import html
import itertools
import json
import random
import re
from pathlib import Path

import pytest
from conftest import PROJECT, REPO
from docx import Document

from dialogkit.checking import load_plan
from dialogkit.participation import figures, per_thousand

EXAMPLE = REPO / "plans" / "vastmanland-nara-vard.yaml"
FEWER = "färre än 5"

SMALL_SALA = (
    PROJECT.replace(
        """    members: [anna, bo]
  - id: koping""",
        """    members: [anna, bo]
    status: held
    outcome:
      participants: 3
      themes: [Kontinuitet]
  - id: koping""",
    ).replace(
        """    members: [bo, cia]
""",
        """    members: [bo, cia]
    status: held
    outcome:
      participants: 20
      age_groups: {under 30: 2, 30–64: 10, 65 och äldre: 8}
      genders: {kvinnor: 12, män: 8}
      themes: [Kontinuitet]
""",
        1,
    )
    + "population: {Sala: 22900, Köping: 26200}\n"
)
"""Sala held with 3 participants (a small count), Köping with 20 and a breakdown."""


def plan_with(outcomes: dict[str, str]) -> str:
    """PROJECT with the dialogues `sala` and `koping` held, each with `outcome` YAML."""
    text = PROJECT
    members = {"sala": "    members: [anna, bo]\n", "koping": "    members: [bo, cia]\n"}
    for dialogue, after in members.items():
        if dialogue in outcomes:
            body = "".join(f"      {line}\n" for line in outcomes[dialogue].splitlines())
            text = text.replace(after, after + "    status: held\n    outcome:\n" + body, 1)
    return text


def table_rows(markdown: str, heading: str) -> dict[str, list[str]]:
    """The rows of the first table under `heading`, by their first cell."""
    section = markdown.split(heading, 1)[1]
    rows = {}
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("| ---"):
            cells = [c.strip().strip("*") for c in line.strip("|").split("|")]
            rows.setdefault(cells[0], cells[1:])
        elif rows and not line.strip():
            break
    return rows


def docx_tables(path: Path) -> list[dict[str, dict[str, str]]]:
    """Each table of the Word file: row (by first cell) -> column header -> cell."""
    tables = []
    for table in Document(str(path)).tables:
        header = [c.text.strip() for c in table.rows[0].cells]
        rows = [[c.text.strip() for c in row.cells] for row in table.rows[1:]]
        tables.append({cells[0]: dict(zip(header, cells, strict=True)) for cells in rows})
    return tables


def report(run, plan: Path, audience: str, tmp_path: Path, fmt: str = "markdown") -> Path:
    out = tmp_path / f"{audience}.{'md' if fmt == 'markdown' else 'docx'}"
    result = run("report", plan, "-k", "dialogue-report", "-a", audience, "-f", fmt, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


# --- the dialogue report ------------------------------------------------------------------


def test_public_report_hides_a_small_count_and_what_would_give_it_away(run, write, tmp_path):
    text = report(run, write(SMALL_SALA), "public", tmp_path).read_text(encoding="utf-8")
    rows = table_rows(text, "## Deltagare per dialog")
    assert rows["Sala"][2:] == [FEWER, "–"]  # its per-1,000 figure goes with it
    assert rows["Köping"][2:] == ["20", "0,76"]
    # 20 shown beside a total of 23 would give Sala's 3 away: the total is hidden
    assert rows["Totalt"][2:] == ["visas inte", "–"]
    summary = text.split("## Sammanfattning", 1)[1].split("##", 1)[0]
    assert "23" not in summary and "deltagare" not in summary
    assert "så att ingen enskild deltagare kan pekas ut" in text
    # a breakdown is published only summed over the dialogues, never per municipality
    ages = table_rows(text, "### Åldersgrupper")
    assert "Köping" not in ages and "Kommun" not in ages
    assert ages["under 30"] == [FEWER]
    # with 2 hidden, 10 + 8 shown beside their sum 20 would give it away
    assert ["visas inte"] in (ages["30–64"], ages["65 och äldre"], ages["Totalt"])
    assert "inte per kommun" in text


def test_internal_report_shows_every_count_exactly(run, write, tmp_path):
    text = report(run, write(SMALL_SALA), "internal", tmp_path).read_text(encoding="utf-8")
    rows = table_rows(text, "## Deltagare per dialog")
    assert rows["Sala"][2:] == ["3", "0,13"]  # 3 / 22 900 × 1 000
    assert rows["Totalt"][2:] == ["23", "0,47"]  # 23 / (22 900 + 26 200) × 1 000
    assert "med sammanlagt 23 deltagare" in text
    assert table_rows(text, "### Åldersgrupper")["Köping"] == ["2", "10", "8", "20"]
    assert table_rows(text, "### Kön")["Köping"] == ["12", "8", "20"]
    assert "Räknat för 20 deltagare i 1 av 2 dialoger." in text
    assert FEWER not in text and "visas inte" not in text


@pytest.mark.slow
def test_the_examples_public_word_report_hides_small_counts(run, tmp_path):
    public = docx_tables(report(run, EXAMPLE, "public", tmp_path, "docx"))
    internal = docx_tables(report(run, EXAMPLE, "internal", tmp_path, "docx"))

    def table(tables, column):
        return next(t for t in tables if any(column in row for row in t.values()))

    participants = table(public, "Per 1 000 invånare")
    assert participants["Skinnskatteberg"]["Deltagare"] == "9"
    assert participants["Skinnskatteberg"]["Per 1 000 invånare"] == "2,05"  # 9 / 4 400
    assert participants["Totalt"]["Deltagare"] == "213"
    ages = table(internal, "30–64")["Skinnskatteberg"]
    assert [ages["under 30"], ages["30–64"], ages["65 och äldre"]] == ["2", "4", "3"]
    assert table(internal, "kvinnor")["Arboga"]["annat"] == "1"
    genders = table(public, "Kön")  # one column: the groups summed over the dialogues
    assert "Arboga" not in genders
    assert genders["annat"]["Deltagare"] == FEWER
    # 45 counted, 27 women shown: men shown too would give "other" away
    assert genders["män"]["Deltagare"] == "visas inte"


def test_a_breakdown_total_is_hidden_when_it_would_pin_a_small_count(write):
    plan = load_plan(
        write(plan_with({"sala": "participants: 5\ngenders: {kvinnor: 5, män: 0}"}))
    ).plan
    shown = figures(plan, public=True)
    genders = dict(shown.genders.groups)
    assert genders["men"].small
    # 0 hidden beside 5 women and 5 counted gives 0: the 5 counted are hidden, and so
    # are the 5 who took part, since no more can have been counted than took part
    assert genders["women"].text == "5" and shown.genders.base.value is None
    assert shown.dialogues[0].participants.value is None and shown.total.value is None


@pytest.mark.parametrize(
    ("outcomes", "total"),
    [
        ({"sala": "participants: 4", "koping": "participants: 4"}, None),  # 8 = 4 + 4
        ({"sala": "participants: 0", "koping": "participants: 12"}, None),  # 0 is under 5 too
        ({"sala": "participants: 7", "koping": "participants: 12"}, 19),
    ],
)
def test_totals_and_zeros(write, outcomes, total):
    plan = load_plan(write(plan_with(outcomes))).plan
    shown = figures(plan, public=True)
    assert shown.total.value == total
    if "participants: 0" in outcomes["sala"]:
        assert shown.dialogues[0].participants.text == "färre än 5"  # 12 - 12 would give it


def test_per_thousand():
    assert per_thousand(12, 22900) == pytest.approx(0.524, abs=0.001)
    assert per_thousand(0, 22900) == 0
    assert per_thousand(12, None) is None and per_thousand(12, 0) is None


# --- every public output ---------------------------------------------------------------------


def public_files(folder: Path) -> dict[str, str]:
    """The text of every public output a build made: the public reports, the feedback
    and the web page."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.suffix == ".docx" and "publik" in path.name:
            document = Document(str(path))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            found[name] = "\n".join([p.text for p in document.paragraphs] + cells)
        elif "aterkoppling" in name and path.suffix in (".txt", ".md"):
            found[name] = path.read_text(encoding="utf-8")
        elif path.suffix == ".html":  # the project's public web page, its text as read
            found[name] = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text("utf-8")))
    return found


@pytest.mark.slow
def test_no_public_output_shows_a_hidden_count(run, write, tmp_path):
    plan = write(SMALL_SALA, "plans/projekt.yaml")
    out = tmp_path / "out"
    result = run("build", plan.parent, "--out", out, "--today", "2021-05-01")
    assert result.exit_code == 0, result.stderr
    files = public_files(out)
    feedback = [name for name in files if "aterkoppling" in name]
    assert any(name.endswith(".docx") for name in files) and len(feedback) == 6
    assert any(name.endswith(".html") for name in files)
    for name, text in files.items():
        assert not re.search(r"\b3 (personer|deltagare)", text), name
        # the total would give Sala's 3 away (a file's size, "23 kB", is no count)
        assert not re.search(r"\b23\b(?! kB)", text), name
    for name in feedback:
        text = files[name]
        expected = "Färre än 5 personer deltog." if "sala/" in name else "20 personer deltog."
        assert expected in text, name


@pytest.mark.slow
def test_the_examples_public_outputs_agree(run, tmp_path):
    """The example workspace's dialogue report, feedback texts and year's follow-up
    (from its implementation plan) hide the same counts."""
    out = tmp_path / "out"
    result = run("build", REPO / "plans", "--out", out, "--today", "2021-09-01")
    assert result.exit_code == 0, result.stderr
    files = public_files(out)
    yearly = [name for name in files if "arets-uppfoljning" in name]
    assert yearly, "the year's follow-up is among the public outputs"
    for name, text in files.items():
        assert "\n2\n" not in text and "\n3\n" not in text, name  # Skinnskatteberg's ages
    for name in yearly:
        assert FEWER in files[name]


# --- status ------------------------------------------------------------------------------------


def test_status_json_gives_each_dialogues_figures_exactly(run, write):
    plan = write(SMALL_SALA, "plans/projekt.yaml")
    result = run("status", plan.parent, "--format", "json", "--today", "2021-05-01")
    assert result.exit_code == 0, result.stderr
    rows = {row["dialogue"]: row for row in json.loads(result.stdout)["participation"]}
    assert rows["sala"]["participants"] == 3 and rows["sala"]["per_thousand"] == 0.13
    assert rows["koping"]["age_groups"] == {"under 30": 2, "30–64": 10, "65 och äldre": 8}
    assert rows["koping"]["genders"] == {"women": 12, "men": 8}
    assert rows["koping"]["per_thousand"] == 0.76


# --- DK239 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "trips"),
    [
        ("participants: 12\nage_groups: {under 30: 4, 30–64: 6, 65 och äldre: 5}", True),
        ("participants: 12\ngenders: {kvinnor: 8, män: 5}", True),
        ("participants: 12\nage_groups: {under 30: 4, 30–64: 8}\ngenders: {kvinnor: 12}", False),
        ("participants: 12\ngenders: {kvinnor: 5, män: 5}", False),  # two did not say
    ],
)
def test_dk239_breakdown_above_participants(run, write, outcome, trips):
    result = run("plan", "check", write(plan_with({"sala": outcome})))
    assert ("DK239" in result.stdout + result.stderr) == trips
    if trips:
        assert result.exit_code != 0
        assert "sala" in result.stdout + result.stderr


# --- what a reader can work out -------------------------------------------------------------


def _possible(shown) -> range:
    """The values a published cell can have, as a reader sees it (searching up to 30
    only makes a count easier to pin, so the check is on the safe side)."""
    if shown.value is not None:
        return range(shown.value, shown.value + 1)
    return range(0, 5) if shown.small else range(5, 31)


def _line(cells: list, total) -> list[tuple[tuple[int, ...], int]]:
    """Every (cells, total) a reader finds possible for one published sum."""
    return [
        (values, sum(values))
        for values in itertools.product(*map(_possible, cells))
        if sum(values) in _possible(total)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(40))
def test_no_small_count_can_be_worked_out_from_a_public_report(write, seed):
    """Random small projects, each dialogue's participants split by gender in full (the
    hardest case): for every count shown as "färre än 5", a reader who knows every
    published figure, that the dialogues add up to the total, the genders to theirs, and
    that no more are counted than took part, still finds more than one possible value."""
    rng = random.Random(seed)
    outcomes = {}
    for dialogue in ("sala", "koping"):
        took_part = rng.randint(0, 12)
        women = rng.randint(0, took_part)
        outcomes[dialogue] = (
            f"participants: {took_part}\ngenders: {{kvinnor: {women}, män: {took_part - women}}}"
        )
    shown = figures(load_plan(write(plan_with(outcomes))).plan, public=True)
    people = _line([d.participants for d in shown.dialogues], shown.total)
    groups = [cell for _, cell in shown.genders.groups]
    genders = _line(groups, shown.genders.base)
    assert people and genders  # the true figures are among them
    possible: dict[int, set[int]] = {}
    for values, total in people:
        for counts, base in genders:
            if base <= total:
                for i, value in enumerate((*values, total, *counts, base)):
                    possible.setdefault(i, set()).add(value)
    cells = [*(d.participants for d in shown.dialogues), shown.total, *groups, shown.genders.base]
    for i, cell in enumerate(cells):
        if cell.small:
            assert len(possible[i]) > 1, (outcomes, cells[i], possible[i])
