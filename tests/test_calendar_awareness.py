"""Calendar awareness: a member double-booked (DK236) or in two municipalities on one
day (DK237), the workspace's blackout periods in dialogkit.toml (DK238), and lead
time that has passed in `dialogkit status`."""

from __future__ import annotations

import json
import re
import shutil
import tomllib

import pytest
from conftest import PROJECT, REPO, line_of

# The fixture project holds sala (2021-04-13 18:00–20:00, anna and bo) and koping
# (2021-04-15 18:00–20:00, bo and cia).
KOPING_SAME_DAY = PROJECT.replace("date: 2021-04-15", "date: 2021-04-13")


def koping_at(start: str, end: str, text: str = KOPING_SAME_DAY) -> str:
    """The project with koping on sala's day at other times."""
    head, tail = text.split("  - id: koping", 1)
    tail = tail.replace('start: "18:00"', f'start: "{start}"', 1)
    return head + "  - id: koping" + tail.replace('end: "20:00"', f'end: "{end}"', 1)


def codes(output: str) -> list[str]:
    return re.findall(r"\bDK2\d\d\b", output)


def check(run, *paths):
    result = run("plan", "check", *paths)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# --- DK236: the same member in two dialogues at once -----------------------------------


def test_a_member_in_two_overlapping_dialogues_is_an_error_on_the_later(run, write):
    text = koping_at("19:00", "21:00")
    result = check(run, write(text))
    assert result.exit_code == 1
    assert codes(result.stdout).count("DK236") == 1
    line = line_of(text, "members: [bo, cia]")
    assert f"plan.yaml:{line}:" in result.stdout
    assert "Bo B (bo)" in result.stdout
    assert "'koping' i Köping 2021-04-13 19:00–21:00" in result.stdout
    assert "'sala' i Sala 2021-04-13 18:00–20:00" in result.stdout


def test_dialogues_on_different_days_or_cancelled_book_no_one_twice(run, write):
    assert not {"DK236", "DK237"} & set(codes(check(run, write(PROJECT)).stdout))
    cancelled = koping_at("19:00", "21:00").replace(
        "    members: [bo, cia]", "    members: [bo, cia]\n    status: cancelled"
    )
    assert not {"DK236", "DK237"} & set(codes(check(run, write(cancelled)).stdout))


def test_the_english_message(run, write):
    text = "language: en\n" + koping_at("19:00", "21:00")
    result = check(run, write(text))
    assert "The member Bo B (bo) is in two dialogues at the same time" in result.stdout


SECOND_PROJECT = (
    koping_at("19:00", "21:00", PROJECT)
    .replace("id: testprojekt", "id: andraprojektet")
    .replace("date: 2021-04-15", "date: 2021-04-13")
    .replace("{id: bo, name: Bo B,", "{id: b2, name: bo  b,")
    .replace("members: [bo, cia]", "members: [cia, b2]")
    .replace("members: [anna, bo]", "members: [anna, cia]")
    .replace('date: 2021-04-13\n    start: "18:00"', 'date: 2021-04-20\n    start: "18:00"')
)


def test_across_the_projects_checked_together_members_match_by_name(run, write, tmp_path):
    first = write(PROJECT, "plans/a.yaml")
    second = write(SECOND_PROJECT, "plans/b.yaml")
    result = check(run, tmp_path / "plans")
    assert codes(result.stdout).count("DK236") == 1
    line = line_of(SECOND_PROJECT, "members: [cia, b2]")
    found = next(row for row in result.stdout.splitlines() if "DK236" in row)
    assert f"b.yaml:{line}:" in found
    assert "bo  b (b2)" in found and f"(i {first})" in found
    # one plan checked alone: its neighbours are not read for this
    assert "DK236" not in codes(check(run, second).stdout)
    assert "DK236" not in codes(check(run, first).stdout)


def test_across_projects_another_name_is_another_member(run, write, tmp_path):
    write(PROJECT, "plans/a.yaml")
    write(SECOND_PROJECT.replace("bo  b", "Bosse B"), "plans/b.yaml")
    assert "DK236" not in codes(check(run, tmp_path / "plans").stdout)


# --- DK237: the same evening in two municipalities -------------------------------------


def test_a_member_in_two_municipalities_on_one_day_is_a_warning(run, write):
    text = koping_at("20:00", "21:30")  # right after sala, in another municipality
    result = check(run, write(text))
    found = codes(result.stdout)
    assert "DK237" in found and "DK236" not in found
    assert f"plan.yaml:{line_of(text, 'members: [bo, cia]')}:" in result.stdout
    assert "i två kommuner samma dag" in result.stdout


def test_two_dialogues_in_one_municipality_on_one_day_are_fine(run, write):
    text = koping_at("20:00", "21:30").replace(
        "municipality: Köping\n    format: digital", "municipality: Sala\n    format: digital"
    )
    assert not {"DK236", "DK237"} & set(codes(check(run, write(text)).stdout))


# --- DK238: blackout periods ------------------------------------------------------------

SPORTLOV = '[[blackout]]\nname = "Påsklov i Sala"\nstart = 2021-04-12\nend = 2021-04-14\n'


def test_a_dialogue_in_a_blackout_period_is_a_warning_naming_it(run, write, tmp_path):
    write('language = "sv"\n' + SPORTLOV, "dialogkit.toml")
    plan = write(PROJECT, "plans/plan.yaml")
    result = check(run, plan)
    assert codes(result.stdout).count("DK238") == 1
    assert f"plan.yaml:{line_of(PROJECT, 'date: 2021-04-13')}:" in result.stdout
    assert "'sala' 2021-04-13 ligger inom Påsklov i Sala (2021-04-12 – 2021-04-14)" in (
        result.stdout
    )


def test_a_one_day_period_and_a_cancelled_dialogue(run, write):
    one_day = '[[blackout]]\nname = "Eid"\nstart = 2021-04-15\n'
    write(one_day, "dialogkit.toml")
    assert codes(check(run, write(PROJECT, "plans/plan.yaml")).stdout).count("DK238") == 1
    write(one_day, "other/dialogkit.toml")
    cancelled = PROJECT.replace(
        "    members: [bo, cia]", "    members: [bo, cia]\n    status: cancelled"
    )
    assert "DK238" not in codes(check(run, write(cancelled, "other/plans/plan.yaml")).stdout)


def test_no_periods_no_warning(run, write):
    write(
        '[[blackout]]\nname = "Höstlov"\nstart = 2021-11-01\nend = 2021-11-05\n', "dialogkit.toml"
    )
    assert "DK238" not in codes(check(run, write(PROJECT, "plans/plan.yaml")).stdout)


BAD_SETTINGS = {
    "bad toml": ('[[blackout]]\nname = "Sportlov\n', ":2", "TOML"),
    "end before start": (
        '[[blackout]]\nname = "Sportlov"\nstart = 2021-02-26\nend = 2021-02-22\n',
        ":4:",
        "slutar 2021-02-22 innan den börjar 2021-02-26",
    ),
    "no name": ("\n[[blackout]]\nstart = 2021-02-22\n", ":2:", "saknar name"),
    "not a date": (
        '[[blackout]]\nname = "Sportlov"\nstart = "2021-02-22"\n',
        ":3:",
        "start = '2021-02-22' är inte ett datum",
    ),
    "unknown key": (
        SPORTLOV + '\n[[blackout]]\nname = "Påsk"\nstart = 2021-04-01\nslut = 2021-04-05\n',
        ":9:",
        "period 2: slut finns inte",
    ),
    "not tables": ('blackout = "sportlov"\n', ":1:", "[[blackout]]"),
}


@pytest.mark.parametrize("name", BAD_SETTINGS)
def test_a_malformed_settings_file_is_one_clear_message(run, write, name):
    settings, line, words = BAD_SETTINGS[name]
    write(settings, "dialogkit.toml")
    result = check(run, write(PROJECT, "plans/plan.yaml"))
    assert result.exit_code == 2
    assert f"dialogkit.toml{line}" in result.stderr and words in result.stderr, result.stderr
    assert "[[blackout]]" in result.stderr  # the hint shows the shape
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_init_writes_commented_examples_that_work_when_uncommented(run, tmp_path, monkeypatch):
    folder = tmp_path / "ws"
    assert run("init", folder).exit_code == 0
    text = (folder / "dialogkit.toml").read_text("utf-8")
    settings = tomllib.loads(text)
    assert settings == {"language": "sv"}  # the periods are examples, all commented
    assert "läsårstider" in text and "ramadan" in text
    switched_on = re.sub(r"(?m)^# (\[\[blackout\]\]|name =|start =|end =)", r"\1", text)
    assert [p["name"] for p in tomllib.loads(switched_on)["blackout"]] == [
        "Sportlov i Västmanland",
        "Ramadan",
        "Eid al-fitr",
    ]
    english = tmp_path / "en"
    assert run("--lang", "en", "init", english).exit_code == 0
    text = (english / "dialogkit.toml").read_text("utf-8")
    assert tomllib.loads(text) == {"language": "en"} and "school calendars" in text


@pytest.mark.slow
def test_the_example_workspace_note_on_ramadan_is_true(run, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    assert "0 fel, 0 varningar" in check(run, "plans").stdout
    note = (REPO / "dialogkit.toml").read_text("utf-8")
    assert "blackout" not in tomllib.loads(note)  # commented out
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    switched_on = re.sub(r"(?m)^# (\[\[blackout\]\]|name =|start =|end =)", r"\1", note)
    (tmp_path / "dialogkit.toml").write_text(switched_on, encoding="utf-8")
    result = check(run, tmp_path / "plans")
    assert codes(result.stdout).count("DK238") == 9
    assert "nio" in note


# --- lead time in `dialogkit status` -----------------------------------------------------

AD_AND_WEB = "invitation_channels:\n  - {channel: newspaper_ad}\n  - {channel: web}\n"


def status(run, plans, *args):
    result = run("status", plans, *args)
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def lead_time(run, plans, today, *args) -> list[dict]:
    return json.loads(status(run, plans, "--today", today, "-f", "json", *args))["lead_time"]


def test_a_passed_ad_day_is_shown_in_text_markdown_and_json(run, write, tmp_path):
    plans = write(PROJECT + AD_AND_WEB, "plans/plan.yaml").parent
    text = status(run, plans, "--today", "2021-03-20")
    assert "Ledtiden har passerat" in text
    assert "2021-03-16  4 dagar sent    Annonsdagen har passerat, dialogen 2021-04-13" in text
    assert "2021-03-18  2 dagar sent    Annonsdagen har passerat, dialogen 2021-04-15" in text
    markdown = status(run, plans, "--today", "2021-03-20", "-f", "markdown")
    assert "## Ledtiden har passerat" in markdown
    assert "| 2021-03-16 | 4 dagar sent | Annonsdagen har passerat, dialogen 2021-04-13 |" in (
        markdown
    )
    items = lead_time(run, plans, "2021-03-20")
    assert [(i["kind"], i["date"], i["dialogue"], i["dialogue_date"]) for i in items] == [
        ("lead_ad", "2021-03-16", "sala", "2021-04-13"),
        ("lead_ad", "2021-03-18", "koping", "2021-04-15"),
    ]
    english = run("--lang", "en", "status", plans, "--today", "2021-03-20", "-f", "markdown")
    assert "## Lead time passed" in english.stdout
    assert "Newspaper ad day passed, dialogue 2021-04-13" in english.stdout


def test_lead_time_is_shown_only_while_the_dialogue_is_ahead(run, write):
    plans = write(PROJECT + AD_AND_WEB, "plans/plan.yaml").parent
    assert lead_time(run, plans, "2021-03-16") == []  # the ad's day itself: not passed
    assert [i["dialogue"] for i in lead_time(run, plans, "2021-04-14")] == ["koping"]
    assert lead_time(run, plans, "2021-04-16") == []
    held = (PROJECT + AD_AND_WEB).replace(
        "    members: [bo, cia]", "    members: [bo, cia]\n    status: cancelled"
    )
    write(held, "plans/plan.yaml")
    assert [i["dialogue"] for i in lead_time(run, plans, "2021-04-01")] == ["sala"]


def test_registration_opening_is_the_first_invitation_for_a_dialogue_with_registration(run, write):
    web_and_email = "invitation_channels:\n  - {channel: web}\n  - {channel: email}\n"
    plans = write(PROJECT + web_and_email, "plans/plan.yaml").parent
    items = lead_time(run, plans, "2021-04-01")
    # koping is digital (registration by e-mail), sala in person without registration
    assert [(i["kind"], i["date"], i["dialogue"]) for i in items] == [
        ("lead_registration", "2021-03-25", "koping")
    ]
    text = status(run, plans, "--today", "2021-04-01")
    assert "Anmälan skulle ha öppnat, dialogen 2021-04-15" in text


def test_a_done_invitation_task_in_the_timeline_ends_the_reminders(run, write):
    task = "  - {task: Inbjudan, when: 2021-03, responsible: Processledare, status: %s}\n"
    text = PROJECT + AD_AND_WEB
    anchor = "reporting:\n"
    planned = text.replace(anchor, task % "planned" + anchor)
    plans = write(planned, "plans/plan.yaml").parent
    assert len(lead_time(run, plans, "2021-03-20")) == 2
    write(text.replace(anchor, task % "done" + anchor), "plans/plan.yaml")
    assert lead_time(run, plans, "2021-03-20") == []
    assert "Ledtiden" not in status(run, plans, "--today", "2021-03-20")
