"""What the reports say (issue 13, "Content" and the title block): every report opens
with organisation, date, version and case number; the dialogue report quotes every
question and gives method, themes and next steps; the project plan counts the
dialogues it sums; the local plan writes periods in words and totals its
self-assessment; the regional compilation lists the municipalities without a local
plan. Read through `dialogkit report -f markdown`, the library and, once, Word."""

from __future__ import annotations

import re

import pytest
from conftest import LOCAL_PLAN, PROJECT, REPO, STRATEGY
from docx import Document

from dialogkit.checking import load_plan
from dialogkit.formatting import format_period
from dialogkit.periods import parse_period
from dialogkit.reports import build_report

PLANS = REPO / "plans"
VASTMANLAND = PLANS / "vastmanland-nara-vard.yaml"
LEKEBERG = PLANS / "lekeberg-kommunikationsplan-2023.yaml"
LEKSAND = PLANS / "leksand-lokal-plan.yaml"
DALARNA = PLANS / "dalarna-strategi.yaml"
EPOCH = "1767225600"  # 2026-01-01: the day a report made "now" carries
NBSP = "\u00a0"
ISO_MONTH = re.compile(r"\b\d{4}-\d{2}\b(?!-\d)")  # a month, not a full date


@pytest.fixture
def report(run, monkeypatch):
    """`dialogkit report PLAN ARGS -f markdown` on a fixed clock; its Markdown."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def markdown(plan, *args: str) -> str:
        result = run("report", plan, *args, "-f", "markdown")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return markdown


def section(markdown: str, heading: str) -> str:
    """The text under `## heading` (or `### heading`), up to the next heading of that level."""
    level = re.match(r"#+", heading).group()
    start = markdown.index(heading + "\n")
    rest = markdown[start + len(heading) :]
    end = re.search(rf"^{level} ", rest, re.M)
    return rest[: end.start()] if end else rest


def title_block(markdown: str) -> list[str]:
    """The lines of the paragraph right after the report's title, hard breaks removed."""
    lines = markdown.splitlines()
    assert lines[0].startswith("# ") and lines[1] == ""
    block = lines[2 : lines.index("", 2)]
    return [line.removesuffix("\\") for line in block]


# --- the title block ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "kind", "expected"),
    [
        (
            VASTMANLAND,
            "project-plan",
            [
                "**Region Västmanland**",
                "Beredningen för invånardialog (BID)",
                "Datum: 1 januari 2026",
                "Diarienummer: RV200159",
            ],
        ),
        (
            VASTMANLAND,
            "dialogue-report",
            [
                "**Region Västmanland**",
                "Beredningen för invånardialog (BID)",
                "Datum: 1 januari 2026",
                "Diarienummer: RV200159",
            ],
        ),
        (
            LEKEBERG,
            "communication-plan",
            ["**Lekebergs kommun**", "Kristin Lundgren, projektledare", "Datum: 25 juni 2023"],
        ),
        (
            LEKSAND,
            "local-plan",
            [
                "**Leksand**",
                "Framtagen av Leksands kommun, socialförvaltningen och Region Dalarna, "
                "hälsocentralen i Leksand",
                "Datum: 1 januari 2026",
            ],
        ),
        (
            DALARNA,
            "regional",
            ["**Region Dalarna och Dalarnas femton kommuner**", "Datum: 1 januari 2026"],
        ),
    ],
)
def test_every_example_report_opens_with_a_title_block(report, plan, kind, expected):
    """The clock's day (SOURCE_DATE_EPOCH) for a report made now; the communication
    plan's own date for the communication plan. The case number where the plan gives
    one (seed 000: RV200159); no version line when the plan has none."""
    assert title_block(report(plan, "-k", kind)) == expected


def test_title_block_gives_version_and_case_number_when_the_plan_has_them(report, write):
    versioned = PROJECT.replace(
        "organisation: Region Test\n",
        "organisation: Region Test\nversion: 2.1 reviderad\ncase_number: RS 2021/17\n",
    )
    assert title_block(report(write(versioned))) == [
        "**Region Test**",
        "Beredningen för invånardialog",
        "Datum: 1 januari 2026",
        "Version: 2.1 reviderad",
        "Diarienummer: RS 2021/17",
    ]
    english = versioned.replace(
        "organisation: Region Test\n", "organisation: Region Test\nlanguage: en\n"
    )
    block = title_block(report(write(english, "en.yaml"), "-k", "dialogue-report"))
    assert block[2:] == [
        "Date: 1 January 2026",
        "Version: 2.1 reviderad",
        "Case number: RS 2021/17",
    ]
    strategy = STRATEGY.replace(
        "organisation: Region\n", "organisation: Region\ncase_number: RD 22/5\n"
    )
    assert title_block(report(write(strategy, "strategi.yaml")))[-1] == "Diarienummer: RD 22/5"


def test_the_library_gives_the_same_title_block(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    made = build_report(load_plan(LEKSAND))
    assert made.kind == "local-plan"
    assert title_block(made.markdown)[-1] == "Datum: 1 januari 2026"


@pytest.mark.slow
def test_the_title_block_opens_the_word_document(run, write, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    plan = write(
        PROJECT.replace("organisation: Region Test\n", "organisation: Region Test\nversion: '3'\n")
    )
    out = tmp_path / "projektplan.docx"
    result = run("report", plan, "--out", out)
    assert result.exit_code == 0, result.stderr
    paragraphs = [p for p in Document(str(out)).paragraphs if p.text.strip()]
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[1].text.splitlines() == [
        "Region Test",
        "Beredningen för invånardialog",
        "Datum: 1 januari 2026",
        "Version: 3",
    ]
    assert paragraphs[1].runs[0].bold


# --- the dialogue report ----------------------------------------------------------------

HELD = PROJECT.replace(
    "  - Vad är viktigt för dig?\n",
    "  - Vad är viktigt för dig?\n  - Hur vill du kontakta vården?\n  - Vad kan du själv göra?\n",
).replace(
    "    members: [anna, bo]\n",
    """    members: [anna, bo]
    status: held
    outcome:
      participants: 12
      public_notes: Bra samtal.
      themes: [Kontinuitet, Anhörigstöd]
""",
)
TWO_HELD = HELD.replace(
    "      registration_deadline: 2021-04-12\n    members: [bo, cia]\n",
    """      registration_deadline: 2021-04-12
    members: [bo, cia]
    focus_question: Hur når du vården på kvällen?
    status: held
    outcome:
      participants: 7
      themes: [kontinuitet, Digitala vårdmöten]
""",
)


def test_the_dialogue_report_quotes_every_question(report, write):
    questions = section(report(write(HELD), "-k", "dialogue-report"), "## Frågeställningar")
    assert "Dialogerna utgick från 3 frågor:" in questions
    assert re.findall(r"^\d\. .*$", questions, re.M) == [
        "1. Vad är viktigt för dig?",
        "2. Hur vill du kontakta vården?",
        "3. Vad kan du själv göra?",
    ]
    focus = section(report(write(TWO_HELD), "-k", "dialogue-report"), "## Frågeställningar")
    assert "- **Köping:** Hur når du vården på kvällen?" in focus


def test_the_example_dialogue_report_quotes_all_its_questions(report):
    questions = load_plan(VASTMANLAND).plan.questions
    assert len(questions) == 3
    quoted = section(report(VASTMANLAND, "-k", "dialogue-report"), "## Frågeställningar")
    assert [f"{n}. {q}" for n, q in enumerate(questions, start=1)] == re.findall(
        r"^\d\. .*$", quoted, re.M
    )


def test_the_dialogue_report_gives_method_themes_and_next_steps(report, write):
    markdown = report(
        write(
            TWO_HELD.replace(
                "participation_rung: dialogue\n",
                "participation_rung: dialogue\nmethod: focus_group\n",
            )
        ),
        "-k",
        "dialogue-report",
    )
    method = section(markdown, "## Metod")
    assert "- **Metod:** fokusgrupp" in method
    assert "- **Steg på delaktighetstrappan:** dialog" in method
    assert "- **Format:** fysisk (1), digital (1)" in method
    themes = section(markdown, "## Ni sa – vi gör")
    rows = [line for line in themes.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows == [
        "| Ni sa | Var | Vi gör | Vem beslutar | När | Läge |",
        # one theme whatever its case; none has a response in this plan
        "| Kontinuitet | Sala, Köping | – | – | – | inget svar ännu |",
        "| Anhörigstöd | Sala | – | – | – | inget svar ännu |",
        "| Digitala vårdmöten | Köping | – | – | – | inget svar ännu |",
    ]
    next_steps = section(markdown, "## Nästa steg")
    assert "Synpunkterna sammanställs i en rapport." in next_steps
    assert "Rapporten lämnas senast 31 augusti 2021 till Regionstyrelsen." in next_steps
    assert "Kvar att genomföra" not in next_steps


def test_next_steps_name_the_dialogues_still_to_hold(report, write):
    markdown = report(write(HELD), "-k", "dialogue-report")
    assert "Kvar att genomföra: Köping (15 april 2021)." in section(markdown, "## Nästa steg")
    assert "Inga teman" not in markdown
    summary = section(markdown, "## Sammanfattning")
    assert "1 dialog genomfördes den 13 april 2021 med sammanlagt 12 deltagare." in summary
    without = report(write(PROJECT, "tom.yaml"), "-k", "dialogue-report")
    assert "Inga teman är sammanställda ännu" in section(without, "## Ni sa – vi gör")


def test_the_english_dialogue_report_is_english(report, write):
    english = TWO_HELD.replace(
        "organisation: Region Test\n", "organisation: Region Test\nlanguage: en\n"
    )
    markdown = report(write(english), "-k", "dialogue-report")
    for heading in ("## Questions", "## Method", "## You said – we do", "## Next steps"):
        assert heading in markdown
    assert "2 dialogues were held between 13 April 2021 and 15 April 2021" in markdown
    assert "The report is due on 31 August 2021 to Regionstyrelsen." in markdown
    # the plan's own text is Swedish; none of the report's own words are
    for swedish in ("Frågeställningar", "Metod", "Teman", "Nästa steg", "genomfördes", "fysisk"):
        assert swedish not in markdown
    assert "- **Format:** in person (1), digital (1)" in markdown


# --- the project plan -------------------------------------------------------------------

COSTED_TEST = PROJECT.replace(
    "dialogues:\n",
    """dialogues:
  - id: test-1
    municipality: Sala
    format: digital
    test: true
    date: 2021-02-16
    start: "10:00"
    end: "11:00"
    digital: {platform: Teams, link: "https://teams.example.se/t", registration_email: a@example.se}
    members: [anna, bo]
    costs: {fees: 1000}
""",
)


def _dialogue_sum(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if "Summa dialoger" in line)


def test_the_project_plan_counts_the_dialogues_it_sums(report, write):
    # Sala in person 9 000 kr, Köping digital 4 000 kr, the test dialogue's fee 1 000 kr
    line = _dialogue_sum(report(write(COSTED_TEST)))
    assert line == f"| **Summa dialoger (3 st, varav 1 testdialog)** | **14{NBSP}000{NBSP}kr** |"
    free_test = COSTED_TEST.replace("    costs: {fees: 1000}\n", "")
    line = _dialogue_sum(report(write(free_test, "gratis.yaml")))
    assert line == f"| **Summa dialoger (2 st)** | **13{NBSP}000{NBSP}kr** |"


def test_the_example_project_plan_counts_ten_dialogues(report):
    assert (
        _dialogue_sum(report(VASTMANLAND))
        == f"| **Summa dialoger (10 st)** | **90{NBSP}000{NBSP}kr** |"
    )


def test_the_english_project_plan_counts_the_costed_test_dialogue(report, write):
    english = COSTED_TEST.replace(
        "organisation: Region Test\n", "organisation: Region Test\nlanguage: en\n"
    )
    markdown = report(write(english))
    assert "| **Dialogues (3, of which 1 test dialogue)** |" in markdown


# --- the local plan ---------------------------------------------------------------------

SCORED = LOCAL_PLAN.replace("    when: 2023\n", "    when: 2023-03..2024-12\n").replace(
    "  - {id: delaktighet, statement: Invånarna är delaktiga., sub_goal: 2, scores: {2022: 3}}\n",
    """  - {id: delaktighet, statement: Invånarna är delaktiga., sub_goal: 2,
     scores: {2022: 3, 2023: 4}}
  - {id: samverkan, statement: Vi planerar tillsammans., sub_goal: 1, scores: {2022: 2, 2023: 2}}
  - {id: digitalt, statement: Vi använder digitala lösningar., sub_goal: 1, scores: {2023: 5}}
""",
)


def local_plan(write, text: str, name: str = "lokal.yaml"):
    """A local plan with its strategy in the same folder."""
    write(STRATEGY, "strategi.yaml")
    return write(text, name)


def test_the_local_plan_writes_periods_in_words(report, write):
    markdown = report(local_plan(write, SCORED))
    assert "| SIP för alla | mars 2023 – december 2024 |" in markdown
    assert not ISO_MONTH.search(markdown)
    assert "Planperiod 2022–2024, enligt Strategi." in markdown
    english_plan = SCORED.replace("strategy: strategi\n", "strategy: strategi\nlanguage: en\n")
    english = report(local_plan(write, english_plan, "en.yaml"))
    assert "| SIP för alla | March 2023 – December 2024 |" in english


def test_the_example_local_plan_has_no_iso_periods(report):
    markdown = report(LEKSAND)
    assert not ISO_MONTH.search(markdown)
    activities = section(markdown, "## Aktiviteter")
    for when in ("hösten 2022", "| 2023 |", "mars 2023 – december 2024", "våren 2024"):
        assert when in activities


def test_the_local_plan_shows_every_statement_and_the_total_per_year(report, write):
    markdown = report(local_plan(write, SCORED))
    per_goal = section(markdown, "### Per delmål")
    # 2022 lacks one statement's score: no total for it, and the change is that of the
    # statements scored both years (issue 14), not 11 − 5
    assert "| **Totalt (högst 15)** | **saknas** | **11** | **+1** |" in per_goal
    per_statement = section(markdown, "### Per påstående")
    rows = [
        line for line in per_statement.splitlines() if line.startswith("| ") and "---" not in line
    ]
    assert rows == [
        "| Påstående | Delmål | 2022 | 2023 | Förändring |",
        "| Invånarna är delaktiga. | 2 | 3 | 4 | +1 |",
        "| Vi planerar tillsammans. | 1 | 2 | 2 | ±0 |",
        "| Vi använder digitala lösningar. | 1 | saknas | 5 | – |",
    ]


def test_the_example_local_plan_totals_its_self_assessment(report):
    plan = load_plan(LEKSAND).plan
    markdown = report(LEKSAND)
    totals = [sum(s.scores[year] for s in plan.self_assessment) for year in (2022, 2023)]
    assert totals == [12, 16]
    assert "| **Totalt (högst 25)** | **12** | **16** | **+4** |" in markdown
    for statement in plan.self_assessment:
        assert f"| {statement.statement} | {statement.sub_goal} |" in markdown


@pytest.mark.parametrize(
    ("written", "sv", "en"),
    [
        ("2023-03..2024-12", "mars 2023 – december 2024", "March 2023 – December 2024"),
        ("2021-04", "april 2021", "April 2021"),
        ("2023", "2023", "2023"),
        ("2022..2024", "2022–2024", "2022–2024"),
        ("Juni-september 2023", "juni–september 2023", "June–September 2023"),
        ("hösten 2022", "hösten 2022", "autumn 2022"),
        ("ht 2023", "hösten 2023", "autumn 2023"),
        ("2022-08..2022-12", "augusti–december 2022", "August–December 2022"),
        ("2021-02-01..2021-02-26", "1–26 februari 2021", "1–26 February 2021"),
        ("2021-02-01..2021-03-03", "1 februari – 3 mars 2021", "1 February – 3 March 2021"),
        ("2021-04-13", "13 april 2021", "13 April 2021"),
    ],
)
def test_periods_in_words(written, sv, en):
    period = parse_period(written)
    assert (format_period(period, "sv"), format_period(period, "en")) == (sv, en)


# --- the regional compilation -----------------------------------------------------------

DALARNA_MUNICIPALITIES = [
    "Avesta",
    "Borlänge",
    "Falun",
    "Gagnef",
    "Hedemora",
    "Leksand",
    "Ludvika",
    "Malung-Sälen",
    "Mora",
    "Orsa",
    "Rättvik",
    "Smedjebacken",
    "Säter",
    "Vansbro",
    "Älvdalen",
]


def test_the_example_regional_compilation_lists_the_14_without_a_plan(report):
    strategy = load_plan(DALARNA).plan
    assert strategy.municipalities == DALARNA_MUNICIPALITIES
    markdown = report(DALARNA)
    assert "1 av strategins 15 kommuner har en lokal plan." in markdown
    missing = section(markdown, "## Kommuner utan lokal plan")
    assert "14 av 15 kommuner har ännu ingen lokal plan:" in missing
    listed = re.findall(r"^- (.+)$", missing, re.M)
    assert listed == [m for m in DALARNA_MUNICIPALITIES if m != "Leksand"]


def test_the_example_regional_compilation_gives_the_strategy(report):
    strategy = load_plan(DALARNA).plan
    markdown = report(DALARNA)
    decision = section(markdown, "### Beslut")
    assert "Länschefsnätverket beslutade 28 januari 2022:" in decision
    assert strategy.decided.text in decision
    principles = section(markdown, "### Principer")
    assert re.findall(r"^- (.+)$", principles, re.M) == strategy.principles
    goals = section(markdown, "### Delmål")
    for goal in strategy.sub_goals:
        assert f"{goal.id}. **{goal.title}** – {goal.description}" in goals
    status = section(markdown, "## Status per delmål")
    assert "| Leksand | 2023 | på väg | delvis | på väg | på väg | efter |" in status


def test_regional_compilation_of_a_small_workspace(report, write):
    strategy = write(
        STRATEGY + "municipalities: [Leksand, Mora, Orsa]\n"
        "decided: {body: Länschefsnätverket, date: 2022-01-28, reference: § 3}\n"
        "principles: [Vi lyssnar.]\n",
        "strategi.yaml",
    )
    write(LOCAL_PLAN.replace("municipality: Leksand", "municipality: leksand"), "lokal.yaml")
    markdown = report(strategy)
    assert "1 av strategins 3 kommuner har en lokal plan." in markdown
    assert re.findall(r"^- (.+)$", section(markdown, "## Kommuner utan lokal plan"), re.M) == [
        "Mora",
        "Orsa",
    ]
    assert "Länschefsnätverket beslutade 28 januari 2022 (§ 3)." in markdown
    assert "| leksand | 2022 | delvis | – |" in markdown
    english = write(
        STRATEGY.replace("kind: strategy\n", "kind: strategy\nlanguage: en\n")
        + "municipalities: [Leksand, Mora]\n",
        "en/strategy.yaml",
    )
    write(
        LOCAL_PLAN.replace("kind: local_plan\n", "kind: local_plan\nlanguage: en\n"),
        "en/local.yaml",
    )
    markdown = report(english)
    assert "1 of the strategy's 2 municipalities has a local plan." in markdown
    assert "1 of 2 municipalities has no local plan yet:\n\n- Mora\n" in markdown


def test_a_strategy_without_municipalities_lists_none(report, write):
    markdown = report(write(STRATEGY, "strategi.yaml"))
    assert "Kommuner utan lokal plan" not in markdown
    assert "Inga lokala planer hänvisar ännu till strategin." in markdown
