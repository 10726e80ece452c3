"""`dialogkit feedback`: after each held dialogue, an e-mail to the participants, a web
post and a press release that say what was asked and promised, how many took part,
what was heard and what happens next, and carry no personal data."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from conftest import PROJECT, REPO

import dialogkit
from dialogkit.feedback import FEEDBACK_CHANNELS

EPOCH = "1767225600"  # 2026-01-01
HELD = PROJECT.replace(
    """    members: [anna, bo]
  - id: koping""",
    """    members: [anna, bo]
    status: held
    outcome:
      participants: 23
      themes: [Kontinuitet, Vården per telefon, Anhörigstöd]
      public_notes: Deltagarna ville träffa samma personal.
      internal_notes: Tekniken krånglade.
  - id: koping""",
) + (
    """web_page: https://region.example.se/nara-vard
responses:
  - theme: kontinuitet
    response: Vårdcentralerna inför fast vårdkontakt.
    decided_by: Regionstyrelsen
    due: 2026-09-30
    state: considering
  - theme: Vården per telefon
    response: Telefontiderna utökas.
    state: done
    decision: {body: Hälso- och sjukvårdsnämnden, date: 2021-06-01, reference: HSN 2021/12}
"""
)
"""PROJECT with Sala held (three themes, two with a response) and Köping not yet."""

PLANTED = {
    "personnummer": "19811218-9876",
    "phone": "070-123 45 67",
    "email": "greta.persson@hotmail.com",
    "name": "Greta Persson",
}


def texts(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its relative name, as a reader sees it."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".eml":
            message = email.message_from_bytes(data, policy=email.policy.default)
            found[path.relative_to(folder).as_posix()] = (
                f"{message['Subject']}\n{message['From']}\n{message['To']}\n"
                + message.get_body(("plain",)).get_content()
            )
        else:
            found[path.relative_to(folder).as_posix()] = data.decode("utf-8")
    return found


@pytest.fixture
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_a_text_for_every_held_dialogue_and_channel(run, write, tmp_path, epoch):
    out = tmp_path / "out"
    result = run("feedback", write(HELD), "--out", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(texts(out)) == ["sala/email.txt", "sala/press_release.txt", "sala/web.md"]
    assert "koping" in result.stderr and "inte genomförd" in result.stderr


def test_each_text_says_what_was_asked_heard_and_what_happens_next(run, write, tmp_path, epoch):
    out = tmp_path / "out"
    assert run("feedback", write(HELD), "--out", out).exit_code == 0
    for name, text in texts(out).items():
        assert "Vad är viktigt för dig?" in text, name  # the project's first question
        assert "steget dialog på delaktighetstrappan" in text, name  # the rung in words
        assert "23 personer deltog" in text, name
        assert "Vårdcentralerna inför fast vårdkontakt. Det utreds." in text, name
        assert "Beslut fattas av: Regionstyrelsen. Besked senast" in text, name
        assert (
            "Det är genomfört. Beslutat av Hälso- och sjukvårdsnämnden 1 juni 2021, HSN 2021/12."
            in text
        ), name
        assert "Anhörigstöd: Vi har inte svarat på det här än" in text.replace("**", ""), name
        assert "Nästa återkoppling kommer senast onsdag 30 september 2026" in text, name
        assert "https://region.example.se/nara-vard" in text, name
        assert "allmänna handlingar" in text, name
        assert "Tekniken krånglade" not in text and "samma personal" not in text, name
    web = texts(out)["sala/web.md"]
    assert web.startswith("# Ni sa – vi gör:") and "- **Kontinuitet**:" in web


def test_the_dialogues_own_question_and_the_report_date(run, write, tmp_path, monkeypatch):
    """A focus question of the dialogue's own; no open response but the report to come:
    the report's due date is when residents hear more."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1618272000")  # 2021-04-13
    plan = (
        HELD.replace(
            "    members: [anna, bo]\n    status: held",
            "    members: [anna, bo]\n    focus_question: Hur når du vården?\n    status: held",
        )
        .replace("state: considering", "state: decided\n    due: 2021-01-01")
        .replace("    due: 2026-09-30\n", "")
    )
    result = run("feedback", write(plan), "-d", "sala", "-c", "email")
    assert result.exit_code == 0, result.stderr
    assert "Vad vi frågade: Hur når du vården?" in result.stdout
    assert "Nästa återkoppling kommer senast tisdag 31 augusti 2021" in result.stdout
    assert "svaret kommer i återrapporteringen tisdag 31 augusti 2021" in result.stdout


@pytest.mark.parametrize("output", ["text", "markdown", "eml"])
def test_planted_personal_data_is_in_no_feedback_file(run, write, tmp_path, epoch, output):
    """Personal data in the notes (a resident's name too, which no pattern finds),
    in a theme and in a response: none of it reaches a feedback file."""
    planted = " ".join(PLANTED.values())
    plan = (
        HELD.replace(
            "public_notes: Deltagarna ville träffa samma personal.",
            f"public_notes: {PLANTED['name']} berättade, nås på {planted}.",
        )
        .replace("internal_notes: Tekniken krånglade.", f"internal_notes: Ring {planted}")
        .replace("Anhörigstöd]", f"Anhörigstöd, Ring {PLANTED['phone']}]")
        .replace("Telefontiderna utökas.", f"Telefontiderna utökas, skriv till {PLANTED['email']}.")
        .replace("  email: kontakt@example.se\n  official: true", "  email: kim@example.se")
    )
    out = tmp_path / "out"
    result = run("feedback", write(plan), "-f", output, "--out", out)
    assert result.exit_code == 0, result.stderr
    found = texts(out)
    assert found
    for name, text in found.items():
        for kind, value in PLANTED.items():
            assert value not in text, (name, kind)
        assert "kim@example.se" not in text, name  # a contact who is not official
        assert "Telefontiderna utökas" in text, name  # the response, redacted, is there
        assert "borttaget" in text, name  # the marker, escaped in Markdown


def test_the_e_mail_draft_reads_back(run, write, tmp_path, epoch):
    out = tmp_path / "out"
    result = run("feedback", write(HELD), "-f", "eml", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.rglob("*") if p.is_file()] == ["email.eml"]
    message = email.message_from_bytes(
        (out / "sala" / "email.eml").read_bytes(), policy=email.policy.default
    )
    assert message["Subject"] == (
        "Tack för att du deltog: så går vi vidare efter dialogen om Nära vård i Sala"
    )
    assert message["X-Unsent"] == "1" and "kontakt@example.se" in message["From"]
    body = message.get_body(("plain",))
    assert body.get_content_charset() == "utf-8"
    assert "Det här lyfte ni, och det här händer:" in body.get_content()
    assert list(message.iter_attachments()) == []


def test_eml_is_only_for_the_e_mail(run, write, tmp_path):
    result = run("feedback", write(HELD), "-f", "eml", "-c", "web", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "web är inget e-postmeddelande" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_dialogue_not_held_or_unknown_is_a_message(run, write):
    plan = write(HELD)
    waiting = run("feedback", plan, "-d", "koping")
    assert waiting.exit_code == 2 and "Traceback" not in waiting.stderr
    assert "koping är inte genomförd än" in waiting.stderr and "record" in waiting.stderr
    unknown = run("feedback", plan, "-c", "facebook")
    assert unknown.exit_code == 2 and "email, web, press_release" in unknown.stderr


def test_an_english_plan_gives_english_feedback(run, write, epoch):
    english = HELD.replace("kind: dialogue_project", "kind: dialogue_project\nlanguage: en")
    result = run("feedback", english and write(english), "-c", "email", "-c", "web")
    assert result.exit_code == 0, result.stderr
    assert "Thank you for taking part: what happens after the dialogue" in result.stdout
    assert "on the dialogue rung of the participation ladder" in result.stdout
    assert "23 people took part" in result.stdout
    assert "public records (allmänna handlingar)" in result.stdout
    assert "# You said – we do:" in result.stdout
    assert "Det " not in result.stdout and "koping" in result.stderr


def test_a_plan_with_errors_gives_marked_feedback(run, write, tmp_path, epoch):
    plan = HELD.replace("municipalities: [Sala, Köping]", "municipalities: [Sala, Köping, Arboga]")
    out = tmp_path / "out"
    result = run("feedback", write(plan), "--out", out)
    assert result.exit_code == 1
    found = texts(out)
    assert len(found) == len(FEEDBACK_CHANNELS)
    assert all("UTKAST – planen har 1 fel" in text.split("\n")[0] for text in found.values())
    eml = tmp_path / "eml"
    assert run("feedback", write(plan), "-f", "eml", "--out", eml).exit_code == 1
    assert texts(eml)["sala/email.eml"].startswith("UTKAST – planen har 1 fel: Tack")


@pytest.mark.slow
def test_build_writes_the_feedback_in_the_plans_language(run, write, tmp_path, epoch):
    write(HELD, "plans/projekt.yaml")
    out = tmp_path / "out"
    assert run("build", tmp_path / "plans", "--out", out).exit_code == 0
    folder = out / "testprojekt" / "aterkoppling"
    assert sorted(texts(folder)) == [
        "sala/email.eml",
        "sala/email.txt",
        "sala/press_release.txt",
        "sala/web.md",
    ]
    english = HELD.replace("kind: dialogue_project", "kind: dialogue_project\nlanguage: en")
    write(english, "en/plans/projekt.yaml")
    assert run("build", tmp_path / "en" / "plans", "--out", tmp_path / "en-out").exit_code == 0
    assert (tmp_path / "en-out" / "testprojekt" / "feedback" / "sala" / "web.md").is_file()


@pytest.mark.slow
def test_the_example_plan_has_feedback_for_every_held_dialogue_and_channel(run, tmp_path, epoch):
    plan = REPO / "plans" / "vastmanland-nara-vard.yaml"
    held = [
        d.id for d in dialogkit.load_plan(plan).plan.dialogues if d.status == "held" and not d.test
    ]
    assert len(held) >= 2
    out = tmp_path / "out"
    result = run("feedback", plan, "--out", out)
    assert result.exit_code == 0, result.stderr
    found = texts(out)
    expected = {"email": "txt", "web": "md", "press_release": "txt"}
    assert sorted(found) == sorted(
        f"{d}/{channel}.{suffix}" for d in held for channel, suffix in expected.items()
    )
    for name, text in found.items():
        assert "allmänna handlingar" in text and "deltog" in text, name


def test_a_swedish_status_and_a_declined_response(run, write, epoch):
    plan = HELD.replace("    status: held", "    status: genomförd").replace(
        "state: considering", "state: declined\n    reason: Det ryms inte i budgeten."
    )
    result = run("feedback", write(plan), "-c", "email")
    assert result.exit_code == 0, result.stderr
    assert "Det går inte vidare: Det ryms inte i budgeten." in result.stdout
    assert "Regionstyrelsen" not in result.stdout  # who decides: only while it is open
