"""The example workspace is the showcase: it checks clean and says what the seeds say."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from conftest import REPO

import dialogkit
from dialogkit.yamlsource import read_source

PLANS = REPO / "plans"


def test_every_example_plan_checks_clean(run):
    result = run("plan", "check", "--strict", PLANS)
    assert result.exit_code == 0, result.stdout
    assert "5 planer kontrollerade: 0 fel, 0 varningar" in result.stdout


def test_every_example_plan_carries_the_schema_line_and_validates_against_it():
    schema = json.loads((REPO / "schema" / "dialogkit.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for path in sorted(PLANS.glob("*.yaml")):
        first = path.read_text("utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/dialogkit.schema.json"
        assert list(validator.iter_errors(read_source(path).data)) == [], path


def _plans():
    workspace = dialogkit.load_workspace([PLANS])
    return {type(p.plan).__name__: p.plan for p in workspace.plans}


def test_vastmanland_has_ten_municipalities_and_the_seed_costs():
    project = _plans()["DialogueProject"]
    assert len(project.municipalities) == 10
    real = [d for d in project.dialogues if not d.test]
    assert {d.municipality for d in real} == set(project.municipalities)
    assert {d.date.month for d in real} == {4, 5}
    assert all(d.start.hour >= 17 for d in real)
    assert all(d.start.hour < 17 for d in project.dialogues if d.test)
    assert {sum(c.model_dump().values()) for c in project.costs.per_dialogue.values()} >= {9000}
    assert [(c.item, c.amount) for c in project.costs.one_off] == [
        ("Kommunikation/marknadsföring", 20000)
    ]
    assert dialogkit.estimate(project).total == 110_000
    months = [t.when.start.strftime("%Y-%m") for t in project.timeline]
    assert months[0] == "2020-12" and months[-1] == "2021-08"


def test_lekeberg_has_every_target_group_and_activity():
    plan = _plans()["CommunicationPlan"]
    assert len(plan.target_groups) == 12
    assert len(plan.activities) == 8
    assert [a.when.text for a in plan.activities][:3] == [
        "Juni 2023",
        "Juni-september 2023",
        "Hösten 2023",
    ]


def test_dalarna_strategy_has_five_sub_goals_and_a_local_plan_with_two_years():
    plans = _plans()
    assert [g.title for g in plans["Strategy"].sub_goals] == [
        "Nära för mig",
        "Nära för alla",
        "Nära i hela Dalarna",
        "Nära mellan oss",
        "Nära till hälsa",
    ]
    assert [f.year for f in plans["LocalPlan"].follow_ups] == [2022, 2023]


def test_library_check_matches_the_cli():
    report = dialogkit.check([Path(PLANS)])
    assert report.files_checked == 5
    assert report.findings == []
