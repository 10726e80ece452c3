"""The implementation plan's two reports: the year's plan for the committee, and the
year's follow-up compiled across its dialogue projects, internal and public. Word
files read back with python-docx."""

from __future__ import annotations

import pytest
from conftest import PROJECT
from docx import Document
from test_report import everything, headings

PLAN = """\
kind: implementation_plan
id: plan-2021
title: Genomförandeplan 2021
organisation: Region Test
committee: Hälso- och sjukvårdsnämnden
year: 2021
version: "1.0"
decided: {body: Hälso- och sjukvårdsnämnden, date: 2020-12-08, reference: § 40}
prepared_by: Nämndens presidium och tjänstemän
principles:
  - text: Nämnden för dialog i frågor där invånarna kan påverka.
    rung: dialogue
areas:
  - id: nara-vard
    question_area: Omställningen till Nära vård
    purpose: Att höra invånarna om Nära vård.
    target_groups: [Invånare]
    method: dialogue_meeting
    rung: dialogue
    owner: Presidiet
    period: 2021-03..2021-05
    projects: [stor, liten]
  - id: unga
    question_area: Ungas psykiska hälsa
    purpose: Att höra unga.
    target_groups: [Unga 16–25 år]
    method: focus_group
    rung: consultation
    owner: Presidiet
    period: 2021-09..2021-10
"""

PERSONNUMMER = "19121212-1212"
INTERNAL = "Ordföranden kom sent"


def project(pid: str, title: str, sala: str, koping: str) -> str:
    """conftest's project as `pid`, linked to the plan, both dialogues held with
    the outcomes given (YAML mapping bodies, indented for `outcome:`)."""
    text = PROJECT.replace("id: testprojekt", f"id: {pid}", 1)
    text = text.replace("title: Invånardialog Nära vård", f"title: {title}", 1)
    text = text.replace(
        "municipalities: [Sala, Köping]\n",
        "municipalities: [Sala, Köping]\n"
        "population: {Sala: 22900, Köping: 26200}\n"
        "implementation_plan: plan-2021\n",
    )
    for members, outcome in (("[anna, bo]", sala), ("[bo, cia]", koping)):
        text = text.replace(
            f"    members: {members}\n",
            f"    members: {members}\n    status: held\n    outcome:\n{outcome}",
        )
    return text


STOR = project(
    "stor",
    "Dialog om vårdcentralen",
    sala="""\
      participants: 40
      age_groups: {"16–29": 12, "30–64": 20, "65+": 8}
      genders: {kvinnor: 22, män: 18}
      themes: [Kontinuitet, Avstånd]
      public_notes: Bra samtal om vårdcentralen.
      follow_up: {main_lesson: Kontinuitet väger tyngst.}
      feedback:
        - {date: 2021-05-10, channel: e-post, description: Sammanfattning skickad.}
""",
    koping="""\
      participants: 30
      genders: {kvinnor: 16, män: 14}
      themes: [kontinuitet]
""",
)
LITEN = (
    project(  # a month later: the same members cannot be in two places at once
        "liten",
        "Dialog om ambulansen",
        sala=f"""\
      participants: 3
      genders: {{kvinnor: 2, män: 1}}
      themes: [Ambulansens väg]
      public_notes: Få deltagare; kontakt {PERSONNUMMER}.
      internal_notes: {INTERNAL}.
""",
        koping="""\
      participants: 12
      themes: [Kontinuitet]
""",
    )
    .replace("date: 2021-04-13", "date: 2021-05-18")
    .replace("date: 2021-04-15", "date: 2021-05-20")
)


@pytest.fixture
def workspace(write):
    """The plan and its two projects, side by side in plans/."""
    write(STOR, "plans/stor.yaml")
    write(LITEN, "plans/liten.yaml")
    return write(PLAN, "plans/plan-2021.yaml")


def report(run, tmp_path, plan, *args) -> Document:
    out = tmp_path / "rapport.docx"
    result = run("report", plan, *args, "--out", out)
    assert result.exit_code == 0, result.stderr
    return Document(str(out))


def markdown(run, plan, *args) -> str:
    result = run("report", plan, *args, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_with(document, heading: str) -> list[list[str]]:
    return next(rows(t) for t in document.tables if t.rows[0].cells[0].text == heading)


@pytest.mark.slow
def test_the_plan_for_the_committee(run, tmp_path, workspace):
    document = report(run, tmp_path, workspace)
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.title == "Genomförandeplan 2021"
    names = [text for style, text in headings(document) if style == "Heading 1"]
    assert names == ["Beslut", "Principer", "Dialogområden 2021"]
    text = everything(document)
    assert "Hälso- och sjukvårdsnämnden fastställde planen 8 december 2020 (§ 40)" in text
    assert "Framtagen av: Nämndens presidium och tjänstemän" in text
    principles = table_with(document, "Princip")
    assert principles[1][1] == "dialog – steg 3 av 5"
    areas = table_with(document, "Frågeområde")
    assert areas[1] == [
        "Omställningen till Nära vård",
        "dialogmöte",
        "dialog",
        "mars–maj 2021",
        "planerad",
        "Dialog om vårdcentralen, Dialog om ambulansen",
    ]
    assert areas[2][-1] == "inget projekt ännu"
    assert "Dialog om vårdcentralen: 2 dialoger genomförda, 0 planerade" in text
    assert "Inget dialogprojekt genomför området ännu." in text


@pytest.mark.slow
def test_the_public_follow_up_hides_small_counts_and_personal_data(run, workspace):
    text = markdown(run, workspace, "--kind", "yearly-follow-up", "--audience", "public")
    assert PERSONNUMMER not in text and INTERNAL not in text
    assert "Få deltagare; kontakt \\[borttaget\\]." in text
    assert "Interna kommentarer" not in text
    # Sala's 3 in the small project: hidden, as in the project's own public report,
    # which shows Köping's 12 and hides their sum; so 85 in all (70 + 15) is hidden too
    assert "| Sala | Dialog om ambulansen | 18 maj 2021 | färre än 5 |" in text
    assert "| Köping | Dialog om ambulansen | 20 maj 2021 | 12 |" in text
    assert "85" not in text
    # 33 men less the large project's 32 (its report shows 18 + 14) would give 1
    assert "| män | 33 |" not in text and "| **Totalt** | **73** |" not in text
    assert "(intern version)" not in text


def test_the_internal_follow_up_shows_every_count_and_the_internal_notes(run, workspace):
    text = markdown(run, workspace, "--kind", "yearly-follow-up")
    assert "| Sala | Dialog om ambulansen | 18 maj 2021 | 3 | 22\u00a0900 | 0,13 |" in text
    assert "| Köping | Dialog om ambulansen | 20 maj 2021 | 12 |" in text
    assert f"*Interna kommentarer och reflektioner:* {INTERNAL}." in text
    assert "färre än 5" not in text and "visas inte" not in text


@pytest.mark.slow
def test_the_follow_up_compiles_per_area_and_in_total(run, tmp_path, workspace):
    document = report(run, tmp_path, workspace, "--kind", "yearly-follow-up")
    names = [text for style, text in headings(document) if style == "Heading 1"]
    assert names == ["Sammanfattning", "Omställningen till Nära vård", "Ungas psykiska hälsa"]
    summary = table_with(document, "Dialogområde")
    assert summary[1:] == [
        ["Omställningen till Nära vård", "2", "4", "85", "1,73"],
        ["Ungas psykiska hälsa", "0", "0", "–", "–"],
        ["Totalt", "2", "4", "85", "1,73"],
    ]
    genders = table_with(document, "Kön")
    assert genders[1:] == [["kvinnor", "40"], ["män", "33"], ["Totalt", "73"]]
    ages = table_with(document, "Åldersgrupp")
    assert ages[1:] == [["16–29", "12"], ["30–64", "20"], ["65+", "8"], ["Totalt", "40"]]
    assert "Räknat för 73 deltagare i 3 av 4 dialoger." in everything(document)
    themes = table_with(document, "Ni sa")
    assert themes[1][:2] == ["Kontinuitet", "Sala, Köping"]  # merged across projects
    text = everything(document)
    assert "Inget dialogprojekt genomförde området." in text
    assert "Hur många deltog?" in text and "Vad är det viktigaste vi har lärt oss" in text
    assert "Sala (Dialog om vårdcentralen): Kontinuitet väger tyngst." in text
    assert "Sammanfattning skickad." in text


@pytest.mark.slow
def test_the_public_word_file_hides_small_counts(run, tmp_path, workspace):
    document = report(
        run, tmp_path, workspace, "--kind", "yearly-follow-up", "--audience", "public"
    )
    text = everything(document)
    assert PERSONNUMMER not in text and INTERNAL not in text
    participants = [r for r in table_with(document, "Kommun") if r[1] == "Dialog om ambulansen"]
    assert [r[3] for r in participants] == ["färre än 5", "12"]
    assert [r[5] for r in participants] == ["–", "0,46"]  # per 1,000 hidden with its count


@pytest.mark.slow
def test_build_makes_both_reports_and_errors_in_a_project_make_drafts(run, tmp_path, workspace):
    out = tmp_path / "out"
    assert run("build", workspace.parent, "--out", out).exit_code == 0
    made = sorted(p.name for p in out.rglob("*.docx") if "plan-2021" in str(p))
    assert made == [
        "arets-uppfoljning-intern.docx",
        "arets-uppfoljning-publik.docx",
        "genomforandeplan.docx",
    ]
    (workspace.parent / "liten.yaml").write_text(
        LITEN.replace("members: [bo, cia]", "members: [bo, okand]"), encoding="utf-8"
    )
    result = run("report", workspace, "--kind", "yearly-follow-up", "--format", "markdown")
    assert result.stdout.startswith("**UTKAST")


def _one_dialogue_counted(pid: str, title: str, ages: str) -> str:
    """A project whose only counted dialogue is Sala's, with `ages`."""
    sala = f"      participants: {sum(map(int, ages.split()))}\n"
    groups = ", ".join(f"{g}: {n}" for g, n in zip("abc", ages.split(), strict=True))
    sala += "      age_groups: {" + groups + "}\n"
    return project(pid, title, sala=sala, koping="      themes: [Kontinuitet]\n")


@pytest.mark.slow
def test_the_year_withholds_what_the_projects_reports_would_give_away(run, write):
    """The projects' public reports show 7, 9 and "färre än 5" (17 took part), and 6
    with two under 5 adding up to 7; the year's "c: visas inte" (at least 5) would pin
    the first c to 1. So the year gives no age groups at all (found by an attack)."""
    write(_one_dialogue_counted("stor", "Dialog ett", "7 9 1"), "plans/stor.yaml")
    second = _one_dialogue_counted("liten", "Dialog två", "6 3 4")
    second = second.replace("date: 2021-04-13", "date: 2021-05-18")
    write(second.replace("date: 2021-04-15", "date: 2021-05-20"), "plans/liten.yaml")
    plan = write(PLAN, "plans/plan-2021.yaml")
    text = markdown(run, plan, "--kind", "yearly-follow-up", "--audience", "public")
    assert "| Åldersgrupp |" not in text
    assert "Ålder och kön redovisas inte för hela året" in text
    internal = markdown(run, plan, "--kind", "yearly-follow-up")
    assert "| c | 5 |" in internal and "redovisas inte" not in internal


def test_a_project_listed_twice_is_counted_once(run, workspace):
    workspace.write_text(
        PLAN.replace("projects: [stor, liten]", "projects: [stor, liten, stor]"), "utf-8"
    )
    assert "DK240" in run("plan", "check", workspace.parent).stdout
    draft = run("report", workspace, "--kind", "yearly-follow-up", "--format", "markdown")
    assert draft.stdout.startswith("**UTKAST")
    assert "Antal deltagare: 85." in draft.stdout  # 40 + 30 + 3 + 12, not 155
