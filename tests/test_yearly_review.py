"""What a visual review of the implementation plan's reports and the feedback texts
asked for: seed 001's questions answered for the whole year, cancelled areas said as
such, the full "Ni sa – vi gör" table, a portrait plan table, rungs with their step
and feedback sentences that end once. The example workspace (plans/ and its English
twin in tests/english/), copied; Word files read back with python-docx."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO
from docx.enum.section import WD_ORIENT
from test_report import everything, headings
from test_yearly_reports import markdown, report, rows, table_with

PLAN = "vastmanland-genomforandeplan-2021.yaml"
PROJECT = "vastmanland-nara-vard.yaml"


@pytest.fixture
def example(tmp_path):
    """The Swedish example workspace's implementation plan, in a copy."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    return tmp_path / "plans" / PLAN


@pytest.fixture
def english(tmp_path):
    """The English twin of the example workspace, in a copy."""
    shutil.copytree(REPO / "tests" / "english", tmp_path / "english")
    return tmp_path / "english" / PLAN


def section(text: str, heading: str) -> str:
    """The Markdown from `heading` to the next heading of the same level or higher."""
    level = heading.split(" ")[0]
    start = text.index(f"\n{heading}\n")
    ends = [text.find(f"\n{'#' * n} ", start + 1) for n in range(1, len(level) + 1)]
    return text[start : min([e for e in ends if e > 0], default=len(text))]


@pytest.mark.slow
def test_the_follow_up_answers_seed_001_for_the_year_and_per_area(run, tmp_path, example):
    document = report(run, tmp_path, example, "--kind", "yearly-follow-up")
    text = everything(document)
    year = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert (
        "Vilken typ av dialog genomfördes? Besvarad för 4 av 10 dialoger. "
        "Enligt projektplanerna: dialogmöte; fysiska 8, hybrida 2." in year
    )
    assert (
        "Hur påverkade dialogen beslut eller utveckling? Besvarad för 2 av 10 dialoger. "
        "Enligt Ni sa – vi gör: 3 beslutat, 3 genomfört, 5 utreds, 1 tas inte vidare." in year
    )
    assert "Vad kunde gjorts bättre? Besvarad för 3 av 10 dialoger." in year
    # per area, under each question, and one project: no "(Invånardialog Nära vård)"
    assert "Besvarad för 2 av 10 dialoger. Enligt Ni sa – vi gör: 3 beslutat" in text
    assert "Arboga: Kontinuitet är viktigare för deltagarna än snabb tillgång." in text
    assert "(Invånardialog Nära vård)" not in text
    names = [name for style, name in headings(document) if style == "Heading 2"]
    assert "Uppföljning för hela året" in names
    assert "Återkoppling till deltagare och allmänhet" in names
    assert "Återkoppling till deltagarna" not in names
    feedback = table_with(document, "Datum")
    assert feedback[0] == ["Datum", "Kommun", "Till", "Hur", "Vad"]


@pytest.mark.slow
def test_two_projects_keep_the_project_beside_the_municipality(run, workspace):
    text = markdown(run, workspace, "--kind", "yearly-follow-up")
    assert "- **Sala (Dialog om vårdcentralen):** Kontinuitet väger tyngst." in text
    assert "| Datum | Kommun | Projekt | Till | Hur | Vad |" in text
    assert "#### Sala 13 april 2021 (Dialog om vårdcentralen)" in text


@pytest.mark.slow
def test_a_cancelled_area_is_said_as_cancelled(run, tmp_path, example):
    document = report(run, tmp_path, example, "--kind", "yearly-follow-up")
    text = everything(document)
    assert (
        "10 dialoger genomfördes i ett dialogprojekt inom ett av årets två dialogområden; "
        "det andra ställdes in. Antal deltagare: 213." in text
    )
    summary = table_with(document, "Dialogområde")
    assert summary[2] == ["Tillgänglighet till vården på mindre orter", "inställt", "", "", ""]
    public = markdown(run, example, "--kind", "yearly-follow-up", "--audience", "public")
    cancelled = section(public, "## Tillgänglighet till vården på mindre orter")
    assert "**Status:** inställd" in cancelled
    assert "Området ställdes in." in cancelled
    assert "*Kommentar:* EXEMPEL: Enkäten ställdes in" in cancelled  # plan text, public
    assert "Inget dialogprojekt" not in public


def test_an_area_not_held_yet_is_counted_apart_from_a_cancelled_one(run, workspace):
    text = markdown(run, workspace, "--kind", "yearly-follow-up")
    assert (
        "4 dialoger genomfördes i två dialogprojekt inom ett av årets två dialogområden; "
        "det andra är inte genomfört ännu." in text
    )


@pytest.mark.slow
def test_said_and_done_has_the_response_who_decides_and_when_once(run, tmp_path, example):
    document = report(run, tmp_path, example, "--kind", "yearly-follow-up")
    said = [rows(t) for t in document.tables if t.rows[0].cells[0].text == "Ni sa"]
    assert len(said) == 1  # one area with projects: the year's table is not repeated
    header, first = said[0][0], said[0][1]
    assert header == ["Ni sa", "Var", "Vi gör", "Vem beslutar", "När", "Läge"]
    assert first == [
        "Kontinuitet",
        "Arboga, Hallstahammar",
        "Patienter med stora vårdbehov får en fast vårdkontakt på sin vårdcentral.",
        "Regionstyrelsen",
        "26 oktober 2021",
        "beslutat: Regionstyrelsen 26 oktober 2021, § 212, RV210345",
    ]
    assert "Se Ni sa – vi gör för hela året ovan." in everything(document)


@pytest.mark.slow
def test_the_plan_table_fits_a_portrait_page(run, tmp_path, example):
    document = report(run, tmp_path, example)
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT]
    areas = table_with(document, "Frågeområde")
    assert areas[0] == ["Frågeområde", "Metod", "Steg", "Period", "Status", "Projekt"]
    assert areas[2][-2:] == ["inställd", "–"]
    text = everything(document)
    assert "Området ställdes in." in text
    assert "inget projekt ännu" not in text and "genomför området ännu" not in text
    assert "Framtagen av: Beredningens presidium och sekretariat" in text
    assert "Ägare: Sekretariatet" in text


@pytest.mark.slow
def test_the_english_reports_read_right(run, tmp_path, english):
    document = report(run, tmp_path, english)
    text = everything(document)
    assert "Prepared by: The committee's presidium and secretariat" in text
    assert "prepared by The" not in text
    assert "Method: citizen panel" in text and "citizens' panel" not in text
    assert "The area was cancelled." in text
    follow_up = markdown(run, english, "--kind", "yearly-follow-up")
    assert "### Feedback to participants and the public" in follow_up
    assert "| You said | Where | We do | Who decides | When | State |" in follow_up
    assert (
        "10 dialogues were held in one dialogue project within one of the year's two "
        "dialogue areas; the other was cancelled." in follow_up
    )
    assert "From the project plans: dialogue meeting; in person 8, hybrid 2." in follow_up


@pytest.mark.slow
def test_the_dialogue_report_gives_the_rung_with_its_step(run, example, english):
    swedish = markdown(run, example.parent / PROJECT, "--kind", "dialogue-report")
    assert "- **Steg på delaktighetstrappan:** dialog – steg 3 av 5" in swedish
    text = markdown(run, english.parent / PROJECT, "--kind", "dialogue-report")
    assert "- **Rung on the participation ladder:** dialogue – rung 3 of 5" in text


@pytest.mark.slow
def test_feedback_sentences_end_once_and_say_who_decides(run, example, english):
    result = run("feedback", example.parent / PROJECT, "-d", "fagersta", "-c", "web")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "1177 och jourmottagningen. " in text or "1177 och jourmottagningen.\n" in text
    assert ".." not in text
    assert "Beslut fattas av: Regionstyrelsen. Besked senast" in text
    assert "Beslutar gör" not in text
    arboga = run("feedback", example.parent / PROJECT, "-d", "arboga", "-c", "web").stdout
    assert "Beslutat av Regionstyrelsen 26 oktober 2021, § 212, RV210345." in arboga
    assert "Det är beslutat" not in arboga and "Beslut:" not in arboga
    en = run("feedback", english.parent / PROJECT, "-d", "fagersta", "-c", "web").stdout
    assert ".." not in en and "out-of-hours clinic." in en
    assert "To be decided by: Regional Executive Board." in en


@pytest.fixture
def workspace(write):
    """test_yearly_reports' plan with two projects in one area, the other area planned."""
    from test_yearly_reports import LITEN, PLAN, STOR

    write(STOR, "plans/stor.yaml")
    write(LITEN, "plans/liten.yaml")
    return write(PLAN, "plans/plan-2021.yaml")
