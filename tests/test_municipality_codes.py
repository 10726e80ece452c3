"""Municipality and region codes: the shipped list, the look-ups, and DK241–DK242
through `plan check` on real files."""

from __future__ import annotations

import json

import pytest
from conftest import LOCAL_PLAN, PROJECT, REPO, STRATEGY, line_of

from dialogkit import municipalities as places

LOCAL_WITH_CODE = LOCAL_PLAN.replace(
    "municipality: Leksand\n", 'municipality: Leksand\nmunicipality_code: "2029"\n'
)


def check(run, *paths) -> tuple[int, list[dict]]:
    result = run("plan", "check", *paths, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)["findings"]


def ours(found: list[dict]) -> list[dict]:
    return [f for f in found if f["code"] in ("DK241", "DK242")]


def test_the_list_has_sweden_s_290_municipalities_and_21_regions():
    municipalities, regions = places.municipalities(), places.regions()
    assert len(municipalities) == 290
    assert len(regions) == 21
    assert all(code == m.code and len(code) == 4 for code, m in municipalities.items())
    assert len({m.name for m in municipalities.values()}) == 290
    assert len({r.name for r in regions.values()}) == 21
    assert {m.region_code for m in municipalities.values()} == set(regions)
    assert all(m.code[:2] == m.region_code[2:] for m in municipalities.values())


@pytest.mark.parametrize(
    ("name", "code", "region"),
    [
        ("Mora", "2062", "0020"),
        ("Leksand", "2029", "0020"),
        ("Stockholm", "0180", "0001"),
        ("Arboga", "1984", "0019"),
        ("Västerås", "1980", "0019"),
        ("Kiruna", "2584", "0025"),
        ("Malung-Sälen", "2023", "0020"),
    ],
)
def test_known_municipalities_have_their_codes_and_regions(name, code, region):
    assert places.municipality(code) == places.Municipality(code, name, region)
    assert places.code_for(name) == code


def test_regions_and_the_country_have_kolada_s_codes():
    assert places.region_name("0020") == "Region Dalarna"
    assert places.region_name("0019") == "Region Västmanland"
    assert places.region_name("0000") == "Riket"
    assert places.region_name("2029") is None
    assert places.municipality("0020") is None
    assert places.municipality("9999") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Region Dalarna", "0020"),
        ("dalarna", "0020"),
        ("Dalarnas län", "0020"),
        ("  LEKSAND ", "2029"),
        ("Leksands kommun", "2029"),
        ("Borås kommun", "1490"),
        ("Upplands väsby", "0114"),
        ("Uppsala", "0380"),  # the municipality; the region is "Region Uppsala"
        ("Region Uppsala", "0003"),
        ("Västra Götaland", "0014"),
        ("Lexand", None),
    ],
)
def test_code_for_finds_names_in_any_case_and_spacing(name, code):
    assert places.code_for(name) == code


def test_suggest_offers_the_closest_names():
    assert places.suggest("Lexand")[0] == "Leksand"
    assert places.suggest("Västerås")[0] == "Västerås"
    assert places.suggest("xyzzy") == []


def test_the_data_ships_inside_the_package():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["dialogkit"]' in pyproject
    assert (REPO / "dialogkit" / "data" / "municipalities.csv").is_file()


def test_a_code_that_does_not_exist_names_the_right_one(run, write):
    text = LOCAL_WITH_CODE.replace('"2029"', '"2092"')
    path = write(text)
    write(STRATEGY, "strategi.yaml")
    code, found = check(run, path)
    assert code == 1
    [finding] = ours(found)
    assert finding["code"] == "DK241"
    assert finding["line"] == line_of(text, "municipality_code:")
    assert "2092" in finding["message"]
    assert finding["hint"] == "Leksand har kod 2029."


def test_an_unknown_code_with_a_misspelt_name_suggests_the_name(run, write):
    text = LOCAL_WITH_CODE.replace('"2029"', '"2092"').replace(
        "municipality: Leksand", "municipality: Lexand"
    )
    write(STRATEGY, "strategi.yaml")
    _, found = check(run, write(text))
    [finding] = ours(found)
    assert finding["code"] == "DK241"
    assert finding["hint"] == "Menade du Leksand (2029)?"


def test_a_region_code_is_not_a_municipality_code(run, write):
    write(STRATEGY, "strategi.yaml")
    _, found = check(run, write(LOCAL_WITH_CODE.replace('"2029"', '"0020"')))
    [finding] = ours(found)
    assert finding["code"] == "DK241"
    assert finding["message"] == "0020 är inte en kommunkod utan koden för Region Dalarna."


def test_a_code_of_another_municipality_is_named(run, write):
    text = LOCAL_WITH_CODE.replace('"2029"', '"2062"')
    write(STRATEGY, "strategi.yaml")
    code, found = check(run, write(text))
    assert code == 1
    [finding] = ours(found)
    assert finding["code"] == "DK242"
    assert finding["severity"] == "error"
    assert finding["line"] == line_of(text, "municipality_code:")
    assert finding["message"] == "2062 är Mora, inte Leksand."
    assert finding["hint"].startswith("Leksand har kod 2029")


def test_the_name_may_be_written_in_other_ways(run, write):
    text = LOCAL_WITH_CODE.replace("municipality: Leksand", "municipality: leksands  kommun")
    write(STRATEGY, "strategi.yaml")
    _, found = check(run, write(text))
    assert ours(found) == []


def test_project_and_strategy_codes_are_checked_at_their_keys(run, write):
    project = PROJECT.replace(
        "municipalities: [Sala, Köping]\n",
        'municipalities: [Sala, Köping]\nmunicipality_codes:\n  Sala: "1981"\n  Köping: "1981"\n',
    )
    strategy = (
        STRATEGY.replace("organisation: Region\n", 'organisation: Region\nregion_code: "0099"\n')
        + 'municipalities: [Mora]\nmunicipality_codes: {Mora: "2062"}\n'
    )
    _, found = check(run, write(project, "projekt.yaml"), write(strategy, "strategi.yaml"))
    by_code = {f["code"]: f for f in ours(found)}
    assert set(by_code) == {"DK241", "DK242"}
    assert by_code["DK242"]["file"].endswith("projekt.yaml")
    assert by_code["DK242"]["line"] == line_of(project, 'Köping: "1981"')
    assert by_code["DK242"]["message"] == "1981 är Sala, inte Köping."
    assert by_code["DK242"]["hint"].startswith("Köping har kod 1983")
    assert by_code["DK241"]["file"].endswith("strategi.yaml")
    assert by_code["DK241"]["line"] == line_of(strategy, "region_code:")
    assert by_code["DK241"]["message"] == "Regionkoden 0099 finns inte."


def test_an_english_plan_gets_english_messages(run, write):
    text = LOCAL_WITH_CODE.replace('"2029"', '"2062"').replace(
        "strategy: strategi\n", "strategy: strategi\nlanguage: en\n"
    )
    write(STRATEGY, "strategi.yaml")
    result = run("plan", "check", write(text))
    assert result.exit_code == 1
    assert "2062 is Mora, not Leksand." in result.stdout
    assert "Leksand has the code 2029" in result.stdout


def test_the_example_plans_carry_codes_and_pass(run):
    _, found = check(run, REPO / "plans", REPO / "tests" / "english")
    assert ours(found) == []
    leksand = (REPO / "plans" / "leksand-lokal-plan.yaml").read_text(encoding="utf-8")
    assert 'municipality_code: "2029"' in leksand
    strategy = (REPO / "plans" / "dalarna-strategi.yaml").read_text(encoding="utf-8")
    assert 'region_code: "0020"' in strategy and 'Mora: "2062"' in strategy
