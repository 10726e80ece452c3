"""`dialogkit status`: what is overdue, due within the window and coming next, across
the workspace, for the terminal (80 columns), Markdown and scripts (JSON)."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import LOCAL_PLAN, PROJECT, REPO, STRATEGY

from dialogkit.entry import main


@pytest.fixture
def status(capsys, monkeypatch):
    """Run `dialogkit status ARGS...` on an 80-column terminal: (exit code, stdout)."""

    def invoke(*args, lang: str = "sv") -> tuple[int, str]:
        argv = ["dialogkit", "--lang", lang, "status", *map(str, args)]
        monkeypatch.setattr(sys, "argv", argv)
        monkeypatch.setenv("COLUMNS", "80")
        try:
            main()
            code = 0
        except SystemExit as exit:
            code = exit.code
        out = capsys.readouterr()
        assert "Traceback" not in out.err, out.err
        return code, out.out

    return invoke


# The process leader's day in the example workspace. Pinned against the plans as they
# stood when `status` was written: re-pin when the example's dates change.
PINNED = [
    "Att göra 2021-04-20 (14 dagar framåt)",
    "",
    "Inom 14 dagar",
    "  2021-04-20  idag            Inbjudan, e-post",
    "              vastmanland-nara-vard · sala · Sara Fredin",
    "  2021-04-20  idag            Inbjudan, Facebook",
    "              vastmanland-nara-vard · sala · Sara Fredin",
    "  2021-04-20  idag            Inbjudan, pressmeddelande",
    "              vastmanland-nara-vard · sala · Sara Fredin",
    "  2021-04-20  idag            Inbjudan, webben",
    "              vastmanland-nara-vard · surahammar · Sara Fredin",
    "  2021-04-20  idag            Inbjudan, tidningsannons",
    "              vastmanland-nara-vard · vasteras · Sara Fredin",
    "  2021-04-22  om 2 dagar      Hålla dialogen",
    "              vastmanland-nara-vard · kungsor · Sara Fredin",
    "  2021-04-22  om 2 dagar      Inbjudan, e-post",
    "              vastmanland-nara-vard · skinnskatteberg · Sara Fredin",
    "  2021-04-22  om 2 dagar      Inbjudan, Facebook",
    "              vastmanland-nara-vard · skinnskatteberg · Sara Fredin",
    "  2021-04-22  om 2 dagar      Inbjudan, pressmeddelande",
    "              vastmanland-nara-vard · skinnskatteberg · Sara Fredin",
    "  2021-04-23  om 3 dagar      Sista anmälningsdag",
    "              vastmanland-nara-vard · koping · Sara Fredin",
    "  2021-04-25  om 5 dagar      Påminnelse till de anmälda",
    "              vastmanland-nara-vard · koping · Sara Fredin",
    "  2021-04-27  om 7 dagar      Hålla dialogen",
    "              vastmanland-nara-vard · koping · Sara Fredin",
    "  2021-04-27  om 7 dagar      Inbjudan, e-post",
    "              vastmanland-nara-vard · surahammar · Sara Fredin",
    "  2021-04-27  om 7 dagar      Inbjudan, Facebook",
    "              vastmanland-nara-vard · surahammar · Sara Fredin",
    "  2021-04-27  om 7 dagar      Inbjudan, pressmeddelande",
    "              vastmanland-nara-vard · surahammar · Sara Fredin",
    "  2021-04-27  om 7 dagar      Inbjudan, webben",
    "              vastmanland-nara-vard · vasteras · Sara Fredin",
    "  2021-04-29  om 9 dagar      Hålla dialogen",
    "              vastmanland-nara-vard · norberg · Sara Fredin",
    "  2021-05-04  om 14 dagar     Hålla dialogen",
    "              vastmanland-nara-vard · sala · Sara Fredin",
    "  2021-05-04  om 14 dagar     Inbjudan, e-post",
    "              vastmanland-nara-vard · vasteras · Sara Fredin",
    "  2021-05-04  om 14 dagar     Inbjudan, Facebook",
    "              vastmanland-nara-vard · vasteras · Sara Fredin",
    "  2021-05-04  om 14 dagar     Inbjudan, pressmeddelande",
    "              vastmanland-nara-vard · vasteras · Sara Fredin",
    "",
    "Därefter",
    "  2021-05-06  om 16 dagar     Hålla dialogen",
    "              vastmanland-nara-vard · skinnskatteberg · Sara Fredin",
    "  2021-05-11  om 21 dagar     Hålla dialogen",
    "              vastmanland-nara-vard · surahammar · Sara Fredin",
    "  2021-05-14  om 24 dagar     Sista anmälningsdag",
    "              vastmanland-nara-vard · vasteras · Sara Fredin",
    "  2021-05-15  om 25 dagar     Återkoppling till deltagarna",
    "              vastmanland-nara-vard · fagersta · Sara Fredin",
    "  2021-05-16  om 26 dagar     Påminnelse till de anmälda",
    "              vastmanland-nara-vard · vasteras · Sara Fredin",
]


@pytest.mark.slow
def test_what_the_process_leader_owes_on_a_day_in_april_2021(status, monkeypatch):
    monkeypatch.chdir(REPO)
    code, out = status("--today", "2021-04-20", "plans/")
    assert code == 0
    assert out.splitlines() == PINNED
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.slow
def test_the_example_workspace_fits_80_columns_on_any_day(status, monkeypatch):
    monkeypatch.chdir(REPO)
    for day in ("2020-11-01", "2021-05-20", "2023-09-01", "2026-11-27"):
        code, out = status("--today", day, "--days", "60")
        assert code == 0 and out.startswith(f"Att göra {day}")
        assert all(len(line) <= 80 for line in out.splitlines()), day


def project(tmp_path, text: str = PROJECT):
    plans = tmp_path / "plans"
    plans.mkdir(exist_ok=True)
    (plans / "projekt.yaml").write_text(text, encoding="utf-8")
    return plans


CHANNELS = """\
invitation_channels:
  - {channel: newspaper_ad}
  - {channel: web}
  - {channel: reminder}
"""


def items(status, *args) -> dict:
    code, out = status(*args, "--format", "json")
    assert code == 0
    return json.loads(out)


def test_invitations_go_out_a_channels_lead_time_before_the_dialogue(status, tmp_path):
    plans = project(tmp_path, PROJECT + CHANNELS)
    data = items(status, plans, "--today", "2021-03-01", "--days", "60")
    sent = {(i["dialogue"], i["kind"], i["title"]): i["date"] for i in data["due"]}
    # sala 2021-04-13 in person (no registration: no reminder); koping 2021-04-15 digital
    assert sent[("sala", "invitation", "newspaper_ad")] == "2021-03-16"  # 28 days before
    assert sent[("sala", "invitation", "web")] == "2021-03-23"  # 21 days before
    assert ("sala", "reminder", "reminder") not in sent
    assert sent[("koping", "reminder", "reminder")] == "2021-04-13"  # 2 days before
    assert sent[("koping", "registration", None)] == "2021-04-12"
    assert sent[("koping", "dialogue", None)] == "2021-04-15"


def test_a_plan_overrides_the_lead_time(status, tmp_path):
    plans = project(tmp_path, PROJECT + CHANNELS + "deadlines:\n  lead_days: {newspaper_ad: 42}\n")
    data = items(status, plans, "--today", "2021-02-01", "--days", "60")
    ads = [i["date"] for i in data["due"] if i["title"] == "newspaper_ad"]
    assert ads == ["2021-03-02", "2021-03-04"]


def test_overdue_lines_say_how_late_and_fail_on_overdue_exits_1(status, tmp_path):
    held = PROJECT.replace(
        "    members: [anna, bo]\n", "    members: [anna, bo]\n    status: held\n"
    )
    plans = project(tmp_path, held)
    code, out = status(plans, "--today", "2021-05-20")
    assert code == 0
    lines = out.splitlines()
    overdue = lines[lines.index("Försenat") + 1 :]
    assert "  2021-04-27  23 dagar sent   Dokumentation av dialogen" in overdue
    assert "              testprojekt · sala · Pia Processledare" in overdue
    assert "  2021-04-15  35 dagar sent   Hålla dialogen" in overdue  # koping, planned
    assert "  2020-12-31  140 dagar sent  Uppgift: Frågor" in overdue
    assert "              testprojekt · Presidiet" in overdue
    assert status(plans, "--today", "2021-05-20", "--fail-on-overdue")[0] == 1
    assert status(plans, "--today", "2020-11-01", "--fail-on-overdue")[0] == 0


def test_json_and_markdown_carry_the_same_items(status, tmp_path):
    plans = project(tmp_path)
    data = items(status, plans, "--today", "2021-04-10")
    assert data["today"] == "2021-04-10" and data["window_days"] == 14
    first = data["due"][0]
    assert first == {
        "kind": "registration",
        "what": "Sista anmälningsdag",
        "date": "2021-04-12",
        "days": 2,
        "plan": "testprojekt",
        "file": str(plans / "projekt.yaml"),
        "dialogue": "koping",
        "title": None,
        "responsible": ["Pia Processledare"],
    }
    _, markdown = status(plans, "--today", "2021-04-10", "-f", "markdown")
    assert markdown.startswith("# Att göra 2021-04-10 (14 dagar framåt)\n")
    assert "| Datum | Dagar | Vad | Plan | Dialog | Ansvarig |" in markdown
    row = "| 2021-04-12 | om 2 dagar | Sista anmälningsdag | testprojekt | koping |"
    assert f"{row} Pia Processledare |" in markdown
    _, out = status(plans, "--today", "2021-04-10", "--format", "json", lang="en")
    english = json.loads(out)
    assert english["due"][0]["what"] == "Registration closes"


def test_a_finished_project_owes_nothing_about_its_dialogues(status, tmp_path):
    """The report was due 2021-08-31: the dialogues still planned are history."""
    plans = project(tmp_path)
    data = items(status, plans, "--today", "2021-09-01", "--days", "30")
    assert {i["kind"] for i in data["overdue"]} == {"task"}


def test_a_local_plan_missing_a_follow_up_year(status, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "lokal.yaml").write_text(LOCAL_PLAN, encoding="utf-8")
    (plans / "strategi.yaml").write_text(STRATEGY, encoding="utf-8")
    data = items(status, plans, "--today", "2024-05-01")
    follow_ups = [
        (i["title"], i["date"], i["days"] < 0) for i in data["overdue"] if i["kind"] == "follow_up"
    ]
    assert follow_ups == [("2023", "2024-03-31", True)]  # 2022 is done, 2024 not yet due
    assert [i["responsible"] for i in data["overdue"] if i["kind"] == "follow_up"] == [["Leksand"]]


def test_a_plan_that_cannot_be_read_is_named(status, tmp_path):
    plans = project(tmp_path)
    (plans / "trasig.yaml").write_text("kind: [\n", encoding="utf-8")
    code, out = status(plans, "--today", "2021-04-10")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "Kunde inte läsas (kör dialogkit plan check):",
        str(plans / "trasig.yaml"),
    ]
    # it may hide what is overdue: a CI job with --fail-on-overdue must not pass
    assert status(plans, "--today", "2021-04-10", "--fail-on-overdue")[0] == 1


def test_a_bad_today_is_refused(status, tmp_path):
    code, _ = status(project(tmp_path), "--today", "igår")
    assert code == 2


def test_plan_text_in_the_markdown_is_data_not_markup(status, tmp_path):
    """A task's title and its owner are the plan's text: in the Markdown table they
    show as written, never as a link, emphasis, HTML or a new column."""
    hostile = PROJECT.replace(
        "{task: Frågor, when: 2020-12, responsible: Presidiet}",
        '{task: "[Klicka](javascript:alert(1)) **viktigt** <b>x</b>", when: 2021-04, '
        'responsible: "Presidiet | ny kolumn"}',
    )
    _, markdown = status(project(tmp_path, hostile), "--today", "2021-04-10", "-f", "markdown")
    (row,) = [line for line in markdown.splitlines() if "Klicka" in line]
    assert "\\[Klicka\\](javascript:alert(1))" in row
    assert "\\*\\*viktigt\\*\\*" in row and "&lt;b>x&lt;/b>" in row
    assert "Presidiet \\| ny kolumn" in row
    assert row.count(" | ") == 5  # six cells, as the header
