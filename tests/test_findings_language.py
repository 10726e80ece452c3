"""`plan check` speaks the plan's language: every finding's message and hint in Swedish,
or in English for an English plan or workspace, and in the language `--lang` asks for.

The scan runs every example of the catalogue (one per code, as test_catalogue runs
them) in a Swedish and an English workspace, and looks for the other language's words
in what `plan check` prints, as text and as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import PROJECT, STRATEGY
from test_catalogue import (
    BASE_PLAN,
    COMMANDS,
    KOLADA_CACHE,
    NEIGHBOURS,
    SETTINGS,
    WHOLE_FILE,
    _yaml,
    merged,
)

from dialogkit.catalogue import BY_CODE, ENTRIES
from dialogkit.fmt import format_paths
from dialogkit.yamlsource import parse_text

SWEDISH = re.compile(
    r"[åäöÅÄÖ]|\b(?:och|är|har|saknas|ska|inte|ingen|inga|eller|med|som|ett|en|Lägg|Skriv"
    r"|finns|Välj|Ange|Rätta)\b"
)
ENGLISH = re.compile(
    r"\b(?:the|The|must|Add|Write|Choose|cannot|is not|has no|missing|error|hint)\b"
)
NOT_FOUND_IN = {"sv": ENGLISH, "en": SWEDISH}
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")


def _plan(code: str, language: str) -> str:
    example = BY_CODE[code].example.get(language)
    if code in WHOLE_FILE:
        return example
    base = BASE_PLAN.get(code, PROJECT)
    return _yaml(merged(parse_text(base).data, parse_text(example).data))


def _workspace(folder: Path, language: str, plan: str) -> Path:
    """A workspace in `language` (dialogkit.toml) holding `plan` and the strategy that
    local plans refer to."""
    folder.mkdir()
    (folder / "dialogkit.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    (folder / "strategi.yaml").write_text(STRATEGY, encoding="utf-8")
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    return folder


def _data_words(plan: str) -> set[str]:
    """Words of the plan's own data with å, ä or ö (Köping, Västerås): quoted back in
    messages, they are not the message's language."""
    return {word for word in re.findall(r"\w+", plan) if re.search("[åäöÅÄÖ]", word)}


def _without_data(text: str, data: set[str]) -> str:
    text = QUOTED.sub("''", text)
    return re.sub(r"\w+", lambda word: "" if word.group() in data else word.group(), text)


def _printed_words(stdout: str, folder: Path) -> list[str]:
    """The lines of a text report, less what quotes the files: their paths, the key
    path, the source line and its caret."""
    lines = [line.replace(str(folder), "") for line in stdout.splitlines()]
    return [
        line
        for line in lines
        if line.strip()
        and "│" not in line
        and line.strip() != "^"
        and not re.fullmatch(r"\s+(?:in|i) \S+", line)
        and not re.fullmatch(r"[\\/]\S+\.yaml", line)
    ]


EXAMPLES = [entry.code for entry in ENTRIES if entry.code not in COMMANDS]


@pytest.mark.slow
@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("code", EXAMPLES)
def test_every_example_is_checked_in_the_workspace_language(run, tmp_path, code, language):
    plan = _plan(code, language)
    folder = _workspace(tmp_path / "plans", language, plan)
    if code in SETTINGS:  # the workspace settings the example needs
        with (folder / "dialogkit.toml").open("a", encoding="utf-8") as settings:
            settings.write(SETTINGS[code])
    if code in NEIGHBOURS:  # the other plan a rule about links between plans needs
        (folder / "granne.yaml").write_text(NEIGHBOURS[code], encoding="utf-8")
    for name, record in KOLADA_CACHE.get(code, {}).items():  # what Kolada's rules read
        cached = folder / ".dialogkit" / "cache" / "kolada" / name
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(record), encoding="utf-8")
    data, other_language = _data_words(plan), NOT_FOUND_IN[language]

    report = json.loads(run("plan", "check", folder, "--format", "json").stdout)
    findings = [f for f in report["findings"] if f["code"] == code]
    assert findings, report
    for finding in report["findings"]:
        for said in (finding["message"], finding["hint"] or ""):
            assert not other_language.search(_without_data(said, data)), (code, said)

    text = run("plan", "check", folder).stdout
    assert code in text
    for line in _printed_words(text, folder):
        assert not other_language.search(_without_data(line, data)), (code, line)


def test_an_english_plan_in_a_swedish_workspace_gets_english_findings(run, tmp_path):
    english = PROJECT.replace("kind: dialogue_project", "kind: dialogue_project\nlanguage: en")
    broken = english.replace("members: [anna, bo]", "members: [anna]", 1)
    assert broken != english
    (tmp_path / "dialogkit.toml").write_text("", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(broken, encoding="utf-8")

    result = run("plan", "check", plan)
    assert result.exit_code == 1
    assert "error DK201 The dialogue 'sala' has only one member" in result.stdout
    assert "hint: Add the members' ids under members." in result.stdout
    assert "Dialogen" not in result.stdout

    swedish = run("--lang", "sv", "plan", "check", plan, "-f", "json").stdout
    (finding,) = json.loads(swedish)["findings"]
    assert finding["message"].startswith("Dialogen 'sala' har bara en ledamot")
    assert finding["hint"] == "Lägg till ledamöternas id under members."


@pytest.mark.parametrize(
    ("chosen", "message", "hint"),
    [
        ("en", "The plan has no key kind.", "Add e.g. kind: dialogue_project."),
        ("sv", "Planen saknar nyckeln kind.", "Lägg till t.ex. kind: dialogue_project."),
    ],
)
def test_lang_on_the_command_line_wins_over_the_workspace(run, tmp_path, chosen, message, hint):
    other = {"en": "sv", "sv": "en"}[chosen]
    (tmp_path / "dialogkit.toml").write_text(f'language = "{other}"\n', encoding="utf-8")
    (tmp_path / "plan.yaml").write_text("title: x\n", encoding="utf-8")

    result = run("--lang", chosen, "plan", "check", tmp_path / "plan.yaml")
    assert f"DK005 {message}" in result.stdout
    assert hint in result.stdout
    github = run("--lang", chosen, "plan", "check", tmp_path / "plan.yaml", "-f", "github")
    assert f"title=DK005::{message}" in github.stdout


def test_the_models_own_messages_in_english(run, tmp_path):
    plan = PROJECT.replace("when: 2020-12", "when: 2020-13")
    plan = plan.replace("date: 2021-04-13", "date: 13/4/2021")
    (tmp_path / "dialogkit.toml").write_text('language = "en"\n', encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")

    report = json.loads(run("plan", "check", tmp_path, "-f", "json").stdout)
    said = {f["message"]: f["hint"] for f in report["findings"]}
    assert said == {
        "date: '13/4/2021' is not a date": "Write 2021-04-13 (dates are written YYYY-MM-DD).",
        "when: '2020-13' cannot be read: there is no month 13": (
            'Write e.g. "2021-04", "april 2021", "2021-04-13", "juni-september 2023" or '
            '"2021-02-01..2021-02-26" (months and seasons in Swedish).'
        ),
    }


def test_fmt_describes_its_notes_and_repairs_in_the_language_asked(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PROJECT.encode("utf-16"))

    (note,) = [r.problem for r in format_paths([plan])]
    assert note.code == "DK032"
    message, hint = note.text("en")
    assert message.startswith("The file is saved as UTF-16")
    assert not SWEDISH.search(QUOTED.sub("", message + hint))
    assert note.message.startswith("Filen är sparad som UTF-16")

    (fixed,) = format_paths([plan], fix=True, language="en")
    assert fixed.fixes[0] == "saved as UTF-8 instead of UTF-16"
