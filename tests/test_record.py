"""`dialogkit record`: what happened at a dialogue, written into a commented plan
without touching a byte it need not change."""

from __future__ import annotations

import difflib
import io
import sys
from datetime import date

import pytest
from ruamel.yaml import YAML

PLAN = """\
# Ett dialogprojekt, med kommentarer överallt
kind: dialogue_project
id: testprojekt
title: Invånardialog Nära vård   # titeln
organisation: Region Test
topic: Nära vård
mandate:
  body: Regionstyrelsen
  date: 2020-06-17
  reference: § 1
owner: Beredningen för invånardialog
purpose: Att samla in invånarnas synpunkter.
participation_rung: dialogue
use_of_views: Synpunkterna sammanställs i en rapport.
process_leader:
  name: Pia Processledare
contact:
  name: Kim Kontakt
  email: kontakt@example.se
  official: true
members:
  - {id: anna, name: Anna A, municipality: Sala}
  - {id: bo, name: Bo B, municipality: Köping}
  - {id: cia, name: Cia C, municipality: Västerås}
municipalities: [Sala, Köping, Arboga]
questions:
  - Vad är viktigt för dig?
dialogues:
  # Sala först
  - id: sala
    municipality: Sala
    format: in_person
    date: 2021-04-13
    start: "18:00"   # kvällstid
    end: "20:00"
    venue:
      name: Sala bibliotek
      address: Storgatan 1, Sala
      accessible: true
      hearing_loop: true
    members: [anna, bo]  # två ledamöter

    # sedan Köping
  - id: koping
    municipality: Köping
    format: digital
    date: 2021-04-15
    start: "18:00"
    end: "20:00"
    digital:
      platform: Teams
      link: https://teams.example.se/koping
      registration_email: anmalan@example.se
      registration_deadline: 2021-04-12
    members: [bo, cia]
    status: held
    outcome:
      participants: 12
      themes: [Kontinuitet]  # teman
      internal_notes: >-
        Gammal intern
        text.
      feedback:
        - date: 2021-04-20
          description: Tack.
  - {id: arboga, municipality: Arboga, format: digital, date: 2021-04-20, start: "18:00",
     end: "20:00", members: [anna, cia],  # i klamrar
     digital: {link: "https://teams.example.se/arboga", registration_email: anmalan@example.se}}
# slutet av dialogerna
costs:
  per_dialogue:
    in_person: {fees: 4000, travel: 2000, refreshments: 1500, venue: 1500}
    digital: {fees: 4000}
  budget: 40000
reporting:
  recipients: [Regionstyrelsen]
  due: 2021-08-31
"""


def _read(path):
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8-sig"))


def _dialogue(path, dialogue_id):
    return next(d for d in _read(path)["dialogues"] if d["id"] == dialogue_id)


def _lines_between(text, first, last):
    """The 0-based line numbers from the line holding `first` up to the one before `last`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if first in line)
    end = next(i for i, line in enumerate(lines) if last in line)
    return range(start, end)


@pytest.mark.slow
def test_record_changes_only_the_dialogues_lines(run, write):
    path = write(PLAN)
    result = run(
        "record",
        path,
        "sala",
        "--participants",
        "27",
        "--theme",
        "Psykisk hälsa",
        "-t",
        "Vård: nära, # nr 1",
        "--public-notes",
        'Rad ett: "bra" # inte en kommentar\n\n  indragen rad',
        "--internal-notes",
        "Lokalen var för liten.",
        "--follow-up",
        "main_lesson=Lyssna mer",
        "--feedback-date",
        "2021-05-04",
        "--feedback-channel",
        "e-post",
        "--feedback-description",
        "Tack, och en sammanfattning.",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "Dialogen sala är registrerad som genomförd: 27 deltagare, 2 teman."
    )
    new = path.read_text(encoding="utf-8")
    old_lines, new_lines = PLAN.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    # Every old line stays, in order; the new ones go inside sala's block, after its
    # last key and before the blank line and the comment that lead to Köping.
    assert [op[0] for op in changes] == ["insert"]
    _, at, _, first, last = changes[0]
    assert old_lines[at - 1] == "    members: [anna, bo]  # två ledamöter"
    assert old_lines[at] == ""
    assert new_lines[first:last][0] == "    status: held"
    sala = _dialogue(path, "sala")
    assert sala["status"] == "held"
    assert sala["outcome"] == {
        "participants": 27,
        "themes": ["Psykisk hälsa", "Vård: nära, # nr 1"],
        "public_notes": 'Rad ett: "bra" # inte en kommentar\n\n  indragen rad',
        "internal_notes": "Lokalen var för liten.",
        "follow_up": {"main_lesson": "Lyssna mer"},
        "feedback": [
            {
                "date": date(2021, 5, 4),
                "channel": "e-post",
                "description": "Tack, och en sammanfattning.",
            }
        ],
    }
    assert run("plan", "check", path).exit_code == 0
    assert run("plan", "fmt", "--check", path).exit_code == 0  # in fmt's layout already


@pytest.mark.slow
def test_an_existing_outcome_keeps_what_is_not_given(run, write):
    path = write(PLAN)
    result = run(
        "record", path, "koping", "-t", "Kontinuitet", "-t", "Hemsjukvård", "--public-notes", "Ny"
    )
    assert result.exit_code == 0, result.stderr
    new = path.read_text(encoding="utf-8")
    changed = [
        (tag, PLAN.splitlines()[i1:i2], new.splitlines()[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            a=PLAN.splitlines(), b=new.splitlines(), autojunk=False
        ).get_opcodes()
        if tag != "equal"
    ]
    assert changed == [
        (
            "replace",
            ["      themes: [Kontinuitet]  # teman"],
            ["      themes: [Kontinuitet, Hemsjukvård]  # teman", "      public_notes: Ny"],
        )
    ]
    koping = _dialogue(path, "koping")["outcome"]
    assert koping["participants"] == 12
    assert koping["internal_notes"] == "Gammal intern text."
    assert koping["feedback"] == [{"date": date(2021, 4, 20), "description": "Tack."}]


def test_feedback_is_added_to_the_list_that_is_there(run, write):
    path = write(PLAN)
    result = run(
        "record",
        path,
        "koping",
        "--feedback-date",
        "2021-05-10",
        "--feedback-audience",
        "public",
        "--feedback-description",
        "Sammanställningen på webbsidan.",
    )
    assert result.exit_code == 0, result.stderr
    assert _dialogue(path, "koping")["outcome"]["feedback"] == [
        {"date": date(2021, 4, 20), "description": "Tack."},
        {
            "date": date(2021, 5, 10),
            "audience": "public",
            "description": "Sammanställningen på webbsidan.",
        },
    ]


@pytest.mark.slow
def test_a_dialogue_in_braces_is_recorded_inside_them(run, write):
    path = write(PLAN)
    result = run("record", path, "arboga", "--participants", "8", "-t", "Trygghet, nära")
    assert result.exit_code == 0, result.stderr
    new = path.read_text(encoding="utf-8")
    assert len(new.splitlines()) == len(PLAN.splitlines())
    arboga = _dialogue(path, "arboga")
    assert arboga["status"] == "held"
    assert arboga["outcome"] == {"participants": 8, "themes": ["Trygghet, nära"]}
    assert run("plan", "check", path).exit_code == 0


@pytest.mark.slow
def test_crlf_and_byte_order_mark_stay(run, write):
    original = ("\ufeff" + PLAN.replace("\n", "\r\n")).encode("utf-8")
    path = write(original)
    result = run("record", path, "sala", "--participants", "5", "--public-notes", "Ett\nTvå")
    assert result.exit_code == 0, result.stderr
    new = path.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf")
    assert new.count(b"\n") == new.count(b"\r\n")
    old_lines = original.decode("utf-8").splitlines(keepends=True)
    new_lines = new.decode("utf-8").splitlines(keepends=True)
    ops = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes()
    assert [op[0] for op in ops if op[0] != "equal"] == ["insert"]
    assert _dialogue(path, "sala")["outcome"] == {"participants": 5, "public_notes": "Ett\nTvå"}


def test_english_workspace_says_it_in_english(run, write):
    path = write(PLAN)
    result = run("--lang", "en", "record", path, "sala", "--participants", "1", "-t", "Access")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "The dialogue sala is recorded as held: 1 participant, 1 theme."


@pytest.mark.slow
def test_cancelled(run, write):
    path = write(PLAN)
    result = run("record", path, "sala", "--status", "cancelled")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "Dialogen sala är registrerad som inställd."
    assert _dialogue(path, "sala")["status"] == "cancelled"
    assert "outcome" not in _dialogue(path, "sala")


@pytest.mark.slow
def test_notes_on_a_cancelled_dialogue_keep_it_cancelled(run, write):
    path = write(PLAN)
    assert run("record", path, "sala", "--status", "inställd").exit_code == 0
    result = run("record", path, "sala", "--internal-notes", "Inställd på grund av snöstorm.")
    assert result.exit_code == 0, result.stderr
    assert _dialogue(path, "sala")["status"] == "inställd"
    assert "inställd" in result.stdout and "genomförd" not in result.stdout


@pytest.mark.slow
def test_the_same_values_again_change_nothing(run, write):
    path = write(PLAN)
    assert run("record", path, "sala", "--participants", "3", "-t", "A").exit_code == 0
    once = path.read_bytes()
    again = run("record", path, "sala", "--participants", "3", "-t", "a")
    assert again.exit_code == 0
    assert "Inget att ändra" in again.stderr
    assert path.read_bytes() == once


def _refused(run, path, *args):
    result = run("record", path, *args)
    assert result.exit_code == 2, result.stderr
    assert path.read_text(encoding="utf-8") == PLAN
    assert "Traceback" not in result.stderr
    return result.stderr


def test_unknown_dialogue_suggests_the_nearest(run, write):
    stderr = _refused(run, write(PLAN), "sal", "--participants", "3")
    assert "ingen dialog med id 'sal'" in stderr
    assert "Menade du sala?" in stderr


@pytest.mark.slow
def test_unknown_plan_name_suggests_the_nearest(run, write, monkeypatch, tmp_path):
    write(PLAN, "plans/dialog-2021.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("record", "dialog-2020", "sala", "--participants", "3")
    assert result.exit_code == 2
    assert "Menade du dialog-2021?" in result.stderr
    assert run("record", "dialog-2021", "sala", "--participants", "3").exit_code == 0
    assert _dialogue(tmp_path / "plans/dialog-2021.yaml", "sala")["outcome"]["participants"] == 3


@pytest.mark.slow
def test_a_value_already_there_needs_replace(run, write):
    path = write(PLAN)
    stderr = _refused(run, path, "koping", "--participants", "30")
    assert "outcome.participants" in stderr and "--replace" in stderr
    result = run("record", path, "koping", "--participants", "30", "--replace")
    assert result.exit_code == 0, result.stderr
    assert _dialogue(path, "koping")["outcome"]["participants"] == 30


@pytest.mark.slow
def test_values_the_plan_cannot_hold_are_refused(run, write):
    path = write(PLAN)
    assert "--status" in _refused(run, path, "sala", "--status", "done")
    stderr = _refused(
        run, path, "sala", "--feedback-date", "2021-13-01", "--feedback-description", "x"
    )
    assert "2021-13-01" in stderr and "lämnas orörd" in stderr
    assert "radbrytning" in _refused(run, path, "sala", "-t", "två\nrader")
    assert "--feedback-description" in _refused(run, path, "sala", "--feedback-date", "2021-05-01")
    assert "Menade du main_lesson?" in _refused(run, path, "sala", "--follow-up", "main_lesso=x")


def test_a_file_that_is_not_a_dialogue_project_is_refused(run, write):
    from conftest import STRATEGY

    path = write(STRATEGY)
    result = run("record", path, "sala", "--participants", "3")
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == STRATEGY


@pytest.mark.slow
def test_on_a_terminal_it_asks_for_what_is_missing(run, write, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("many\n27\nTrygghet; Tillgänglighet\n\nIntern\n"))
    path = write(PLAN)
    result = run("record", path, "sala")
    assert result.exit_code == 0, result.stderr
    assert "Antal deltagare" in result.stderr and "Skriv antalet som ett tal" in result.stderr
    assert _dialogue(path, "sala")["outcome"] == {
        "participants": 27,
        "themes": ["Trygghet", "Tillgänglighet"],
        "internal_notes": "Intern",
    }


@pytest.mark.slow
def test_never_asks_when_not_on_a_terminal(run, write, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("27\n"))
    path = write(PLAN)
    result = run("record", path, "sala")
    assert result.exit_code == 0, result.stderr
    assert "Antal deltagare" not in result.stderr
    assert "outcome" not in _dialogue(path, "sala")
    assert _dialogue(path, "sala")["status"] == "held"


@pytest.mark.slow
def test_new_findings_are_shown(run, write):
    path = write(PLAN)
    result = run("record", path, "sala", "-t", "Väntetider")
    assert result.exit_code == 0, result.stderr
    assert "DK" in result.stderr and "Väntetider" in result.stderr


@pytest.mark.slow
def test_swedish_status_words(run, write):
    path = write(
        PLAN.replace("    members: [anna, bo]", "    status: planerad\n    members: [anna, bo]")
    )
    result = run("record", path, "sala", "--participants", "9")
    assert result.exit_code == 0, result.stderr
    assert _dialogue(path, "sala")["status"] == "genomförd"  # in the words already there
    result = run("record", path, "koping", "--status", "inställd")
    assert result.exit_code == 0, result.stderr
    assert _dialogue(path, "koping")["status"] == "inställd"
