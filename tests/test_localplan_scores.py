"""The local plan's self-assessment (issue 14): the scale is declared in the plan
(default 1–5) and enforced at the score's line, and the report states it; a year
without a score is "saknas", not 0, and a change is counted only where both years
have a score, with a warning that names the statement and the year."""

from __future__ import annotations

import json
import re

import pytest
from conftest import LOCAL_PLAN, REPO, STRATEGY, line_of

import dialogkit

LEKSAND = REPO / "plans" / "leksand-lokal-plan.yaml"
EPOCH = "1767225600"

ONE_STATEMENT = (
    "  - {id: delaktighet, statement: Invånarna är delaktiga., sub_goal: 2, scores: {2022: 3}}\n"
)

GAP = LOCAL_PLAN.replace(
    ONE_STATEMENT,
    """\
  - {id: delaktighet, statement: Invånarna är delaktiga., sub_goal: 1,
     scores: {2022: 2, 2023: 3}}
  - {id: samverkan, statement: Vi planerar tillsammans., sub_goal: 1, scores: {2023: 3}}
  - {id: jamlik, statement: Vården är jämlik., sub_goal: 2, scores: {2022: 4, 2023: 4}}
""",
)
"""The issue's case: sub-goal 1's second statement has no score for 2022. Counted as
0, sub-goal 1 went from 2 to 6 (+4); the one statement scored both years rose by 1."""


def with_scores(scores: str, scale: str = "") -> str:
    text = LOCAL_PLAN.replace("scores: {2022: 3}}", f"scores: {scores}}}")
    return text.replace("self_assessment:\n", f"{scale}self_assessment:\n") if scale else text


@pytest.fixture
def plan(write):
    """Write a local plan beside its strategy; return its path."""

    def write_plan(text: str, name: str = "lokal.yaml"):
        write(STRATEGY, "strategi.yaml")
        return write(text, name)

    return write_plan


@pytest.fixture
def markdown(run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def report(path) -> str:
        result = run("report", path, "-f", "markdown")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return report


def found(path, code: str):
    return [f for f in dialogkit.check([path]).findings if f.code == code]


def table_rows(markdown: str, heading: str) -> list[str]:
    part = markdown[markdown.index(heading + "\n") :].split("\n#", 1)[0]
    return [line for line in part.splitlines() if line.startswith("| ") and "---" not in line]


# --- the scale -------------------------------------------------------------------------


def test_scores_outside_the_default_scale_are_errors_at_the_score(plan):
    text = with_scores("{2021: 0, 2022: 3, 2023: 7}")
    hits = found(plan(text), "DK224")
    line = line_of(text, "scores: {2021: 0")
    row = text.splitlines()[line - 1]
    assert [(f.line, f.col) for f in hits] == [
        (line, row.index("0, 2022") + 1),
        (line, row.index("7}") + 1),
    ]
    assert all(f.is_error for f in hits)
    assert "1–5" in hits[0].message and "self_assessment_scale" in hits[0].hint


def test_a_score_on_the_edge_of_the_scale_passes(plan):
    assert found(plan(with_scores("{2022: 1, 2023: 5}")), "DK224") == []


def test_a_declared_scale_is_enforced_instead(plan):
    scale = "self_assessment_scale: {min: 0, max: 10}\n"
    assert found(plan(with_scores("{2022: 0, 2023: 7}", scale)), "DK224") == []
    hits = found(plan(with_scores("{2022: 0, 2023: 11}", scale), "b.yaml"), "DK224")
    assert [f.message.split(" ligger")[0] for f in hits] == ["Poängen 11 för 'delaktighet' 2023"]
    assert "0–10" in hits[0].message


def test_a_scale_that_does_not_go_up_is_an_error_at_its_max(plan):
    text = with_scores("{2022: 3}", "self_assessment_scale:\n  min: 5\n  max: 1\n")
    assert [f.line for f in found(plan(text), "DK224")] == [line_of(text, "  max: 1")]


def test_a_negative_scale_or_an_unknown_key_is_refused_by_the_model(plan):
    text = with_scores("{2022: 3}", "self_assessment_scale: {min: -1, max: 5, top: 5}\n")
    report = dialogkit.check([plan(text)])
    assert report.errors
    assert {f.line for f in report.errors} == {line_of(text, "self_assessment_scale")}


def test_the_report_states_the_declared_scale(plan, markdown):
    scale = "self_assessment_scale: {min: 0, max: 10}\n"
    text = markdown(plan(with_scores("{2022: 0, 2023: 7}", scale)))
    assert "Varje påstående får 0–10 poäng per år, där 10 betyder att påståendet stämmer helt." in (
        text
    )
    assert "| **Totalt (högst 10)** | **0** | **7** | **+7** |" in text
    english = with_scores("{2022: 0, 2023: 7}", scale).replace(
        "strategy: strategi\n", "strategy: strategi\nlanguage: en\n"
    )
    assert "Each statement gets 0–10 points a year, where 10 means" in markdown(
        plan(english, "en.yaml")
    )


def test_the_example_plan_states_the_default_scale(markdown):
    text = markdown(LEKSAND)
    assert "Varje påstående får 1–5 poäng per år, där 5 betyder" in text
    assert "saknas" not in text  # every statement has both years' scores


# --- missing scores --------------------------------------------------------------------


def test_a_missing_score_is_a_warning_naming_the_statement_and_the_year(plan):
    hits = found(plan(GAP), "DK225")
    assert [(f.line, f.is_error) for f in hits] == [(line_of(GAP, "{id: samverkan"), False)]
    assert "'samverkan'" in hits[0].message and "2022" in hits[0].message


def test_every_missing_year_is_named(plan):
    text = GAP.replace("scores: {2022: 4, 2023: 4}", "scores: {2021: 4, 2022: 4, 2023: 4}")
    messages = [f.message for f in found(plan(text), "DK225")]
    assert len(messages) == 2
    assert "'delaktighet' saknar poäng för 2021;" in messages[0]
    assert "'samverkan' saknar poäng för 2021 och 2022;" in messages[1]


def test_a_missing_score_is_saknas_and_the_change_counts_only_both_years(plan, markdown):
    text = markdown(plan(GAP))
    assert table_rows(text, "### Per delmål") == [
        "| Delmål | 2022 | 2023 | Förändring |",
        "| 1. Nära för mig | saknas | 6 | +1 |",
        "| 2. Nära för alla | 4 | 4 | ±0 |",
        "| **Totalt (högst 15)** | **saknas** | **10** | **+1** |",
    ]
    assert table_rows(text, "### Per påstående")[1:] == [
        "| Invånarna är delaktiga. | 1 | 2 | 3 | +1 |",
        "| Vi planerar tillsammans. | 1 | saknas | 3 | – |",
        "| Vården är jämlik. | 2 | 4 | 4 | ±0 |",
    ]
    assert "Förändringen räknas bara på de påståenden som har poäng båda åren." in text


def test_missing_in_english(plan, markdown):
    english = GAP.replace("strategy: strategi\n", "strategy: strategi\nlanguage: en\n")
    text = markdown(plan(english, "en.yaml"))
    assert "| 1. Nära för mig | missing | 6 | +1 |" in text
    assert "saknas" not in text


def test_no_change_where_no_statement_has_both_years(plan, markdown):
    text = LOCAL_PLAN.replace(
        ONE_STATEMENT,
        "  - {id: a, statement: Ett., sub_goal: 1, scores: {2022: 2}}\n"
        "  - {id: b, statement: Två., sub_goal: 1, scores: {2023: 5}}\n",
    )
    rows = table_rows(markdown(plan(text)), "### Per delmål")
    assert rows[1] == "| 1. Nära för mig | saknas | saknas | – |"


def test_the_warning_is_in_the_json_report_with_its_name(run, plan):
    result = run("plan", "check", plan(GAP), "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [(f["code"], f["name"]) for f in data["findings"]] == [("DK225", "missing-score")]
    assert re.search(r"saknar poäng för 2022", data["findings"][0]["message"])
