"""What the invitation texts say to a resident: the plan's topic and nothing else,
written to "du", with registration, refreshments and support when the plan gives
them; the press release's dateline, quote and press contact; a newspaper ad without
a label; a web text in Markdown. Read through the CLI and the library."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT, line_of
from markdown_it import MarkdownIt

import dialogkit
from dialogkit.invitations import CHANNELS, invitations

MARCH_1_2021 = "1614556800"
PURPOSE = "Beredningen vill genomföra invånardialoger i samtliga kommuner."
RESIDENT_CHANNELS = ("email", "web", "facebook", "newspaper_ad", "reminder")


def plan_text(*edits: tuple[str, str], language: str = "sv") -> str:
    """PROJECT with (old, new) replacements, each of which must apply."""
    text = PROJECT.replace("purpose: Att samla in invånarnas synpunkter.", f"purpose: {PURPOSE}")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    if language == "en":
        text = text.replace(
            "organisation: Region Test\n", "organisation: Region Test\nlanguage: en\n"
        )
    return text


def texts(write, text: str, dialogue: str = "sala") -> dict[str, str]:
    """Every channel's text (subject and body) for one dialogue, by channel."""
    loaded = dialogkit.load_workspace([write(text)]).plans[0]
    return {
        i.channel: f"{i.subject}\n\n{i.body}"
        for i in invitations(loaded, dialogue_ids=[dialogue], channels=list(CHANNELS))
    }


def with_sala(lines: str) -> tuple[str, str]:
    """An edit that adds YAML `lines` to the in-person dialogue in Sala."""
    return ("    members: [anna, bo]\n", f"{lines}    members: [anna, bo]\n")


HYBRID = ("    format: digital\n", "    format: hybrid\n")
KOPING_VENUE = (
    "    members: [bo, cia]\n",
    "    venue: {name: Köpings bibliotek, address: 'Barnhemsgatan 2, Köping', "
    "accessible: true, hearing_loop: true}\n"
    "    registration: {required: false}\n    members: [bo, cia]\n",
)

# --- topic and voice -------------------------------------------------------------------


BUS_PLAN = [
    ("title: Invånardialog Nära vård", "title: Invånardialog om kollektivtrafiken"),
    ("topic: Nära vård", "topic: kollektivtrafiken"),
    ("  - Vad är viktigt för dig?", "  - Hur tar du dig till jobbet eller skolan?"),
    ("use_of_views: Synpunkterna", "use_of_views: Dina synpunkter på bussarna"),
]
HEALTH = re.compile(r"vård|hälsa|sjuk|patient|care|health|hospital", re.IGNORECASE)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_plan_on_public_transport_gets_no_healthcare_words(write, language):
    for dialogue in ("sala", "koping"):
        found = texts(write, plan_text(*BUS_PLAN, language=language), dialogue)
        assert set(found) == set(CHANNELS)
        for channel, text in found.items():
            assert not HEALTH.search(text), (dialogue, channel, HEALTH.search(text))
            assert "kollektivtrafiken" in text, (dialogue, channel)
    facebook = texts(write, plan_text(*BUS_PLAN))["facebook"]
    assert "Hur tar du dig till jobbet eller skolan?" in facebook


def test_resident_texts_speak_to_you_and_do_not_paste_the_purpose(write):
    question = ("  - Vad är viktigt för dig?", "  - Vilken kollektivtrafik behövs i Sala?")
    found = texts(write, plan_text(question))
    for channel in RESIDENT_CHANNELS:
        assert re.search(r"\b(du|dig|din|dina|Kom)\b", found[channel]), channel
    for channel, text in found.items():
        assert PURPOSE not in text and "Beredningen vill" not in text, channel
    english = texts(write, plan_text(language="en"))
    for channel in RESIDENT_CHANNELS:
        assert re.search(r"\b(you|your|Come)\b", english[channel]), channel
        assert PURPOSE not in english[channel]


# --- registration, refreshments and support ------------------------------------------


def test_no_registration_needed_is_said_in_every_text_but_the_reminder(write):
    found = texts(write, plan_text(with_sala("    registration: {required: false}\n")))
    assert "Ingen föranmälan behövs – det är bara att komma." in found["email"]
    assert "- Ingen föranmälan behövs – det är bara att komma." in found["web"]
    assert "Ingen föranmälan." in found["newspaper_ad"]
    for channel in ("facebook", "press_release"):
        assert "Ingen föranmälan behövs" in found[channel], channel
    assert all("Anmäl" not in text for text in found.values())


def test_registration_says_how_and_by_when(write):
    registration = (
        "    registration:\n      required: true\n"
        "      registration_email: anmalan-sala@example.se\n"
        "      registration_deadline: 2021-04-09\n"
    )
    found = texts(write, plan_text(with_sala(registration)))
    sentence = "Anmäl dig senast fredag 9 april 2021 till anmalan-sala@example.se."
    for channel in ("email", "web", "facebook", "press_release"):
        assert sentence in found[channel], channel
    assert "Anmälan senast 9 april 2021: anmalan-sala@example.se." in found["newspaper_ad"]
    assert all("föranmälan" not in text for text in found.values())

    # a registration address is meant to be published: no DK222, not redacted
    path = write(plan_text(with_sala(registration)))
    assert "DK222" not in {f.code for f in dialogkit.check([path]).findings}

    # no address and no form: the plan's contact takes the registrations
    no_address = registration.replace("      registration_email: anmalan-sala@example.se\n", "")
    email = texts(write, plan_text(with_sala(no_address)))["email"]
    assert "Anmäl dig senast fredag 9 april 2021 till Kim Kontakt, kontakt@example.se." in email

    url = no_address + "      registration_url: https://example.se/anmalan\n"
    english = texts(write, plan_text(with_sala(url), language="en"))["email"]
    assert "Please register by Friday 9 April 2021 at https://example.se/anmalan." in english


def test_a_hybrid_dialogue_tells_both_ways_to_take_part(write):
    found = texts(write, plan_text(HYBRID, KOPING_VENUE), "koping")
    email = found["email"]
    assert (
        "Ingen föranmälan behövs för att komma till lokalen. Du kan också delta digitalt "
        "via Teams. Anmäl dig senast måndag 12 april 2021 med din e-postadress till "
        "anmalan@example.se, så skickar vi länken till mötet." in email
    )
    ad = found["newspaper_ad"]
    assert "Ingen föranmälan till lokalen." in ad
    assert "Delta digitalt: anmäl dig senast 12 april 2021 till anmalan@example.se." in ad
    assert "Delta digitalt via Teams: anmäl dig senast 12 april 2021" in found["facebook"]


def test_without_a_registration_field_nothing_is_claimed(write):
    for text in texts(write, plan_text()).values():
        assert "föranmälan" not in text and "Anmäl" not in text


def test_refreshments_and_interpretation_are_mentioned_when_given(write):
    extra = "    refreshments: fika\n    support: [teckenspråkstolk, tolk till arabiska]\n"
    found = texts(write, plan_text(with_sala(extra)))
    for channel in CHANNELS:
        assert "Vi bjuder på fika." in found[channel], channel
        assert "Vid dialogen finns teckenspråkstolk och tolk till arabiska." in found[channel]
    for text in texts(write, plan_text()).values():
        assert "fika" not in text and "tolk" not in text

    english = texts(write, plan_text(with_sala(extra.replace("fika", "coffee")), language="en"))
    assert "We will serve coffee." in english["email"]
    for channel in ("facebook", "newspaper_ad"):
        assert "\nTuesday 13 April 2021 at 18:00–20:00\n" in english[channel], channel
    assert (
        "At the dialogue there will be teckenspråkstolk and tolk till arabiska." in (english["web"])
    )


# --- the new rule: a block the format does not use ---------------------------------


def test_a_digital_block_on_an_in_person_dialogue_is_a_finding(run, write):
    digital = "    digital:\n      platform: Teams\n      link: https://teams.example.se/sala\n"
    text = plan_text(with_sala(digital))
    path = write(text)
    result = run("plan", "check", path)
    assert result.exit_code == 0  # a warning
    line = line_of(text, "    digital:")
    assert f"plan.yaml:{line}:5 varning DK223 Dialogen 'sala' är fysisk" in result.stdout
    assert "tips: Skriv format: hybrid om man också kan delta digitalt" in result.stdout
    # and the texts say nothing about it, as the finding says
    for channel_text in texts(write, text).values():
        assert "Teams" not in channel_text and "digitalt" not in channel_text


def test_venue_things_on_a_digital_dialogue_are_findings(write):
    extra = "    refreshments: fika\n    registration: {required: false}\n"
    text = plan_text(("    members: [bo, cia]\n", f"{extra}    members: [bo, cia]\n"))
    found = [f for f in dialogkit.check([write(text)]).findings if f.code == "DK223"]
    assert {f.line for f in found} == {
        line_of(text, "registration: {required"),
        line_of(text, "refreshments: fika"),
    }
    assert all("format: hybrid" in f.hint for f in found)
    for channel_text in texts(write, text, "koping").values():
        assert "fika" not in channel_text and "föranmälan" not in channel_text


def test_a_registration_deadline_after_the_dialogue_is_a_finding(write):
    late = "    registration: {required: true, registration_deadline: 2021-04-14}\n"
    text = plan_text(with_sala(late))
    found = [f for f in dialogkit.check([write(text)]).findings if f.code == "DK210"]
    assert [f.line for f in found] == [line_of(text, "registration_deadline: 2021-04-14")]


# --- press release ------------------------------------------------------------------


PRESS = (
    "web_page:",
    "press:\n"
    "  quote: Vi vill höra alla som bor här.\n"
    "  quoted: Anna A, ordförande i beredningen\n"
    "  place: Västerås\n"
    "  contact: {name: Pelle Press, title: pressansvarig, email: press@example.se, "
    "phone: 021-10 20 30, official: true}\n"
    "web_page:",
)


def test_press_release_has_dateline_focus_question_and_press_contact(write, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MARCH_1_2021)
    text = plan_text(("contact:", "web_page: https://example.se/dialog\ncontact:"))
    release = texts(write, text)["press_release"]
    subject, _, body = release.partition("\n\n")
    assert subject == "Region Test bjuder in till invånardialog om Nära vård i Sala"
    assert body.startswith("Sala 1 mars 2021 – Beredningen för invånardialog i Region Test ")
    assert "\nFrågan i fokus är: Vad är viktigt för dig?\n" in body
    assert "säger" not in body  # no quote in the plan, none invented
    assert body.endswith("Presskontakt:\nKim Kontakt\nRegion Test\nkontakt@example.se")


def test_press_release_quotes_the_chair_and_names_its_own_contact(write, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MARCH_1_2021)
    text = plan_text(("contact:", "web_page: https://example.se/dialog\ncontact:"), PRESS)
    body = texts(write, text)["press_release"].partition("\n\n")[2]
    assert body.startswith("Västerås 1 mars 2021 – ")
    assert "\n– Vi vill höra alla som bor här, säger Anna A, ordförande i beredningen.\n" in body
    assert body.endswith(
        "Presskontakt:\nPelle Press\npressansvarig, Region Test\npress@example.se, 021-10 20 30"
    )

    english = texts(write, plan_text(("contact:", "web_page: x\ncontact:"), PRESS, language="en"))
    body = english["press_release"].partition("\n\n")[2]
    assert body.startswith("Västerås, 1 March 2021 – ")
    assert "“Vi vill höra alla som bor här”, says Anna A, ordförande i beredningen." in body
    assert "Press contact:\nPelle Press" in body


def test_the_dateline_follows_the_clock(write, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    body = texts(write, plan_text())["press_release"].partition("\n\n")[2]
    assert body.startswith("Sala 1 januari 2026 – ")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767222000")  # 23:00 UTC, midnight in Sweden
    body = texts(write, plan_text())["press_release"].partition("\n\n")[2]
    assert body.startswith("Sala 1 januari 2026 – ")


# --- newspaper ad and web text ---------------------------------------------------------


def test_newspaper_ad_has_no_label_and_a_short_address(run, write, tmp_path):
    text = plan_text(("contact:", "web_page: https://example.se/dialog/\ncontact:"))
    out = tmp_path / "ut"
    assert run("invite", write(text), "-c", "newspaper_ad", "--out", out).exit_code == 0
    ad = (out / "sala" / "newspaper_ad.txt").read_text("utf-8")
    assert ad.startswith(
        "Välkommen till invånardialog om Nära vård i Sala\n\nVad är viktigt för dig?"
    )
    assert "Annons" not in ad and "annons" not in ad
    assert "\nSala bibliotek, Storgatan 1\n" in ad and "Storgatan 1, Sala" not in ad
    assert ad.endswith("\n\nRegion Test\nhttps://example.se/dialog/\n")
    assert len(ad) < 450


def test_web_text_is_a_markdown_page(run, write, tmp_path):
    extra = "    refreshments: fika\n    registration: {required: false}\n"
    out = tmp_path / "ut"
    assert (
        run("invite", write(plan_text(with_sala(extra))), "-c", "web", "--out", out).exit_code == 0
    )
    assert sorted(p.name for p in (out / "sala").iterdir()) == ["sala.ics", "web.md"]
    page = (out / "sala" / "web.md").read_text("utf-8")
    tokens = MarkdownIt("commonmark").parse(page)
    headings = [
        (t.tag, tokens[n + 1].content) for n, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings[0] == ("h1", "Invånardialog om Nära vård i Sala")
    assert [tag for tag, _ in headings[1:]] == ["h2"] * (len(headings) - 1) and len(headings) > 3
    items = [tokens[n + 2].content for n, t in enumerate(tokens) if t.type == "list_item_open"]
    assert items[:2] == [
        "Tid: tisdag 13 april 2021 kl. 18.00–20.00",
        "Plats: Sala bibliotek, Storgatan 1, Sala",
    ]
    assert (
        "Vi bjuder på fika." in items
        and "Ingen föranmälan behövs – det är bara att komma." in items
    )


@pytest.mark.slow
def test_example_plan_texts_fit_their_channels(run, tmp_path):
    """The example build gives no warning of a text too long for its channel."""
    from conftest import REPO

    result = run("invite", REPO / "plans" / "vastmanland-nara-vard.yaml", "--out", tmp_path)
    assert result.exit_code == 0
    assert "tecken; kanalens gräns" not in result.stderr
    facebook = (tmp_path / "sala" / "facebook.txt").read_text("utf-8")
    assert "Vi bjuder på fika." in facebook and "Ingen föranmälan behövs" in facebook
