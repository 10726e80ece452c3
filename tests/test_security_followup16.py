"""Red-team follow-up to issue 16: personal data in mapping keys (age groups,
population), control characters and date-times in dialogkit.toml's blackout periods,
`report --help` listing every report kind, and plan text in the Mermaid timeline
shown as text, never as markup or syntax."""

from __future__ import annotations

import re

import pytest
from conftest import IMPLEMENTATION_PLAN, PROJECT, line_of
from stdnum import luhn

import dialogkit
from dialogkit.checking import load_plan
from dialogkit.privacy import public_copy
from dialogkit.reports import report_kinds

# --- 1. personal data in mapping keys ------------------------------------------------

PNR = "19121212-1212"
OTHER = "19850101" + "-" + "123" + luhn.calc_check_digit("850101123")
PHONE = "070-123 45 67"
KEYED = (
    PROJECT.replace(
        "    members: [anna, bo]\n",
        "    members: [anna, bo]\n"
        "    status: held\n"
        "    outcome:\n"
        "      participants: 40\n"
        "      age_groups:\n"
        "        under 30: 8\n"
        f"        Anna {PNR}: 6\n"
        f"        {PHONE}: 11\n"
        f"        Anna {OTHER}: 7\n",
        1,
    )
    + f"population: {{'Eva {PNR}': 22900, Köping: 26200}}\n"
)
"""Sala held, with age groups named by a personnummer, a phone number and a second
personnummer after the same name; the population keyed by a personnummer too."""


def test_check_warns_at_each_key_that_holds_personal_data(write):
    path = write(KEYED)
    found = [f for f in dialogkit.check([path]).findings if f.code == "DK222"]
    expected = [
        line_of(KEYED, f"Anna {PNR}"),
        line_of(KEYED, PHONE),
        line_of(KEYED, f"Anna {OTHER}"),
        line_of(KEYED, "population:"),
    ]
    assert sorted(f.line for f in found) == expected
    assert {f.severity for f in found} == {"warning"}
    sala = next(f for f in found if f.line == expected[0])
    assert sala.col == KEYED.splitlines()[expected[0] - 1].index("Anna") + 1  # at the key
    for finding in found:  # neither the message nor the shown path repeats the number
        assert PNR not in finding.message and PNR not in finding.where


def test_public_copy_redacts_keys_keeps_counts_and_merges_nothing(write):
    plan = load_plan(write(KEYED)).plan
    public = public_copy(plan)
    assert public.dialogues[0].outcome.age_groups == {
        "under 30": 8,
        "Anna [borttaget]": 6,
        "[borttaget]": 11,
        "Anna [borttaget] (2)": 7,  # not added to the first: another group
    }
    assert public.population == {"Eva [borttaget]": 22900, "Köping": 26200}
    assert plan.dialogues[0].outcome.age_groups[f"Anna {PNR}"] == 6  # the plan is untouched


@pytest.mark.slow
def test_public_report_shows_no_personal_data_from_keys(run, write, tmp_path):
    out = tmp_path / "public.md"
    result = run(
        "report", write(KEYED), "-k", "dialogue-report", "-a", "public", "-o", out, "-f", "markdown"
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text("utf-8")
    for number in (PNR, OTHER, PHONE, PNR.replace("-", ""), "070"):
        assert number not in text
    assert "| Anna \\[borttaget\\] | 6 |" in text
    assert "| Anna \\[borttaget\\] (2) | 7 |" in text
    assert "| \\[borttaget\\] | 11 |" in text


# --- 2. blackout periods in dialogkit.toml ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Sport\\u001b[31mlov", "styrtecken U+001B efter 'Sport'"),
        ("Sport\\nlov", "får inte innehålla radbrytningar"),
        ("Sport\\u009blov", "styrtecken U+009B"),
    ],
)
def test_a_blackout_name_with_control_characters_is_refused(run, write, name, words):
    write(f'[[blackout]]\nname = "{name}"\nstart = 2021-04-13\n', "dialogkit.toml")
    result = run("plan", "check", write(PROJECT, "plans/plan.yaml"))
    assert result.exit_code == 2
    assert "dialogkit.toml:2: period 1: name" in result.stderr and words in result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x9b" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "written", ["2021-04-13T10:00:00", "2021-04-13 10:00:00+02:00", "10:00:00"]
)
def test_a_blackout_date_time_is_shown_as_written(run, write, written):
    write(f'[[blackout]]\nname = "Påsk"\nstart = 2021-04-12\nend = {written}\n', "dialogkit.toml")
    result = run("plan", "check", write(PROJECT, "plans/plan.yaml"))
    assert result.exit_code == 2
    assert f"dialogkit.toml:4: period 1: end = {written} är en tidpunkt" in result.stderr
    assert "skriv bara datumet" in result.stderr
    assert "datetime" not in result.stderr and "Traceback" not in result.stderr


# --- 3. report --help -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_report_help_lists_every_report_kind(run, language):
    result = run("--lang", language, "report", "--help")
    assert result.exit_code == 0
    page = " ".join(result.stdout.split())
    assert {"implementation-plan", "yearly-follow-up", "regional"} <= set(report_kinds())
    for kind in report_kinds():
        assert kind in page, kind
    assert "{report_kinds}" not in page


# --- 4. the Mermaid timeline ------------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)>"
TASK = "Section <b>x</b>: &amp; \"q\" it's #2; 50%% %%{init: {'theme': 'dark'}}%%"


def labels(chart: str) -> list[str]:
    """Every label of a gantt chart: its title, sections and task names."""
    found = []
    for line in chart.splitlines():
        if line.startswith("    title ") or line.startswith("    section "):
            found.append(line.split(" ", 5)[-1])
        elif line.startswith("    ") and " :" in line:
            found.append(line.strip().rsplit(" :", 1)[0])
    return found


def as_mermaid_shows(label: str) -> str:
    """A label as Mermaid shows it: its entity codes (`#60;`) decoded."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


def test_mermaid_labels_hold_no_markup_and_show_plan_text_as_written(run, write):
    plan = IMPLEMENTATION_PLAN.replace("question_area: Nära vård", f"question_area: '{HOSTILE}'")
    plan = plan.replace(
        "title: Genomförandeplan för medborgardialog 2021", "title: 'Plan #1; <i>\"50%%\"</i> &'"
    )
    project = PROJECT.replace("{task: Frågor,", "{task: '" + TASK.replace("'", "''") + "',")
    assert TASK in load_plan(write(project, "projekt.yaml")).plan.timeline[0].task
    chart = run("timeline", write(plan), "-f", "mermaid", "--today", "2021-01-01").stdout
    chart += run("timeline", write(project, "projekt.yaml"), "-f", "mermaid").stdout
    shown = labels(chart)
    assert HOSTILE in map(as_mermaid_shows, shown)
    assert TASK in map(as_mermaid_shows, shown)
    assert any(as_mermaid_shows(label).startswith("Plan #1; <i>") for label in shown)
    for label in shown:
        bare = re.sub(r"#\d+;", "", label)
        assert not set(bare) & set('<>&"#;:%'), label
        assert not re.match(r"(?i)section|title|click", label), label
