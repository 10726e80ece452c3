"""Type errors become Swedish findings at the right line, with a hint."""

from __future__ import annotations

import pytest
from conftest import PROJECT, line_of

import dialogkit


def only_finding(write, text):
    found = dialogkit.check([write(text)]).findings
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("written", ["18.00", '"kl 18"', '"18"', "1800", '"25:00"', '"18:00:00"'])
def test_time_must_be_hh_mm(write, written):
    text = PROJECT.replace('start: "18:00"', f"start: {written}", 1)
    finding = only_finding(write, text)
    assert (finding.code, finding.line) == ("DK012", line_of(text, f"start: {written}"))
    assert finding.col == len("    start: ") + 1
    assert "18:00" in finding.hint


@pytest.mark.parametrize("written", ["2021-02-30", "2021-13-01", "13/4 2021", '"april"'])
def test_date_must_exist_and_be_iso(write, written):
    text = PROJECT.replace("date: 2021-04-13", f"date: {written}", 1)
    finding = only_finding(write, text)
    assert (finding.code, finding.line) == ("DK012", line_of(text, f"date: {written}"))


@pytest.mark.parametrize("written", ["9000.5", '"9 000"', "9 000 kr", "-100", "true"])
def test_money_is_whole_kronor(write, written):
    text = PROJECT.replace("fees: 4000, travel", f"fees: {written}, travel", 1)
    finding = only_finding(write, text)
    assert finding.code == "DK012"
    assert finding.line == line_of(text, "in_person: {fees")


def test_unknown_key_suggests_the_right_one(write):
    text = PROJECT.replace("hearing_loop: true", "hearing_lop: true")
    finding = only_finding(write, text)
    assert (finding.code, finding.line, finding.col) == ("DK010", line_of(text, "hearing_lop"), 7)
    assert "hearing_loop" in finding.hint


def test_missing_field_names_the_field_and_its_meaning(write):
    text = PROJECT.replace("purpose: Att samla in invånarnas synpunkter.\n", "")
    finding = only_finding(write, text)
    assert finding.code == "DK011"
    assert "purpose" in finding.message
    assert "Syftet" in finding.hint


def test_wrong_choice_suggests_the_nearest(write):
    text = PROJECT.replace("format: in_person", "format: in-person")
    finding = only_finding(write, text)
    assert (finding.code, finding.line) == ("DK012", line_of(text, "format: in-person"))
    assert "in_person" in finding.hint


def test_wrong_cost_format_key_points_at_the_key(write):
    text = PROJECT.replace("    digital: {fees: 4000}", "    teams: {fees: 4000}")
    finding = only_finding(write, text)
    assert finding.line == line_of(text, "teams:")


def test_yes_is_not_a_boolean(write):
    text = PROJECT.replace("accessible: true", "accessible: yes")
    finding = only_finding(write, text)
    assert (finding.code, finding.line) == ("DK012", line_of(text, "accessible: yes"))


def test_key_path_names_items_by_id(write):
    text = PROJECT.replace("hearing_loop: true", "hearing_loop: 1")
    finding = only_finding(write, text)
    assert finding.where == "dialogues[sala].venue.hearing_loop"


def test_unparsable_period(write):
    text = PROJECT.replace("when: 2020-12", "when: snart")
    finding = only_finding(write, text)
    assert (finding.code, finding.line) == ("DK012", line_of(text, "when: snart"))
