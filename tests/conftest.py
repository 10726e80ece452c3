"""Shared helpers: a small valid plan of each kind as text, and a way to run the
real `dialogkit` entry point in-process."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from dialogkit.entry import main

REPO = Path(__file__).resolve().parent.parent

PROJECT = """\
kind: dialogue_project
id: testprojekt
title: Invånardialog Nära vård
topic: Nära vård
organisation: Region Test
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
municipalities: [Sala, Köping]
questions:
  - Vad är viktigt för dig?
dialogues:
  - id: sala
    municipality: Sala
    format: in_person
    date: 2021-04-13
    start: "18:00"
    end: "20:00"
    venue:
      name: Sala bibliotek
      address: Storgatan 1, Sala
      accessible: true
      hearing_loop: true
    members: [anna, bo]
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
costs:
  per_dialogue:
    in_person: {fees: 4000, travel: 2000, refreshments: 1500, venue: 1500}
    digital: {fees: 4000}
  one_off:
    - {item: Marknadsföring, amount: 20000}
  budget: 40000
timeline:
  - {task: Frågor, when: 2020-12, responsible: Presidiet}
  - {task: Dialoger, when: april-maj 2021, responsible: Processledare}
reporting:
  recipients: [Regionstyrelsen]
  due: 2021-08-31
"""

COMMUNICATION = """\
kind: communication_plan
id: komplan
project: Nära vård
date: 2023-06-25
author: Kristin Lundgren
current_situation: Projektets andra år.
purposes: [Informera]
target_groups:
  - id: hr
    name: HR-avdelningen
    why: Alla behöver hjälpa till.
    know: Vad Nära vård innebär.
    feel: Att de är en del av omställningen.
    do: Bidra med kompetensförsörjning.
key_message: {why: Varför, what: Vad, feeling: Känsla, how: Hur}
activities:
  - id: informera-hr
    what: Informera HR
    when: Hösten 2023
    responsible: Kristin Lundgren
    hours: 6
    target_groups: [hr]
"""

STRATEGY = """\
kind: strategy
id: strategi
title: Strategi
organisation: Region
period: {start: 2022, end: 2030}
vision: Målbild
sub_goals:
  - {id: 1, title: Nära för mig, description: Delaktighet}
  - {id: 2, title: Nära för alla, description: Jämlik vård}
"""

LOCAL_PLAN = """\
kind: local_plan
id: lokal
municipality: Leksand
strategy: strategi
period: {start: 2022, end: 2024}
activities:
  - id: sip
    what: SIP för alla
    when: 2023
    by_whom: Utvecklingsledare
    sub_goals: [1]
key_figures:
  - {kolada_id: U21463, title: Helhetssyn, sub_goal: 1, values: {2022: 88}}
self_assessment:
  - {id: delaktighet, statement: Invånarna är delaktiga., sub_goal: 2, scores: {2022: 3}}
follow_ups:
  - year: 2022
    results: Arbetet startade.
    assessments:
      - {sub_goal: 1, status: partly}
"""

IMPLEMENTATION_PLAN = """\
kind: implementation_plan
id: genomforandeplan
title: Genomförandeplan för medborgardialog 2021
organisation: Region Test
committee: Beredningen för invånardialog
year: 2021
principles:
  - {text: Dialogerna ska ge beslutsunderlag., rung: dialogue}
areas:
  - id: nara-vard
    question_area: Nära vård
    purpose: Att samla in invånarnas synpunkter.
    target_groups: [Invånare i länet]
    method: dialogue_meeting
    rung: dialogue
    owner: Presidiet
    period: 2021-03..2021-05
    projects: [testprojekt]
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the `occurrence`-th `needle`."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys, monkeypatch):
    """Run `dialogkit ARGS...` through the real entry point; never raises SystemExit."""

    def invoke(*args: str | Path) -> Result:
        monkeypatch.setattr(sys, "argv", ["dialogkit", *map(str, args)])
        monkeypatch.setenv("COLUMNS", "200")
        code = 0
        try:
            main()
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def write(tmp_path):
    """Write a plan file in tmp_path and return its path."""

    def write_file(text: str | bytes, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write_file
