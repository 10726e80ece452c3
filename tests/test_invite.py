"""`dialogkit invite`: texts per dialogue and channel, templates, e-mail drafts."""

from __future__ import annotations

import email
import os
from email import policy
from pathlib import Path

import pytest
from conftest import PROJECT, REPO
from icalendar import Calendar

GOLDEN = Path(__file__).parent / "golden" / "invite"
CHANNELS = ["email", "web", "facebook", "newspaper_ad", "press_release", "reminder"]


def text_file(channel: str) -> str:
    """The web text is Markdown for the web page; the other channels are plain text."""
    return f"{channel}.md" if channel == "web" else f"{channel}.txt"


def test_golden_outputs_for_every_channel(run, write, tmp_path, monkeypatch):
    """Compare with tests/golden/invite; run with UPDATE_GOLDEN=1 to accept changes.
    The press release is dated the day it is made: SOURCE_DATE_EPOCH fixes that day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1614556800")  # 1 March 2021
    out = tmp_path / "ut"
    assert run("invite", write(PROJECT), "--out", out).exit_code == 0
    written = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in (".txt", ".md")
    )
    assert written == sorted(f"{d}/{text_file(c)}" for d in ("sala", "koping") for c in CHANNELS)
    for name in written:
        golden = GOLDEN / name
        actual = (out / name).read_text("utf-8")
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(actual, "utf-8")
        assert actual == golden.read_text("utf-8"), name


@pytest.mark.slow
def test_vastmanland_writes_every_dialogue_and_channel(run, tmp_path):
    out = tmp_path / "invites"
    result = run("invite", REPO / "plans" / "vastmanland-nara-vard.yaml", "--out", out)
    assert result.exit_code == 0
    folders = sorted(p.name for p in out.iterdir())
    assert len(folders) == 10 and "test-1" not in folders
    for folder in folders:
        names = sorted(p.name for p in (out / folder).iterdir())
        assert names == sorted([*(text_file(c) for c in CHANNELS), f"{folder}.ics"])


def test_swedish_long_date_and_time(run, write):
    result = run("invite", write(PROJECT), "-d", "sala", "-c", "email")
    assert "När: tisdag 13 april 2021 kl. 18.00–20.00" in result.stdout
    assert result.stdout.startswith("Inbjudan: invånardialog om Nära vård i Sala 13 april 2021")


def test_digital_and_in_person_wording(run, write):
    path = write(PROJECT)
    digital = run("invite", path, "-d", "koping", "-c", "email").stdout
    assert "Var: Digitalt via Teams" in digital
    assert (
        "Anmäl dig senast måndag 12 april 2021 med din e-postadress till anmalan@example.se"
        in digital
    )
    assert "Lokalen" not in digital
    in_person = run("invite", path, "-d", "sala", "-c", "email").stdout
    assert "Var: Sala bibliotek, Storgatan 1, Sala" in in_person
    assert "Lokalen är tillgänglighetsanpassad och har hörselslinga." in in_person
    assert "Anmäl dig" not in in_person


def test_no_hearing_loop_is_never_claimed(write):
    import dialogkit
    from dialogkit.invitations import invitations

    text = PROJECT.replace("hearing_loop: true", "hearing_loop: false")
    loaded = dialogkit.load_workspace([write(text)]).plans[0]  # DK204 fires; render anyway
    for invitation in invitations(loaded, dialogue_ids=["sala"]):
        assert "hörselslinga" not in invitation.body.lower(), invitation.channel
        assert "tillgänglighetsanpassad" in invitation.body or invitation.channel == "web"


def test_markdown_format_has_a_heading(run, write):
    result = run("invite", write(PROJECT), "-d", "sala", "-c", "web", "-f", "markdown")
    assert result.stdout.startswith("# Invånardialog om Nära vård i Sala\n")
    assert "## Praktisk information" in result.stdout


def test_eml_is_a_draft_with_a_valid_calendar(run, write, tmp_path):
    out = tmp_path / "eml"
    result = run("invite", write(PROJECT), "-d", "koping", "-c", "email", "-f", "eml", "-o", out)
    assert result.exit_code == 0
    message = email.message_from_bytes(
        (out / "koping" / "email.eml").read_bytes(), policy=policy.default
    )
    assert message["Subject"].startswith("Inbjudan: invånardialog om Nära vård i Köping")
    assert message["From"] == "Kim Kontakt <kontakt@example.se>"
    assert message["X-Unsent"] == "1"
    assert "Anmäl dig senast" in message.get_body(("plain",)).get_content()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "koping.ics"
    calendar = Calendar.from_ical(attachment.get_content())
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "koping.testprojekt@dialogkit"
    assert event.decoded("DTSTART").hour == 18


def test_english_templates(run, write):
    text = PROJECT.replace(
        "organisation: Region Test\n", "organisation: Region Test\nlanguage: en\n"
    )
    result = run("invite", write(text), "-d", "sala", "-c", "email")
    assert result.exit_code == 0
    assert "When: Tuesday 13 April 2021 at 18:00–20:00" in result.stdout
    assert "The venue is accessible and has a hearing loop." in result.stdout
    for swedish in ("Välkommen", "tisdag", "Lokalen", "kl."):
        assert swedish not in result.stdout


@pytest.mark.slow
def test_workspace_template_overrides_and_extends_the_builtin(run, write, tmp_path):
    plan = write(PROJECT, "plans/projekt.yaml")
    write(
        '{% extends "builtin/sv/invite/facebook.txt.j2" %}\n'
        "{% block body %}\n{{ super() }}\n#NäraVård\n{% endblock %}\n",
        "templates/sv/invite/facebook.txt.j2",
    )
    (tmp_path / ".git").mkdir()
    result = run("invite", plan, "-d", "sala", "-c", "facebook")
    assert result.stdout.rstrip().endswith("#NäraVård")
    assert "Välkommen till en invånardialog" in result.stdout  # the built-in body is kept

    # --templates wins over the workspace
    write(
        "Egen rubrik\n\nEget innehåll {{ dialogue.municipality }}\n",
        "mine/sv/invite/facebook.txt.j2",
    )
    result = run("invite", plan, "-d", "sala", "-c", "facebook", "--templates", tmp_path / "mine")
    assert result.stdout.strip() == "Egen rubrik\n\nEget innehåll Sala"

    listing = run("templates", "list", plan, "--templates", tmp_path / "mine").stdout
    line = next(x for x in listing.splitlines() if x.startswith("sv/invite/facebook.txt.j2\t"))
    assert line.endswith(str(tmp_path / "mine" / "sv" / "invite" / "facebook.txt.j2"))
    line = next(x for x in listing.splitlines() if x.startswith("sv/invite/email.txt.j2\t"))
    assert "mine" not in line


def test_missing_value_names_template_file_and_line(run, write, tmp_path):
    write("Rubrik\n\nrad två\n{{ project.budget_owner }}\n", "mine/sv/invite/email.txt.j2")
    result = run("invite", write(PROJECT), "-c", "email", "--templates", tmp_path / "mine")
    assert result.exit_code == 1
    assert f"{tmp_path / 'mine' / 'sv' / 'invite' / 'email.txt.j2'}:4" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_sandbox_refuses_unsafe_templates(run, write, tmp_path):
    write("x\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", "mine/sv/invite/email.txt.j2")
    result = run("invite", write(PROJECT), "-c", "email", "--templates", tmp_path / "mine")
    assert result.exit_code == 1
    assert "email.txt.j2:3" in result.stderr


def test_over_long_text_warns(run, write, tmp_path):
    write("Rubrik\n\n{{ 'lång text ' * 100 }}\n", "mine/sv/invite/facebook.txt.j2")
    result = run(
        "invite", write(PROJECT), "-d", "sala", "-c", "facebook", "--templates", tmp_path / "mine"
    )
    assert result.exit_code == 0
    assert "varning: facebook för sala är 999 tecken; kanalens gräns är 600" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("-d", "uppsala"), 2, "sala, koping"),
        (("-c", "tiktok"), 2, "facebook"),
        (("-f", "eml"), 2, "--out"),
    ],
)
def test_bad_choices(run, write, args, code, words):
    result = run("invite", write(PROJECT), *args)
    assert result.exit_code == code
    assert words in result.stderr


def test_several_texts_on_screen_are_labelled(run, write):
    result = run("invite", write(PROJECT), "-d", "sala", "-c", "facebook", "-c", "web")
    assert result.stdout.startswith("──── sala/facebook.txt ────\n")
    assert "\n──── sala/web.md ────\n" in result.stdout
