"""Every enumerated value of the plans is written in English or in Swedish
(`status: genomförd` as well as `status: held`): the model reads both as the English
value, the schema offers both, a wrong value's message lists the choices in the
plan's language, `plan fmt` keeps the words as written, and every output is the same
whichever spelling the plan uses."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import COMMUNICATION, LOCAL_PLAN, PROJECT, REPO

from dialogkit.manifest import MANIFEST_NAME
from dialogkit.validation import validate_source
from dialogkit.words import words
from dialogkit.yamlsource import parse_text

SV = words("sv")


def _insert(text: str, after: str, addition: str) -> str:
    assert after in text, after
    return text.replace(after, after + addition, 1)


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# Each enum: a plan with the placeholder @@ where the value goes, how to read the value
# back from the validated plan, where words.py has the words outputs print (if it
# has), and the
# Swedish spellings accepted for each English value (the words first).
ENUMS = {
    "participation_rung": (
        _replace(PROJECT, "participation_rung: dialogue", "participation_rung: @@"),
        lambda plan: plan.participation_rung,
        "value.",
        {
            "information": ["information", "Information"],
            "consultation": ["konsultation", "Konsultation"],
            "dialogue": ["dialog"],
            "influence": ["inflytande"],
            "co_decision": ["medbestämmande", "medbeslutande"],
        },
    ),
    "dialogue format": (
        _replace(PROJECT, "format: digital", "format: @@"),
        lambda plan: plan.dialogues[1].format,
        "value.",
        {
            "in_person": ["fysisk", "fysiskt"],
            "digital": ["digital", "digitalt"],
            "hybrid": ["hybrid"],
        },
    ),
    "dialogue status": (
        _insert(PROJECT, "    members: [anna, bo]\n", "    status: @@\n"),
        lambda plan: plan.dialogues[0].status,
        "value.",
        {
            "planned": ["planerad"],
            "booked": ["bokad"],
            "held": ["genomförd", "Genomförd", "GENOMFÖRD", "genomfört"],
            "cancelled": ["inställd"],
        },
    ),
    "task status": (
        _replace(PROJECT, "responsible: Presidiet}", "responsible: Presidiet, status: @@}"),
        lambda plan: plan.timeline[0].status,
        "value.",
        {
            "planned": ["planerad"],
            "ongoing": ["pågår", "pågående"],
            "done": ["klar", "genomförd"],
            "cancelled": ["inställd"],
        },
    ),
    "method": (
        _insert(PROJECT, "use_of_views: Synpunkterna sammanställs i en rapport.\n", "method: @@\n"),
        lambda plan: plan.method,
        "value.",
        {
            "survey": ["enkät"],
            "dialogue_meeting": ["dialogmöte"],
            "focus_group": ["fokusgrupp"],
            "working_group": ["arbetsgrupp"],
            "citizen_panel": ["medborgarpanel"],
        },
    ),
    "invitation channel": (
        PROJECT + "invitation_channels:\n  - channel: @@\n",
        lambda plan: plan.invitation_channels[0].channel,
        "status.channel.",
        {
            "email": ["e-post"],
            "web": ["webb"],
            "facebook": ["facebook", "Facebook"],
            "newspaper_ad": ["annons", "tidningsannons"],
            "press_release": ["pressmeddelande"],
            "reminder": ["påminnelse"],
        },
    ),
    "lead days channel (a key)": (
        PROJECT + "deadlines:\n  lead_days:\n    @@: 28\n",
        lambda plan: next(iter(plan.deadlines.lead_days)),
        "status.channel.",
        {"email": ["e-post"], "newspaper_ad": ["annons"], "reminder": ["påminnelse"]},
    ),
    "scenario format (a key)": (
        _insert(
            PROJECT,
            "  budget: 40000\n",
            "  scenarios:\n    - {id: s, title: S, per_dialogue: {@@: {fees: 1}}}\n",
        ),
        lambda plan: next(iter(plan.costs.scenarios[0].per_dialogue)),
        "value.",
        {"in_person": ["fysisk"], "digital": ["digitalt"], "hybrid": ["hybrid", "Hybrid"]},
    ),
    "response state": (
        PROJECT + "responses:\n  - {theme: Tema, response: Svar, state: @@}\n",
        lambda plan: plan.responses[0].state,
        "response_state.",
        {
            "considering": ["utreds"],
            "decided": ["beslutad", "beslutat"],
            "declined": ["avslagen", "går inte vidare", "tas inte vidare"],
            "done": ["genomförd", "genomfört"],
        },
    ),
    "feedback audience": (
        _insert(
            PROJECT,
            "    members: [bo, cia]\n",
            "    outcome:\n      feedback:\n"
            "        - {date: 2021-05-01, audience: @@, description: Tack}\n",
        ),
        lambda plan: plan.dialogues[1].outcome.feedback[0].audience,
        None,  # "audience.public" is a report's audience, not this
        {"participants": ["deltagare", "deltagarna"], "public": ["allmänheten"]},
    ),
    "participant gender (a key)": (
        _insert(
            PROJECT,
            "    members: [bo, cia]\n",
            "    outcome:\n      participants: 9\n      genders: {@@: 4}\n",
        ),
        lambda plan: next(iter(plan.dialogues[1].outcome.genders)),
        "value.",
        {
            "women": ["kvinnor", "Kvinnor", "kvinna"],
            "men": ["män", "man"],
            "other": ["annat", "ej angivet"],
        },
    ),
    "target group priority": (
        _insert(COMMUNICATION, "    do: Bidra med kompetensförsörjning.\n", "    priority: @@\n"),
        lambda plan: plan.target_groups[0].priority,
        None,
        {"high": ["hög"], "normal": ["normal"], "low": ["låg"]},
    ),
    "communication activity status": (
        _insert(COMMUNICATION, "    target_groups: [hr]\n", "    status: @@\n"),
        lambda plan: plan.activities[0].status,
        "value.",
        {
            "planned": ["planerad"],
            "ongoing": ["pågår"],
            "done": ["klar", "genomförd"],
            "cancelled": ["inställd"],
        },
    ),
    "local plan activity status": (
        _insert(LOCAL_PLAN, "    sub_goals: [1]\n", "    status: @@\n"),
        lambda plan: plan.activities[0].status,
        "value.",
        {
            "planned": ["planerad"],
            "ongoing": ["pågående", "pågår"],
            "done": ["klar"],
            "cancelled": ["inställd"],
        },
    ),
    "assessment status": (
        _replace(LOCAL_PLAN, "{sub_goal: 1, status: partly}", "{sub_goal: 1, status: @@}"),
        lambda plan: plan.follow_ups[0].assessments[0].status,
        "value.",
        {
            "on_track": ["på väg"],
            "partly": ["delvis"],
            "behind": ["efter"],
            "not_started": ["ej påbörjat"],
        },
    ),
}


def _validated(text: str, path: str = "plan.yaml"):
    plan, findings = validate_source(parse_text(text, Path(path)))
    return plan, [finding.text("en") for finding in findings]


def _read(enum: str, written: str) -> str:
    template, value_of, _, _ = ENUMS[enum]
    plan, findings = _validated(template.replace("@@", written))
    assert findings == [], (written, findings)
    return value_of(plan)


@pytest.mark.parametrize("enum", ENUMS)
def test_every_value_is_read_in_english_and_in_swedish(enum):
    """Each value as English, as the issue's Swedish words, and as the word the
    outputs print for it (words.py), reads as the English value."""
    _, _, prefix, spellings = ENUMS[enum]
    for english, swedish in spellings.items():
        printed = prefix and SV.get(prefix + english)
        for written in [english, *swedish, *([printed] if printed else [])]:
            assert _read(enum, written) == english, (enum, written)


@pytest.mark.parametrize("enum", ENUMS)
def test_a_wrong_value_lists_the_choices_in_the_plans_language(enum):
    template, _, _, spellings = ENUMS[enum]
    text = template.replace("@@", "nånting")
    _, (finding,) = validate_source(parse_text(text, Path("plan.yaml")))
    (message, hint), (message_en, hint_en) = finding.text("sv"), finding.text("en")
    assert message.endswith("'nånting' är inget tillåtet värde.")
    assert message_en.endswith("'nånting' is not a value allowed.")
    assert finding.line == next(
        n for n, line in enumerate(text.split("\n"), 1) if "nånting" in line
    )
    listed = _listed(hint.split("Välj ett av: ")[1].split(" (eller på engelska")[0])
    assert _listed(hint_en.split("Choose one of: ")[1]) >= set(spellings)
    assert len(listed) == len(_listed(hint_en.split("Choose one of: ")[1]))
    for english, swedish in spellings.items():  # one Swedish word for each value
        assert len(listed & {w.lower() for w in [english, *swedish]}) == 1, (english, listed)


def _listed(choices: str) -> set[str]:
    """The words of "a, b eller c." or "a, b or c."."""
    return set(re.split(r", | eller | or ", choices.rstrip(".")))


def test_did_you_mean_knows_the_swedish_words(run, write):
    path = write(_insert(PROJECT, "    members: [anna, bo]\n", "    status: genomford\n"))
    result = run("plan", "check", path)
    assert result.exit_code == 1
    assert "status: 'genomford' är inget tillåtet värde." in result.stdout
    assert "Menade du 'genomförd'? Välj ett av: planerad, bokad, genomförd eller inställd." in (
        result.stdout
    )


def test_an_english_plans_message_lists_the_english_values(run, write):
    text = _insert(PROJECT, "    members: [anna, bo]\n", "    status: finished\n")
    result = run("plan", "check", write(_insert(text, "id: testprojekt\n", "language: en\n")))
    assert "status: 'finished' is not a value allowed." in result.stdout
    assert "Choose one of: planned, booked, held or cancelled." in result.stdout


def test_a_word_without_its_swedish_letters_is_not_taken_but_hinted(run, write):
    path = write(_replace(PROJECT, "format: digital", "format: fysik"))
    result = run("plan", "check", path)
    assert result.exit_code == 1
    assert "Menade du 'fysisk'?" in result.stdout


def test_two_keys_for_the_same_value_are_an_error_not_one_lost(run, write):
    """`fysisk:` beside `in_person:` would have one replace the other silently."""
    text = _replace(PROJECT, "    digital: {fees: 4000}", "    fysisk: {fees: 9}")
    result = run("plan", "check", write(text))
    assert result.exit_code == 1
    assert "per_dialogue: 'in_person' och 'fysisk' är samma värde." in result.stdout


@pytest.mark.slow
def test_the_schema_offers_both_spellings_and_a_swedish_plan_validates_against_it(run):
    schema = json.loads(run("plan", "schema").stdout)
    status = schema["definitions"]["Dialogue"]["properties"]["status"]
    assert {"held", "genomförd", "planned", "planerad"} <= set(status["enum"])
    assert "genomförd (held)" in status["description"]
    lead_days = schema["definitions"]["Deadlines"]["properties"]["lead_days"]
    assert {"newspaper_ad", "annons"} <= set(lead_days["propertyNames"]["enum"])
    validator = jsonschema.Draft7Validator(schema)
    for template, _, _, spellings in ENUMS.values():
        for swedish in spellings.values():
            for written in (w for w in swedish if w.islower()):  # an enum minds letter case
                data = parse_text(template.replace("@@", written), Path("plan.yaml")).data
                assert list(validator.iter_errors(data)) == [], written


def test_every_enum_in_the_schema_but_kind_and_language_has_its_swedish_words(run):
    """A new enumerated field without Swedish words fails here."""
    schema = json.loads(run("plan", "schema").stdout)
    tables = [spellings for _, _, _, spellings in ENUMS.values()]
    found = []

    def walk(node, key=None):
        if isinstance(node, dict):
            if "enum" in node and key not in ("kind", "language"):
                found.append(set(node["enum"]))
            for name, child in node.items():
                walk(child, name if name != "propertyNames" else key)
        elif isinstance(node, list):
            for child in node:
                walk(child, key)

    walk(schema)
    assert found
    for enum in found:
        assert any(
            set(t) <= enum and {w for ws in t.values() for w in ws if w.islower()} <= enum
            for t in tables
        ), enum


@pytest.mark.slow
def test_plan_fmt_keeps_the_words_as_written(run, write):
    """fmt lays the plan out anew but writes each value as the user wrote it."""
    text = _insert(PROJECT, "    members: [anna, bo]\n", "    status: Genomförd\n")
    text = _replace(text, "participation_rung: dialogue", "participation_rung: medbestämmande")
    text = _replace(text, "format: digital", "format: digitalt")
    text = _replace(text, "    in_person: {fees", "    fysisk: {fees")
    text = _replace(
        text,
        "kind: dialogue_project\nid: testprojekt\n",
        "id: testprojekt\nkind: dialogue_project\n",
    )
    path = write(text)
    assert run("plan", "fmt", path).exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert after != text  # fmt put kind first
    assert after.startswith("kind: dialogue_project\n")
    for written in (
        "status: Genomförd",
        "participation_rung: medbestämmande",
        "format: digitalt",
        "fysisk: {fees",
    ):
        assert after.count(written) == 1, written
    assert run("plan", "check", path).exit_code == 0


# The example workspace's values in Swedish: (key, English value, Swedish word); a
# key ending in ":" is a mapping key (per_dialogue, lead_days).
TO_SWEDISH = [
    ("status", "held", "genomförd"),
    ("status", "booked", "bokad"),
    ("status", "planned", "planerad"),
    ("status", "cancelled", "inställd"),
    ("status", "done", "klar"),
    ("status", "ongoing", "pågår"),
    ("status", "on_track", "på väg"),
    ("status", "partly", "delvis"),
    ("status", "behind", "efter"),
    ("status", "not_started", "ej påbörjat"),
    ("format", "in_person", "fysisk"),
    ("format", "digital", "digitalt"),
    ("participation_rung", "dialogue", "dialog"),
    ("method", "dialogue_meeting", "dialogmöte"),
    ("channel", "email", "e-post"),
    ("channel", "web", "webb"),
    ("channel", "facebook", "Facebook"),
    ("channel", "newspaper_ad", "annons"),
    ("channel", "press_release", "pressmeddelande"),
    ("channel", "reminder", "påminnelse"),
    ("state", "considering", "utreds"),
    ("state", "decided", "beslutat"),
    ("state", "declined", "går inte vidare"),
    ("state", "done", "genomfört"),
    ("audience", "participants", "deltagarna"),
    ("audience", "public", "allmänheten"),
    ("priority", "high", "hög"),
    ("priority", "low", "låg"),
    ("in_person:", None, "fysisk:"),
    ("newspaper_ad:", None, "annons:"),
]


def _in_swedish(text: str) -> tuple[str, int]:
    """The plan text with every enumerated value in Swedish, and how many were changed."""
    changed = 0
    for key, english, swedish in TO_SWEDISH:
        if english is None:
            pattern, new = rf"(?m)^(\s+){re.escape(key)}", rf"\g<1>{swedish}"
        else:
            pattern, new = rf"(?<![\w-]){key}: {english}(?=\s*[,}}\n])", f"{key}: {swedish}"
        text, count = re.subn(pattern, new, text)
        changed += count
    return text, changed


@pytest.mark.slow
def test_every_output_is_the_same_whichever_spelling_the_plans_use(run, tmp_path, monkeypatch):
    """The example workspace built as it is and with its values in Swedish: every file
    that build writes (timelines, calendars, costs, invitations, feedback, reports) is
    the same, byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    english, swedish = tmp_path / "en" / "plans", tmp_path / "sv" / "plans"
    shutil.copytree(REPO / "plans", english)
    swedish.mkdir(parents=True)
    changed = 0
    for plan in sorted(english.glob("*.yaml")):
        text, count = _in_swedish(plan.read_text(encoding="utf-8"))
        (swedish / plan.name).write_text(text, encoding="utf-8")
        changed += count
    assert changed >= 40  # the example workspace's statuses, formats, states, channels
    assert "status: genomförd" in (swedish / "vastmanland-nara-vard.yaml").read_text("utf-8")
    outputs = {}
    for plans in (english, swedish):
        out = plans.parent / "out"
        result = run("build", plans, "--out", out, "--today", "2021-04-20")
        assert result.exit_code == 0, result.stdout + result.stderr
        outputs[plans] = {
            p.relative_to(out): p.read_bytes()
            for p in out.rglob("*")
            if p.is_file() and p.name != MANIFEST_NAME
        }
    assert len(outputs[english]) > 20
    assert sorted(outputs[english]) == sorted(outputs[swedish])
    assert [f for f in outputs[english] if outputs[english][f] != outputs[swedish][f]] == []


def test_a_value_in_decomposed_unicode_is_read():
    """Text pasted on a Mac may write "ö" as "o" and a combining diaeresis."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "genomförd")
    assert decomposed != "genomförd"
    assert _read("dialogue status", decomposed) == "held"
