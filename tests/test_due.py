"""The rules about what comes after a dialogue (DK226–DK230), on the day `plan check
--today` names: each trips on one plan and stays quiet on another."""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT, line_of

SALA_MEMBERS = "    members: [anna, bo]\n"
KOPING_MEMBERS = "    members: [bo, cia]\n"


BASE = PROJECT.replace(KOPING_MEMBERS, KOPING_MEMBERS + "    status: cancelled\n").replace(
    "municipalities: [Sala, Köping]", "municipalities: [Sala]"
)
"""The test project with only the dialogue in Sala: the one in Köping is cancelled."""


def sala(*lines: str, plan: str = BASE) -> str:
    """The test project with `lines` added to the dialogue in Sala (2021-04-13)."""
    return plan.replace(SALA_MEMBERS, SALA_MEMBERS + "".join(f"    {x}\n" for x in lines), 1)


HELD = sala("status: held")
DOCUMENTED = sala("status: held", "outcome:", "  public_notes: Kontinuitet var viktigast.")
THEMES = sala("status: held", "outcome:", "  themes: [Kontinuitet, Vård på orten]")


def check(run, write, text: str, today: str, codes=None) -> list[tuple[str, int]]:
    """(code, line) of each finding from the rules about dates (or of `codes`), as
    seen on `today`."""
    result = run("plan", "check", write(text), "--today", today, "--format", "json")
    assert result.exit_code in (0, 1), result.stdout + result.stderr  # 1: the test dialogue
    found = json.loads(result.stdout)["findings"]
    return [(f["code"], f["line"]) for f in found if f["code"] in (codes or DUE_CODES)]


DUE_CODES = {"DK226", "DK227", "DK228", "DK229", "DK230"}
STATUS_LINE = line_of(HELD, "status: held")


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # DK226: held 2021-04-13, no documentation 14 days later
        (HELD, "2021-04-27", []),
        (HELD, "2021-04-28", [("DK226", STATUS_LINE)]),
        (DOCUMENTED, "2021-04-28", []),
        (sala("status: held", "outcome:", "  follow_up: {went_well: Samtalen.}"), "2021-04-28", []),
        (HELD + "deadlines: {documentation_days: 30}\n", "2021-04-28", []),
        (HELD, "2021-09-01", []),  # the report was due 2021-08-31: the project is finished
        (
            sala("status: held", "test: true", plan=BASE.replace('"18:00"', '"10:00"', 1)),
            "2021-04-28",
            [],
        ),
        # DK227: no feedback to the participants 30 days later
        (DOCUMENTED, "2021-05-13", []),
        (DOCUMENTED, "2021-05-14", [("DK227", STATUS_LINE)]),
        (DOCUMENTED + "deadlines: {feedback_days: 10}\n", "2021-04-24", [("DK227", STATUS_LINE)]),
    ],
)
def test_documentation_and_feedback_owed(run, write, text, today, expected):
    assert check(run, write, text, today) == expected


def feedback(audience: str, day: str) -> str:
    return sala(
        "status: held",
        "outcome:",
        "  public_notes: Kontinuitet var viktigast.",
        "  feedback:",
        f"    - {{date: {day}, audience: {audience}, description: Tack.}}",
    )


def test_feedback_to_the_participants_clears_the_warning_and_to_the_public_does_not(run, write):
    assert check(run, write, feedback("participants", "2021-04-20"), "2021-05-20") == []
    assert [c for c, _ in check(run, write, feedback("public", "2021-04-20"), "2021-05-20")] == [
        "DK227"
    ]
    # feedback dated after the day asked about was not given yet on that day
    late = check(run, write, feedback("participants", "2021-06-01"), "2021-05-20")
    assert [code for code, _ in late] == ["DK227"]


def test_themes_without_a_response_from_the_day_the_report_is_due(run, write):
    def themes(text: str, today: str):
        return check(run, write, text, today, codes={"DK228"})

    assert themes(THEMES, "2021-08-30") == []
    assert themes(THEMES, "2021-08-31") == [("DK228", line_of(THEMES, "themes:"))] * 2
    answered = THEMES + (
        "responses:\n"
        "  - {theme: kontinuitet, response: Utreds.}\n"
        "  - {theme: Vård på orten, response: Mobila team., state: decided}\n"
    )
    assert themes(answered, "2021-09-30") == []
    one_left = THEMES + "responses:\n  - {theme: Kontinuitet, response: Utreds.}\n"
    assert [code for code, _ in themes(one_left, "2021-09-30")] == ["DK228"]
    # the project is finished: the dialogue's documentation is no longer asked for
    assert check(run, write, THEMES, "2021-09-30") == [("DK228", line_of(THEMES, "themes:"))] * 2


def test_a_status_that_contradicts_the_date(run, write):
    assert check(run, write, HELD, "2021-04-12") == [("DK229", STATUS_LINE)]
    assert check(run, write, HELD, "2021-04-13") == []
    booked = sala("status: booked")
    assert check(run, write, booked, "2021-04-13") == []
    assert check(run, write, booked, "2021-04-14") == [("DK229", line_of(booked, "status:"))]
    assert check(run, write, booked, "2021-09-01") == []  # the project is finished
    cancelled = sala("status: cancelled")
    assert check(run, write, cancelled, "2021-04-14") == []


def test_a_registration_deadline_passed_while_the_dialogue_is_planned(run, write):
    deadline = line_of(PROJECT, "registration_deadline")
    assert check(run, write, PROJECT, "2021-04-12") == []
    assert check(run, write, PROJECT, "2021-04-13") == [("DK230", deadline)]
    booked = PROJECT.replace(KOPING_MEMBERS, KOPING_MEMBERS + "    status: booked\n")
    assert check(run, write, booked, "2021-04-13") == []


def test_the_messages_say_how_late_in_both_languages(run, write):
    path = write(HELD)
    sv = run("plan", "check", path, "--today", "2021-04-30").stdout
    assert "Dialogen 'sala' hölls för 17 dagar sedan men saknar dokumentation" in sv
    en = run("--lang", "en", "plan", "check", path, "--today", "2021-04-30").stdout
    assert "The dialogue 'sala' was held 17 days ago but has no documentation" in en
    planned = run("plan", "check", write(sala("status: planned")), "--today", "2021-04-14")
    assert "har status planerad men datumet 2021-04-13 passerade för 1 dag sedan" in planned.stdout


def test_without_today_the_rules_ask_about_the_real_date(run, write):
    """The test project's report was due in 2021: on the real date it is finished, and
    a dialogue still planned then is history, not a warning."""
    result = run("plan", "check", write(PROJECT), "--format", "json")
    assert json.loads(result.stdout)["findings"] == []


@pytest.mark.parametrize("args", [("--today", "2021-04-28"), ("--today=2021-04-28",)])
def test_the_quick_check_and_the_full_command_line_agree_on_today(run, write, args):
    from typer.testing import CliRunner

    from dialogkit.cli import app

    path = write(HELD)
    quick = run("plan", "check", *args, str(path))
    full = CliRunner().invoke(app, ["plan", "check", *args, str(path)])
    assert "DK226" in quick.stdout
    assert (quick.exit_code, quick.stdout) == (full.exit_code, full.stdout)


def test_a_today_that_is_no_date_is_refused(run, write):
    result = run("plan", "check", write(PROJECT), "--today", "2021-13-01")
    assert result.exit_code == 2
    assert "--today 2021-13-01: inte ett datum." in result.stderr
    assert "Traceback" not in result.stderr
