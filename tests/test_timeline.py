"""`dialogkit timeline`: the month axis, its formats and the calendar file."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest
from conftest import COMMUNICATION, LOCAL_PLAN, PROJECT, REPO, STRATEGY
from icalendar import Calendar

VASTMANLAND = REPO / "plans" / "vastmanland-nara-vard.yaml"


@pytest.mark.slow
def test_vastmanland_runs_december_to_august_with_dialogues_in_april_and_may(run):
    result = run("timeline", VASTMANLAND, "--today", "2021-04-20")
    assert result.exit_code == 0
    out = result.stdout
    header = next(line for line in out.splitlines() if "Vad" in line)
    months = ["dec", "jan", "feb", "mar", "▼apr", "maj", "jun", "jul", "aug"]
    positions = [header.index(m) for m in months]
    assert positions == sorted(positions)
    april = out.index("April 2021")
    may = out.index("Maj 2021")
    june = out.index("Juni 2021")
    assert april < out.index("Dialog Arboga") < may < out.index("Dialog Sala") < june
    assert "Idag: tisdag 20 april 2021" in out


def test_overdue_items_are_marked(run, write):
    path = write(PROJECT)
    result = run("timeline", path, "--today", "2021-09-01")
    assert "försenad" in result.stdout
    assert "4 försenade" in result.stdout  # two tasks and two dialogues, none marked done
    result = run("timeline", path, "--today", "2020-11-01")
    assert "försenad" not in result.stdout


def test_markdown_groups_by_month(run):
    result = run("timeline", VASTMANLAND, "--format", "markdown", "--today", "2021-04-20")
    text = result.stdout
    assert text.startswith("# Tidsaxel: Invånardialog Nära vård")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## December 2020",
        "## Januari 2021",
        "## Februari 2021",
        "## Mars 2021",
        "## April 2021",
        "## Maj 2021",
        "## Juni 2021",
        "## Augusti 2021",
    ]
    assert "- **Dialog Sala** (4 maj 2021 18.00–20.00) – genomförd – Hassan Ali, Anna Lind" in text
    assert "- **Dialoger** (april–maj 2021) – klar" in text


def test_mermaid_gantt(run, write):
    text = PROJECT.replace(
        "{task: Frågor, when: 2020-12, responsible: Presidiet}",
        "{task: 'Frågor: del 1', when: 2020-12, responsible: Presidiet, "
        "milestone: true, status: done}",
    )
    result = run("timeline", write(text), "--format", "mermaid", "--today", "2021-07-01")
    lines = result.stdout.splitlines()
    assert lines[0] == "```mermaid" and lines[1] == "gantt" and lines[-1] == "```"
    assert "    dateFormat YYYY-MM-DD" in lines
    assert "    Frågor#58; del 1 :done, milestone, uppgift_1, 2020-12-31, 0d" in lines  # ':' coded
    assert "    Dialoger :crit, uppgift_2, 2021-04-01, 2021-06-01" in lines
    assert "    Dialog Sala :crit, sala, 2021-04-13, 2021-04-14" in lines


def test_csv_reads_back(run):
    result = run("timeline", VASTMANLAND, "--format", "csv", "--today", "2021-04-20")
    assert result.stdout.startswith("\ufeff")  # Swedish Excel reads UTF-8 only after a BOM
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 11 + 12
    sala = next(r for r in rows if r["id"] == "sala")
    assert (sala["typ"], sala["start"], sala["slut"], sala["status"]) == (
        "dialog",
        "2021-05-04",
        "2021-05-04",
        "genomförd",
    )
    assert sala["ansvarig"] == "Hassan Ali, Anna Lind"


def test_communication_plan_seasons_and_ranges(run, write):
    text = COMMUNICATION.replace("when: Hösten 2023", "when: Juni-september 2023")
    result = run("timeline", write(text), "--format", "csv", "--today", "2023-06-01")
    row = next(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert (row["start"], row["slut"]) == ("2023-06-01", "2023-09-30")


def test_local_plan_timeline(run, write):
    write(STRATEGY, "strategi.yaml")
    result = run("timeline", write(LOCAL_PLAN), "--format", "markdown", "--today", "2024-02-01")
    assert "## Januari 2023" in result.stdout
    assert "**SIP för alla** (2023) – **försenad** – Utvecklingsledare" in result.stdout


def _events(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.slow
def test_ics_local_times_time_zone_and_stable_uids(run, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("timeline", VASTMANLAND, "--format", "ics", "--out", first).exit_code == 0
    assert run("timeline", VASTMANLAND, "--format", "ics", "--out", second).exit_code == 0
    calendar, events = _events(first.read_bytes())
    _, again = _events(second.read_bytes())
    assert len(events) == 12
    assert sorted(events) == sorted(again)

    # One VTIMEZONE, one STANDARD and one DAYLIGHT block, each with a yearly rule.
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"
    blocks = {c.name: c for c in zone.subcomponents}
    assert sorted(blocks) == ["DAYLIGHT", "STANDARD"]
    assert all(b["RRULE"]["FREQ"] == ["YEARLY"] for b in blocks.values())

    sala = events["sala.vastmanland-nara-vard@dialogkit"]
    start = sala.decoded("DTSTART")
    assert (start.hour, start.minute) == (18, 0)
    assert sala["DTSTART"].params["TZID"] == "Europe/Stockholm"
    # The zone as the file itself defines it: summer time in May, winter time in February.
    tz = zone.to_tz()
    local = datetime(2021, 5, 4, 18, 0, tzinfo=tz)
    assert local.utcoffset() == timedelta(hours=2)
    assert datetime(2021, 2, 16, 10, 0, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert str(sala["LOCATION"]) == "Sala stadsbibliotek, Norra Esplanaden 5, Sala"
    test = events["test-1.vastmanland-nara-vard@dialogkit"]
    assert str(test["LOCATION"]) == "Teams"  # the link goes to those who register (issue 13)
    assert "Anmäl dig senast fredag 12 februari 2021" in str(test["DESCRIPTION"])
    assert "invanardialog@example.se" in str(test["DESCRIPTION"])


def test_ics_never_claims_a_hearing_loop_that_is_not_there(run, write, tmp_path):
    text = PROJECT.replace("hearing_loop: true", "hearing_loop: false")
    # The plan now fails the check (DK204): the calendar is a marked draft (test_drafts),
    # and it does not claim the hearing loop.
    out = tmp_path / "kalender.ics"
    result = run("timeline", write(text), "--format", "ics", "--out", out)
    assert result.exit_code == 1
    assert "DK204" in result.stderr and "hörselslinga" in result.stderr
    calendar = Calendar.from_ical(out.read_bytes())
    for event in calendar.walk("VEVENT"):
        assert str(event["SUMMARY"]).startswith("UTKAST – planen har 1 fel: ")
        assert "hörselslinga" not in str(event["DESCRIPTION"])


def test_ics_only_for_dialogue_projects(run, write):
    result = run("timeline", write(COMMUNICATION), "--format", "ics")
    assert result.exit_code == 2
    assert "kommunikationsplan" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("timeline", "finns-inte.yaml"), 2, "ingen sådan plan"),
        (("timeline", "{strategy}"), 2, "strategi"),
        (("timeline", "{broken}"), 1, "plan check"),
        (("timeline", "{project}", "--today", "igår"), 2, "ÅÅÅÅ-MM-DD"),
    ],
)
def test_errors_are_messages_not_tracebacks(run, write, args, code, words):
    paths = {
        "{strategy}": str(write(STRATEGY, "s.yaml")),
        "{broken}": str(write(PROJECT.replace("members: [anna, bo]", "members: [anna]"), "b.yaml")),
        "{project}": str(write(PROJECT, "p.yaml")),
    }
    result = run(*[paths.get(a, a) for a in args])
    assert result.exit_code == code
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_output_file_is_written_atomically(run, tmp_path):
    out = tmp_path / "ut" / "tidsaxel.md"
    result = run("timeline", VASTMANLAND, "--format", "markdown", "--out", out)
    assert result.exit_code == 0
    assert out.read_text("utf-8").startswith("# Tidsaxel")
    assert [p.name for p in out.parent.iterdir()] == ["tidsaxel.md"]  # no temporary left
