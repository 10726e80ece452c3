"""After the dialogue (issue 15): "Ni sa – vi gör" in the dialogue report, read back
from Word with python-docx. The table gives each theme heard, where it came up and its
response (what happens, who decides, by when, the state in words with the decision or
the reason); the internal report also lists the themes without a response; the public
report carries no internal notes. The example project shows the whole loop and the
skeleton shows the after-dialogue part."""

from __future__ import annotations

import pytest
import yaml
from conftest import PROJECT, REPO
from docx import Document

VASTMANLAND = REPO / "plans" / "vastmanland-nara-vard.yaml"
SKELETON = REPO / "templates" / "skeletons" / "dialogue_project.yaml"
EPOCH = "1767225600"  # 2026-01-01: reproducible report dates
HEADER_SV = ["Ni sa", "Var", "Vi gör", "Vem beslutar", "När", "Läge"]
HEADER_EN = ["You said", "Where", "We do", "Who decides", "By", "State"]

HELD = (
    PROJECT.replace(
        "    members: [anna, bo]\n",
        """    members: [anna, bo]
    status: held
    outcome:
      participants: 12
      themes: [Kontinuitet, Anhörigstöd, Kvällsöppet]
      public_notes: Deltagarna talade om kontinuitet.
      internal_notes: HEMLIG-REFLEKTION om lokalen.
""",
        1,
    ).replace(
        "    members: [bo, cia]\n",
        """    members: [bo, cia]
    status: held
    outcome:
      participants: 8
      themes: [kontinuitet, Digitala vårdmöten]
""",
        1,
    )
    + """responses:
  - theme: Kontinuitet
    response: Fast vårdkontakt införs.
    decided_by: Regionstyrelsen
    due: 2021-10-26
    state: decided
    decision: {body: Regionstyrelsen, date: 2021-10-26, reference: "§ 212, RV210345"}
  - theme: Kvällsöppet
    response: Inga nya kvällsmottagningar.
    decided_by: Regionstyrelsen
    due: 2021-10-26
    state: declined
    reason: Det ryms inte i budgeten.
  - theme: Väntetider
    response: Väntetiderna redovisas på webbsidan.
    state: done
"""
)


@pytest.fixture
def word(run, tmp_path, monkeypatch):
    """`dialogkit report PLAN -k dialogue-report ARGS` as a python-docx Document."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def make(plan, *args: str) -> Document:
        out = tmp_path / f"rapport-{len(list(tmp_path.glob('*.docx')))}.docx"
        result = run("report", plan, "-k", "dialogue-report", *args, "--out", out)
        assert result.exit_code == 0, result.stderr
        return Document(str(out))

    return make


def said_done(document) -> list[list[str]]:
    """The rows of the "Ni sa – vi gör" table, its header first."""
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows[0] in (HEADER_SV, HEADER_EN):
            return rows
    raise AssertionError("no 'Ni sa – vi gör' table")


def body_text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.slow
def test_the_table_gives_each_theme_its_places_and_response(word, write):
    rows = said_done(word(write(HELD)))
    assert rows == [
        HEADER_SV,
        [
            "Kontinuitet",
            "Sala, Köping",  # one theme whatever its case
            "Fast vårdkontakt införs.",
            "Regionstyrelsen",
            "26 oktober 2021",
            "beslutat: Regionstyrelsen 26 oktober 2021, § 212, RV210345",
        ],
        [
            "Kvällsöppet",
            "Sala",
            "Inga nya kvällsmottagningar.",
            "Regionstyrelsen",
            "26 oktober 2021",
            "tas inte vidare: Det ryms inte i budgeten.",
        ],
        # a response to a theme no dialogue names (raised elsewhere)
        ["Väntetider", "–", "Väntetiderna redovisas på webbsidan.", "–", "–", "genomfört"],
        ["Anhörigstöd", "Sala", "–", "–", "–", "inget svar ännu"],
        ["Digitala vårdmöten", "Köping", "–", "–", "–", "inget svar ännu"],
    ]


@pytest.mark.slow
def test_the_internal_report_lists_the_themes_without_a_response(word, write):
    plan = write(HELD)
    internal = word(plan)
    texts = [p.text for p in internal.paragraphs]
    start = texts.index("Teman utan svar")
    listed = texts[start + 2 : start + 4]
    assert listed == ["Anhörigstöd (Sala)", "Digitala vårdmöten (Köping)"]
    public = word(plan, "--audience", "public")
    assert "Teman utan svar" not in [p.text for p in public.paragraphs]
    # the public table still shows every theme heard
    assert [row[0] for row in said_done(public)] == [row[0] for row in said_done(internal)]


@pytest.mark.slow
def test_every_theme_answered_leaves_no_list_of_themes_without_response(word, write):
    answered = HELD.replace("[Kontinuitet, Anhörigstöd, Kvällsöppet]", "[Kvällsöppet]")
    answered = answered.replace("[kontinuitet, Digitala vårdmöten]", "[kontinuitet]")
    document = word(write(answered))
    assert "Teman utan svar" not in body_text(document)
    assert all(row[5] != "inget svar ännu" for row in said_done(document))


@pytest.mark.slow
def test_each_dialogue_names_its_themes_and_their_state(word, write):
    texts = [p.text for p in word(write(HELD)).paragraphs]
    assert (
        "Teman: Kontinuitet (beslutat), Anhörigstöd (inget svar ännu), Kvällsöppet "
        "(tas inte vidare)" in texts
    )
    assert "Teman: kontinuitet (beslutat), Digitala vårdmöten (inget svar ännu)" in texts


@pytest.mark.slow
def test_the_public_report_has_no_internal_notes(word, write):
    plan = write(HELD)
    assert "HEMLIG-REFLEKTION" in body_text(word(plan))
    public = body_text(word(plan, "--audience", "public"))
    assert "HEMLIG-REFLEKTION" not in public
    assert "Deltagarna talade om kontinuitet." in public


@pytest.mark.slow
def test_the_public_table_loses_personal_data_in_a_response(word, write):
    plan = write(HELD.replace("Det ryms inte i budgeten.", "Ring kim.kontakt@gmail.com om det."))
    assert "kim.kontakt@gmail.com" in body_text(word(plan))
    assert "kim.kontakt@gmail.com" not in body_text(word(plan, "--audience", "public"))


@pytest.mark.slow
def test_the_english_table(word, write):
    english = HELD.replace(
        "organisation: Region Test\n", "organisation: Region Test\nlanguage: en\n"
    )
    document = word(write(english))
    rows = said_done(document)
    assert rows[0] == HEADER_EN
    assert rows[1][5] == "decided: Regionstyrelsen 26 October 2021, § 212, RV210345"
    assert rows[2][5] == "not taken forward: Det ryms inte i budgeten."
    assert rows[-1][5] == "no response yet"
    assert "Themes without a response" in [p.text for p in document.paragraphs]


@pytest.mark.slow
def test_the_example_project_closes_the_loop(word):
    plan = yaml.safe_load(VASTMANLAND.read_text(encoding="utf-8"))
    held = [d for d in plan["dialogues"] if not d.get("test")]
    assert held and all(d["status"] == "held" for d in held)
    assert all(d["outcome"]["feedback"] for d in held)  # feedback given after each one
    heard = {theme.casefold() for d in held for theme in d["outcome"]["themes"]}
    answered = {r["theme"].casefold() for r in plan["responses"]}
    assert heard == answered
    assert {r["state"] for r in plan["responses"]} == {"considering", "decided", "declined", "done"}
    rows = said_done(word(VASTMANLAND))[1:]
    assert {row[0].casefold() for row in rows} == heard
    for response in plan["responses"]:
        row = next(r for r in rows if r[0] == response["theme"])
        assert row[2] == " ".join(response["response"].split())
        assert row[3] == response["decided_by"]
        if decision := response.get("decision"):
            assert decision["reference"] in row[5]
    public = body_text(word(VASTMANLAND, "--audience", "public"))
    for dialogue in held:
        if notes := dialogue["outcome"].get("internal_notes"):
            assert " ".join(notes.split())[:40] not in public


def test_the_skeleton_shows_the_after_dialogue_part():
    text = SKELETON.read_text(encoding="utf-8")
    plan = yaml.safe_load(text)
    held = [d for d in plan["dialogues"] if d.get("status") == "held"]
    assert held, "the skeleton shows a held dialogue"
    outcome = held[0]["outcome"]
    for field in ("participants", "themes", "public_notes", "internal_notes", "follow_up"):
        assert outcome[field]
    assert outcome["feedback"][0]["audience"] == "participants"
    assert {r["theme"] for r in plan["responses"]} == set(outcome["themes"])
    assert "deadlines" in plan
    for explained in ("internal_notes", "responses:", "declined", "reason", "decision"):
        assert explained in text


def test_a_theme_and_its_response_match_whatever_their_spacing(write):
    """The report, the feedback texts and DK228 take "Digitala  vårdmöten" (two spaces)
    for the response's "Digitala vårdmöten" alike."""
    from datetime import date

    import dialogkit
    from dialogkit.checking import load_plan
    from dialogkit.feedback import response_to
    from dialogkit.heard import said_and_done
    from dialogkit.participation import counted

    text = HELD.replace("Digitala vårdmöten]", "'Digitala  vårdmöten']") + (
        "  - {theme: Digitala vårdmöten, response: Alla erbjuder dem., state: done}\n"
        "  - {theme: Anhörigstöd, response: Utreds., state: considering}\n"
    )
    path = write(text)
    project = load_plan(path).plan
    assert not said_and_done(project, counted(project))["without_response"]
    assert response_to(project, "Digitala  vårdmöten").state == "done"
    codes = {f.code for f in dialogkit.check([path], today=date(2030, 1, 1)).findings}
    assert "DK228" not in codes
