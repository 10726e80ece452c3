"""Every rule: one plan that trips it, one that does not. Assertions are on the
code and the line, not on the wording."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import COMMUNICATION, LOCAL_PLAN, PROJECT, STRATEGY, line_of

import dialogkit


def findings(write, text: str, *extra: tuple[str, str]):
    path = write(text)
    for name, other in extra:
        write(other, name)
    return dialogkit.check([path]).findings


def codes(found) -> set[str]:
    return {f.code for f in found}


def test_fixtures_are_clean(write):
    assert findings(write, PROJECT) == []
    assert findings(write, COMMUNICATION) == []
    assert findings(write, LOCAL_PLAN, ("strategi.yaml", STRATEGY)) == []


@pytest.mark.parametrize(
    ("code", "old", "new", "marker"),
    [
        ("DK201", "members: [anna, bo]", "members: [anna]", "members: [anna]"),
        ("DK202", "members: [anna, bo]", "members: [cia, bo]", "members: [cia, bo]"),
        (
            "DK203",
            "municipalities: [Sala, Köping]",
            "municipalities: [Sala, Köping, Arboga]",
            "municipalities:",
        ),
        ("DK204", "hearing_loop: true", "hearing_loop: false", "hearing_loop: false"),
        ("DK204", "accessible: true", "accessible: false", "accessible: false"),
        ("DK205", "      link: https://teams.example.se/koping\n", "", "    digital:"),
        ("DK205", "      registration_email: anmalan@example.se\n", "", "    digital:"),
        ("DK206", 'end: "20:00"', 'end: "17:00"', 'end: "17:00"'),
        ("DK207", 'start: "18:00"', 'start: "09:00"', 'start: "09:00"'),
        ("DK208", "date: 2021-04-13", "date: 2021-04-05", "date: 2021-04-05"),
        ("DK208", "date: 2021-04-13", "date: 2021-04-17", "date: 2021-04-17"),
        ("DK209", "due: 2021-08-31", "due: 2021-04-14", "date: 2021-04-15"),
        (
            "DK210",
            "registration_deadline: 2021-04-12",
            "registration_deadline: 2021-04-16",
            "registration_deadline",
        ),
        ("DK211", "budget: 40000", "budget: 30000", "budget: 30000"),
        ("DK212", "    digital: {fees: 4000}\n", "", "per_dialogue:"),
        ("DK214", "responsible: Presidiet", "responsible: []", "task: Frågor"),
        (
            "DK217",
            "id: koping",
            "id: sala",
            "id: sala",
        ),
        ("DK218", "members: [bo, cia]", "members: [bo, okand]", "members: [bo, okand]"),
        (
            "DK223",
            "    members: [anna, bo]\n",
            "    digital: {platform: Teams}\n    members: [anna, bo]\n",
            "digital: {platform: Teams}",
        ),
        (
            "DK223",
            "    members: [bo, cia]\n",
            "    refreshments: fika\n    members: [bo, cia]\n",
            "refreshments: fika",
        ),
        (
            "DK222",
            "purpose: Att samla in invånarnas synpunkter.",
            "purpose: Ring mig på 070-123 45 67.",
            "purpose: Ring",
        ),
    ],
)
def test_project_rule(write, code, old, new, marker):
    assert old in PROJECT
    text = PROJECT.replace(old, new, 1)
    found = [f for f in findings(write, text) if f.code == code]
    assert found, f"{code} did not trip"
    occurrence = 2 if code == "DK217" else 1
    assert found[0].line == line_of(text, marker, occurrence)


def test_unlisted_municipality_is_its_own_warning(write):
    text = PROJECT.replace("municipality: Köping\n    format", "municipality: Kungsör\n    format")
    found = findings(write, text)
    assert {"DK221", "DK203"} <= codes(found)
    unlisted = next(f for f in found if f.code == "DK221")
    assert unlisted.severity == "warning"
    assert unlisted.line == line_of(text, "municipality: Kungsör")


def test_test_dialogue_in_the_evening_warns_and_in_the_day_does_not(write):
    daytime = PROJECT.replace("format: digital\n", "format: digital\n    test: true\n").replace(
        'start: "18:00"\n    end: "20:00"\n    digital',
        'start: "10:00"\n    end: "11:00"\n    digital',
    )
    assert "DK207" not in codes(findings(write, daytime))
    evening = PROJECT.replace("format: digital\n", "format: digital\n    test: true\n")
    assert "DK207" in codes(findings(write, evening))


def test_test_dialogue_does_not_count_for_its_municipality(write):
    text = PROJECT.replace("format: digital\n", "format: digital\n    test: true\n")
    found = [f for f in findings(write, text) if f.code == "DK203"]
    assert [f.line for f in found] == [line_of(text, "municipalities:")]


def test_cancelled_dialogue_is_not_held_to_the_rules(write):
    text = PROJECT.replace("members: [anna, bo]", "members: [anna]\n    status: cancelled")
    found = codes(findings(write, text))
    assert "DK201" not in found
    assert "DK203" in found  # Sala no longer has a dialogue


def test_target_group_missing_feel(write):
    text = COMMUNICATION.replace("    feel: Att de är en del av omställningen.\n", "")
    found = [f for f in findings(write, text) if f.code == "DK215"]
    assert [f.line for f in found] == [line_of(text, "- id: hr")]


def test_communication_activity_without_responsible(write):
    text = COMMUNICATION.replace("    responsible: Kristin Lundgren\n", "")
    found = [f for f in findings(write, text) if f.code == "DK214"]
    assert [f.line for f in found] == [line_of(text, "- id: informera-hr")]


def test_communication_activity_with_unknown_target_group(write):
    text = COMMUNICATION.replace("target_groups: [hr]", "target_groups: [hr, ekonomi]")
    found = [f for f in findings(write, text) if f.code == "DK220"]
    assert [f.line for f in found] == [line_of(text, "target_groups: [hr, ekonomi]")]


def test_communication_duplicate_target_group(write):
    text = COMMUNICATION.replace(
        "key_message:", "  - {id: hr, name: Igen, know: a, feel: b, do: c}\nkey_message:"
    )
    found = [f for f in findings(write, text) if f.code == "DK217"]
    assert [f.line for f in found] == [line_of(text, "{id: hr, name: Igen")]


def test_local_plan_sub_goal_missing_from_strategy(write):
    text = LOCAL_PLAN.replace("sub_goals: [1]", "sub_goals: [1, 7]")
    found = [f for f in findings(write, text, ("strategi.yaml", STRATEGY)) if f.code == "DK216"]
    assert [f.line for f in found] == [line_of(text, "sub_goals: [1, 7]")]


def test_local_plan_key_figure_sub_goal_is_checked_across_files(write):
    text = LOCAL_PLAN.replace("sub_goal: 1, values", "sub_goal: 9, values")
    found = [f for f in findings(write, text, ("strategi.yaml", STRATEGY)) if f.code == "DK216"]
    assert [f.line for f in found] == [line_of(text, "kolada_id: U21463")]


def test_local_plan_strategy_not_found(write):
    found = [f for f in findings(write, LOCAL_PLAN) if f.code == "DK219"]
    assert [f.line for f in found] == [line_of(LOCAL_PLAN, "strategy: strategi")]


def test_local_plan_score_outside_its_scale_and_a_missing_score(write):
    """More in test_localplan_scores.py."""
    text = LOCAL_PLAN.replace("scores: {2022: 3}}", "scores: {2022: 7}}").replace(
        "follow_ups:", "  - {id: ny, statement: Nytt., sub_goal: 1, scores: {2023: 2}}\nfollow_ups:"
    )
    found = findings(write, text, ("strategi.yaml", STRATEGY))
    assert [(f.code, f.line) for f in found] == [
        ("DK224", line_of(text, "scores: {2022: 7}")),
        ("DK225", line_of(text, "scores: {2022: 7}")),
        ("DK225", line_of(text, "{id: ny,")),
    ]


def test_local_plan_activity_without_anyone(write):
    text = LOCAL_PLAN.replace("    by_whom: Utvecklingsledare\n", "")
    found = [f for f in findings(write, text, ("strategi.yaml", STRATEGY)) if f.code == "DK214"]
    assert [f.line for f in found] == [line_of(text, "- id: sip")]


def test_two_plans_with_the_same_id(write, tmp_path):
    write(PROJECT, "a.yaml")
    write(PROJECT, "b.yaml")
    found = [f for f in dialogkit.check([tmp_path]).findings if f.code == "DK217"]
    assert [(f.file.name, f.line) for f in found] == [
        ("b.yaml", line_of(PROJECT, "id: testprojekt"))
    ]


def test_every_registered_rule_is_tested():
    import pathlib

    from dialogkit.rules import RULES, _load_rule_modules

    _load_rule_modules()
    tests = pathlib.Path(__file__).parent.glob("test_*.py")  # a rule's own file, or here
    source = "".join(path.read_text(encoding="utf-8") for path in tests)
    untested = {r.code for r in RULES if f'"{r.code}"' not in source}
    assert untested == set()


@pytest.mark.slow
def test_holiday_table_equals_the_holidays_library():
    import holidays

    from dialogkit.holiday_table import FIRST_YEAR, LAST_YEAR
    from dialogkit.rules.project import _library_holidays, swedish_holidays

    years = frozenset(range(FIRST_YEAR, LAST_YEAR + 1))
    assert swedish_holidays(years) == _library_holidays(years)
    assert len(holidays.country_holidays("SE", years=2021)) > 10  # the library is there
    outside = frozenset({2050})
    assert swedish_holidays(outside) == _library_holidays(outside)  # beyond the table


def test_past_the_cap_warnings_never_hide_an_error(run, write):
    """150 fields holding a phone number (DK222 warnings) come before a dialogue with one
    member (DK201, an error): the error is among the findings shown."""
    plan = yaml.safe_load(PROJECT)
    plan["principles"] = [f"Ring 070-123 45 {i % 100:02d}" for i in range(150)]
    plan["dialogues"][0]["members"] = ["anna"]
    result = run("plan", "check", "--format", "json", write(yaml.safe_dump(plan)))
    report = json.loads(result.stdout)
    codes = [finding["code"] for finding in report["findings"]]
    assert len(codes) == 100 and "DK201" in codes
    assert report["errors"] == 1 and report["warnings"] == 150


SALA_HELD = ("    members: [anna, bo]\n", "    members: [anna, bo]\n    status: held\n")
SALA_THEMES = (SALA_HELD[0], SALA_HELD[1] + "    outcome: {themes: [Kontinuitet]}\n")


@pytest.mark.parametrize(
    ("code", "change", "today"),
    [
        ("DK226", SALA_HELD, "2021-04-28"),
        ("DK227", SALA_HELD, "2021-05-14"),
        ("DK228", SALA_THEMES, "2021-08-31"),
        ("DK229", ("", ""), "2021-04-16"),
        ("DK230", ("", ""), "2021-04-13"),
    ],
)
def test_rule_about_dates_on_a_given_day(write, code, change, today):
    """More of each in test_due.py: the day decides, so `check` is told which it is."""
    from datetime import date

    path = write(PROJECT.replace(*change, 1) if change[0] else PROJECT)
    assert code not in codes(dialogkit.check([path], date(2021, 4, 12)).findings)
    assert code in codes(dialogkit.check([path], date.fromisoformat(today)).findings)


LINKED = PROJECT.replace("costs:\n", "implementation_plan: genomforandeplan\ncosts:\n", 1)


@pytest.mark.parametrize(
    ("code", "plan_change", "project_change", "file", "mark"),
    [
        ("DK231", ("[testprojekt]", "[testprojekt, x]"), None, "plan", "projects:"),
        ("DK232", ("rung: dialogue\n", "rung: influence\n"), None, "plan", "projects:"),
        ("DK233", ("[testprojekt]", "[]"), None, "plan", "- id: nara-vard"),
        ("DK234", None, ("n: genomforandeplan", "n: x"), "project", "implementation_plan:"),
        ("DK235", ("[testprojekt]", "[]\n    status: done"), None, "project", "implementation"),
        ("DK240", ("[testprojekt]", "[testprojekt, testprojekt]"), None, "plan", "projects:"),
    ],
)
def test_implementation_plan_links(write, tmp_path, code, plan_change, project_change, file, mark):
    """More of each in test_implementation_plan.py."""
    from conftest import IMPLEMENTATION_PLAN

    texts = {"plan": IMPLEMENTATION_PLAN, "project": LINKED}
    for name, text in texts.items():
        write(text, f"{name}.yaml")
    assert code not in codes(dialogkit.check([tmp_path]).findings)
    for name, change in (("plan", plan_change), ("project", project_change)):
        if change:
            texts[name] = write(texts[name].replace(*change), f"{name}.yaml").read_text("utf-8")
    found = [f for f in dialogkit.check([tmp_path]).findings if f.code == code]
    where = (f"{file}.yaml", line_of(texts[file], mark))
    assert [(f.file.name, f.line) for f in found] == [where]
