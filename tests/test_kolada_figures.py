"""Kolada key figures from the workspace cache (issue 18): the findings DK243–DK246,
the local-plan report's tables and charts, the regional side-by-side table.

The cache files are written here as the contract describes them, so these tests do
not depend on the fetch command; no test touches the network."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, line_of

LOCAL = "leksand.yaml"
CODES = ("2029", "0020", "0000")
NAMES = ("Leksand", "Region Dalarna", "Riket")


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A workspace (a `plans` folder) with Dalarna's strategy and Leksand's plan."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(REPO / "plans" / "dalarna-strategi.yaml", plans)
    text = (REPO / "plans" / "leksand-lokal-plan.yaml").read_text(encoding="utf-8")
    if "municipality_code" not in text:
        text = text.replace(
            "municipality: Leksand\n", 'municipality: Leksand\nmunicipality_code: "2029"\n'
        )
    (plans / LOCAL).write_text(text, encoding="utf-8")
    return tmp_path


def cache(workspace: Path) -> Path:
    return workspace / ".dialogkit" / "cache" / "kolada"


def put(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def put_kpi(workspace: Path, kpi: str, *, missing: bool = False, fetched="2026-11-27") -> None:
    put(
        cache(workspace) / "kpi" / f"{kpi}.json",
        {
            "id": kpi,
            "title": None if missing else f"Titel {kpi}",
            "description": None,
            "unit": None if missing else "%",
            "fetched": fetched,
            "missing": missing,
        },
    )


def values(by_year: dict[int, float | None]) -> list[dict]:
    return [
        {"year": year, "gender": "T", "value": value, "count": 1, "status": None}
        for year, value in by_year.items()
    ]


def put_series(workspace, kpi, code, by_year, *, previous=None, previous_fetched=None):
    put(
        cache(workspace) / "data" / kpi / f"{code}.json",
        {
            "kpi": kpi,
            "municipality": code,
            "fetched": "2026-11-27",
            "values": values(by_year),
            "previous_fetched": previous_fetched,
            "previous_values": None if previous is None else values(previous),
        },
    )


def fetched_as_planned(workspace: Path) -> None:
    """The cache as a fetch leaves it when Kolada agrees with the plan's U21463 and
    N00945 values (2021–2023), with 2024 missing for Leksand."""
    plan = {
        "U21463": {2021: 88, 2022: 89, 2023: 91},
        "N00945": {2021: 52.4, 2022: 50.1, 2023: 47.8},
    }
    for kpi, own in plan.items():
        put_kpi(workspace, kpi)
        put_series(workspace, kpi, "2029", {**own, 2024: None})
        put_series(workspace, kpi, "0020", {year: value + 1 for year, value in own.items()})
        put_series(workspace, kpi, "0000", {2021: 90, 2022: 90.2, 2023: 89.9})


def plan_line(workspace: Path, needle: str) -> int:
    return line_of((workspace / "plans" / LOCAL).read_text(encoding="utf-8"), needle)


def codes(output: str) -> set[str]:
    return {word for word in output.split() if word.startswith("DK2")}


@pytest.mark.slow
def test_quiet_when_the_cache_agrees_with_the_plan(run, workspace):
    fetched_as_planned(workspace)
    result = run("plan", "check", workspace / "plans")
    assert result.exit_code == 0, result.stdout
    assert not codes(result.stdout) & {"DK243", "DK244", "DK245", "DK246"}, result.stdout


def test_quiet_without_a_cache(run, workspace):
    result = run("plan", "check", workspace / "plans")
    assert result.exit_code == 0 and not codes(result.stdout), result.stdout


def test_a_value_that_differs_from_kolada_names_both(run, workspace):
    fetched_as_planned(workspace)
    put_series(workspace, "U21463", "2029", {2021: 88, 2022: 87.5, 2023: 91})
    before = (workspace / "plans" / LOCAL).read_bytes()
    result = run("plan", "check", workspace / "plans")
    line = plan_line(workspace, "values: {2021: 88, 2022: 89")
    assert f"{LOCAL}:{line}:" in result.stdout and "DK243" in result.stdout, result.stdout
    assert "planen har 89, Kolada 87,5" in result.stdout
    assert (workspace / "plans" / LOCAL).read_bytes() == before  # never rewritten


def test_a_value_kolada_revised_names_years_values_and_dates(run, workspace):
    fetched_as_planned(workspace)
    put_series(
        workspace,
        "N00945",
        "0000",
        {2021: 90, 2022: 90.2, 2023: 89.9},
        previous={2021: 90, 2022: 91, 2023: 89.9},
        previous_fetched="2026-10-01",
    )
    result = run("plan", "check", workspace / "plans")
    revised = [line for line in result.stdout.splitlines() if "DK244" in line]
    assert len(revised) == 1, result.stdout
    assert f"{LOCAL}:{plan_line(workspace, 'values: {2021: 52.4')}:" in revised[0]
    for part in ("N00945", "Riket 2022", "91 (hämtat 2026-10-01)", "90,2 (hämtat 2026-11-27)"):
        assert part in revised[0], revised[0]


def test_a_kpi_kolada_no_longer_has(run, workspace):
    fetched_as_planned(workspace)
    put_kpi(workspace, "U21463", missing=True)
    result = run("plan", "check", workspace / "plans")
    missing = [line for line in result.stdout.splitlines() if "DK245" in line]
    assert len(missing) == 1 and "U21463" in missing[0], result.stdout
    assert f"{LOCAL}:{plan_line(workspace, 'kolada_id: U21463')}:" in missing[0]


def test_a_key_figure_not_yet_fetched_gets_a_hint(run, workspace):
    fetched_as_planned(workspace)
    shutil.rmtree(cache(workspace) / "data" / "N00945")
    (cache(workspace) / "kpi" / "N00945.json").unlink()
    result = run("plan", "check", workspace / "plans")
    assert f"{LOCAL}:{plan_line(workspace, 'kolada_id: N00945')}:" in result.stdout
    assert "DK246" in result.stdout and "dialogkit keyfigures fetch" in result.stdout
    assert result.exit_code == 0


def report_markdown(run, workspace, *args) -> str:
    result = run("report", workspace / "plans" / LOCAL, "-f", "markdown", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_the_report_shows_municipality_region_and_riket_beside_the_plan(run, workspace):
    fetched_as_planned(workspace)
    markdown = report_markdown(run, workspace)
    header = next(line for line in markdown.splitlines() if line.startswith("| År |"))
    assert header.split("|")[2:6] == [" Planens värde ", *(f" {name} " for name in NAMES)]
    row_2024 = next(line for line in markdown.splitlines() if line.startswith("| 2024 |"))
    assert "saknas" in row_2024 and " 0 " not in row_2024
    assert markdown.count("Källa: Kolada (hämtad 2026-11-27)") == 2
    assert "Källa: Kolada\n" not in markdown  # no source line under the plan's own table
    # the Markdown file is written alone: each chart is its trend in words, not a link
    # to a picture that is not there
    assert ".png" not in markdown and "![" not in markdown
    assert markdown.count("Linjediagram:") == 2


def test_without_a_cache_the_report_has_no_kolada_source_line(run, workspace):
    markdown = report_markdown(run, workspace)
    assert "Kolada (hämtad" not in markdown and "Källa: Kolada" not in markdown


@pytest.mark.slow
def test_the_word_report_has_the_table_and_a_chart_with_its_trend(run, workspace, monkeypatch):
    pytest.importorskip("matplotlib", reason="the charts extra: pip install '.[charts]'")
    from docx import Document

    fetched_as_planned(workspace)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    out = workspace / "rapport.docx"
    assert run("report", workspace / "plans" / LOCAL, "-o", out).exit_code == 0
    document = Document(io.BytesIO(out.read_bytes()))
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert ["År", "Planens värde", *NAMES] in headers
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Källa: Kolada (hämtad 2026-11-27)") for t in texts)
    descriptions = [d.get("descr") for d in document.element.body.xpath(".//wp:docPr")]
    assert len(document.inline_shapes) == 2
    assert any(
        "Leksand ökade från 88 % 2021 till 91 % 2023" in d and "Riket låg still kring" in d
        for d in descriptions
    ), descriptions
    first = out.read_bytes()
    assert run("report", workspace / "plans" / LOCAL, "-o", out).exit_code == 0
    assert out.read_bytes() == first  # same bytes with SOURCE_DATE_EPOCH


@pytest.mark.slow
def test_the_regional_compilation_puts_the_latest_values_side_by_side(run, workspace):
    fetched_as_planned(workspace)
    result = run(
        "report", workspace / "plans" / "dalarna-strategi.yaml", "-f", "markdown", "-k", "regional"
    )
    assert result.exit_code == 0, result.stderr
    table = [
        line
        for line in result.stdout.split("## Nyckeltal", 1)[1].splitlines()
        if line.startswith("| Leksand")
    ]
    assert table == ["| Leksand | 91 (2023) | 47,8 (2023) |"], result.stdout
    assert "Källa: Kolada (hämtad 2026-11-27)." in result.stdout


def test_the_alt_text_states_each_trend():
    from dialogkit.charts import alt_text

    text = alt_text(
        "Helhetssyn",
        "%",
        [("Leksand", {2021: 88, 2022: None, 2023: 91}), ("Riket", {2021: 90, 2023: 90.2})],
        "sv",
    )
    assert "Leksand ökade från 88 % 2021 till 91 % 2023; Riket låg still kring 90,1 %" in text
    english = alt_text("Stays", None, [("Mora", {2021: 5, 2022: 4})], "en")
    assert "Mora fell from 5 in 2021 to 4 in 2022" in english


def test_without_the_charts_extra_the_report_says_what_to_install(run, workspace, monkeypatch):
    from dialogkit import charts

    fetched_as_planned(workspace)
    monkeypatch.setattr(charts, "available", lambda: False)
    markdown = report_markdown(run, workspace)
    assert markdown.count("pip install 'dialogkit[charts]'") == 1
    assert "![" not in markdown and "| År | Planens värde |" in markdown
