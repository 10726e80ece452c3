"""Text pasted from Word, Outlook and Excel, everyday dates and times, Swedish key
names and the YAML parser's messages: each gets a finding at the right line and
column that names the character and gives the exact fix, in the plan's language."""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT, line_of

from dialogkit.pasted import fix_text
from dialogkit.yamlsource import SourceError, decode_plan, parse_text


def check(run, path) -> list[dict]:
    """The errors `plan check` reports for `path`, through the CLI."""
    result = run("plan", "check", path, "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]


def the_finding(run, path, code: str | None = None) -> dict:
    found = [f for f in check(run, path) if code is None or f["code"] == code]
    assert len(found) == 1, found
    return found[0]


def test_curly_quotes_around_a_time(run, write):
    text = PROJECT.replace('start: "18:00"', "start: \u201d18:00\u201d", 1)
    found = the_finding(run, write(text))
    line = line_of(text, "start: \u201d")
    assert (found["line"], found["col"]) == (line, 12)
    assert "U+201D" in found["message"] and "typografiska citattecken" in found["message"]
    assert 'start: "18:00"' in found["hint"]
    assert "plan fmt --fix" in found["hint"]
    assert "inom citattecken" not in found["hint"]  # the old, confusing tip


def test_curly_quotes_in_english_plan_are_explained_in_english(run, write):
    text = "language: en\n" + PROJECT.replace('start: "18:00"', "start: \u201c18:00\u201d", 1)
    found = the_finding(run, write(text))
    assert (found["line"], found["col"]) == (line_of(text, "start: \u201c"), 12)
    assert found["message"].startswith("The value is in typographic quotes")
    assert "U+201C LEFT DOUBLE QUOTATION MARK" in found["message"]
    assert found["hint"].startswith('Write the line as: start: "18:00"')


@pytest.mark.parametrize("written", ["date:\u00a02021-04-13", "date:\u202f2021-04-13"])
def test_non_breaking_space_after_a_colon_is_found_on_its_own_line(run, write, written):
    text = PROJECT.replace("date: 2021-04-13", written)
    found = the_finding(run, write(text))
    assert found["code"] == "DK001"
    assert (found["line"], found["col"]) == (line_of(text, written), 10)
    assert f"U+{ord(written[5]):04X}" in found["message"]
    assert "hårt mellanslag" in found["message"]
    assert "date: 2021-04-13" in found["hint"]


def test_missing_space_after_a_colon(run, write):
    text = PROJECT.replace("date: 2021-04-13", "date:2021-04-13")
    found = the_finding(run, write(text))
    assert (found["line"], found["col"]) == (line_of(text, "date:2021"), 9)
    assert found["message"] == "Mellanslaget efter kolonet saknas."
    assert found["hint"] == "Skriv raden så här: date: 2021-04-13"


def test_non_breaking_spaces_in_the_indent(run, write):
    text = PROJECT.replace(
        "    venue:\n      name:", "    venue:\n\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0name:"
    )
    found = the_finding(run, write(text))
    assert (found["line"], found["col"]) == (line_of(text, "\u00a0name:"), 1)
    assert "U+00A0" in found["message"] and "indraget" in found["message"]


def test_zero_width_space_in_a_key(run, write):
    text = PROJECT.replace("    municipality: Sala\n", "    munici\u200bpality: Sala\n")
    found = the_finding(run, write(text), "DK010")
    assert (found["line"], found["col"]) == (line_of(text, "munici\u200b"), 11)
    assert "U+200B (ZERO WIDTH SPACE)" in found["message"]
    assert "'municipality'" in found["message"]
    assert "Menade du" not in (found["hint"] or "")
    assert "municipality: Sala" in found["hint"]


def test_utf16_file_is_named_and_the_fix_given(run, write):
    path = write(PROJECT.encode("utf-16"))  # with a byte order mark, as Notepad saves it
    found = the_finding(run, path)
    assert (found["code"], found["line"], found["col"]) == ("DK001", 1, 1)
    assert "UTF-16" in found["message"] and "binär" not in found["message"]
    assert f"dialogkit plan fmt --fix {path}" in found["hint"]


def test_comma_in_a_one_line_mapping_value_gets_a_hint_to_quote(run, write):
    text = PROJECT.replace(
        "{id: anna, name: Anna A, municipality: Sala}",
        "{id: anna, name: Anna A, municipality: Sala, Heby}",
    )
    found = the_finding(run, write(text))
    line = line_of(text, "Sala, Heby")
    assert (found["line"], found["col"]) == (line, text.splitlines()[line - 1].index(", Heby") + 1)
    assert "'Heby'" in found["message"]
    assert found["hint"] == 'Sätt hela värdet inom citattecken: municipality: "Sala, Heby"'


@pytest.mark.parametrize(
    ("written", "corrected"),
    [
        ("13/4/2021", "2021-04-13"),
        ("13 april 2021", "2021-04-13"),
        ("13 apr 2021", "2021-04-13"),
        ("13.4.2021", "2021-04-13"),
        ("2021/4/13", "2021-04-13"),
    ],
)
def test_everyday_date_gets_the_iso_date(run, write, written, corrected):
    text = PROJECT.replace("date: 2021-04-13", f"date: {written}")
    found = the_finding(run, write(text))
    assert (found["line"], found["col"]) == (line_of(text, f"date: {written}"), 11)
    assert found["hint"].startswith(f"Skriv {corrected} ")


@pytest.mark.parametrize(
    ("written", "corrected"),
    [("18.00", "18:00"), ("18.30", "18:30"), ("8:00", "08:00"), ("8", "08:00")],
)
def test_everyday_time_gets_the_clock_time(run, write, written, corrected):
    text = PROJECT.replace('start: "18:00"', f"start: {written}", 1)
    found = the_finding(run, write(text))
    assert (found["line"], found["col"]) == (line_of(text, f"start: {written}"), 12)
    assert found["hint"].startswith(f'Skriv "{corrected}" ')


@pytest.mark.parametrize(
    ("swedish", "english", "replace"),
    [
        ("ledamöter", "members", "members:\n  - {id: anna"),
        ("kommun", "municipality", "    municipality: Sala\n"),
        ("datum", "date", "    date: 2021-04-13\n"),
        ("plats", "venue", "    venue:\n"),
    ],
)
def test_swedish_key_suggests_the_english_key(run, write, swedish, english, replace):
    text = PROJECT.replace(replace, replace.replace(english, swedish, 1), 1)
    found = the_finding(run, write(text), "DK010")
    assert found["line"] == line_of(text, f"{swedish}:")
    assert found["hint"].startswith(f"Menade du '{english}'?")


@pytest.mark.parametrize(
    ("broken", "needle", "where", "message"),
    [
        ("municipalities: [Sala, Köping\n", "[Sala", "[", "listan inom [ ] är inte stängd"),
        ("municipalities: {a: Sala\n", "{a: Sala", "{", "mappningen inom { } är inte stängd"),
        ('municipalities: "C:\\Sala"\n', '"C:', "\\", "bakstreck"),
        ("municipalities: @Sala\n", "@Sala", "@", "får inte börja med tecknet @"),
        ("municipalities: - Sala\n", "- Sala", "-", "listpunkt"),
    ],
)
def test_yaml_parser_messages_are_swedish(run, write, broken, needle, where, message):
    text = PROJECT.replace("municipalities: [Sala, Köping]\n", broken)
    found = the_finding(run, write(text))
    line = line_of(text, needle)
    assert (found["line"], found["col"]) == (line, text.splitlines()[line - 1].index(where) + 1)
    assert message in found["message"]
    assert found["message"].startswith("YAML-syntaxfel: ")
    assert not any(word in found["message"] + found["hint"] for word in ("expected", "found"))


def test_yaml_parser_messages_are_english_in_an_english_workspace(run, write, tmp_path):
    (tmp_path / "dialogkit.toml").write_text('language = "en"\n', encoding="utf-8")
    text = PROJECT.replace("municipalities: [Sala, Köping]", "municipalities: [Sala, Köping")
    found = the_finding(run, write(text))
    assert (found["line"], found["col"]) == (line_of(text, "[Sala"), 17)
    assert found["message"] == (
        "YAML syntax error: the list in [ ] is not closed, or a value in it holds a colon."
    )


def test_fix_text_makes_only_the_safe_fixes():
    text = (
        "\ufefftitle: \u201dSala: framtid\u201d\r\n"
        "time: \u201c18:00\u201d  # kl\r\n"
        "purpose: Vi sa \u201dja\u201d till 10\u00a0000 kr, it\u2019s fine\r\n"
        "date:\u00a02021-04-13\r\n"
        "\u00a0\u00a0- {channel:\u00a0email, where: A}\r\n"
        "munici\u200bpality: Sala\r\n"
        "quote: \u201dVi vill ha en simhall\u201d\r\n"
        "text: |\r\n"
        "  \u201dsala\u201d\r\n"
        "link:https://x.se\r\n"
    )
    fixed, notes = fix_text(text)
    assert fixed == (
        '\ufefftitle: "Sala: framtid"\r\n'
        'time: "18:00"  # kl\r\n'
        "purpose: Vi sa \u201dja\u201d till 10\u00a0000 kr, it\u2019s fine\r\n"
        "date: 2021-04-13\r\n"
        "  - {channel: email, where: A}\r\n"
        "municipality: Sala\r\n"
        "quote: \u201dVi vill ha en simhall\u201d\r\n"
        "text: |\r\n"
        "  \u201dsala\u201d\r\n"
        "link:https://x.se\r\n"
    )
    assert [note.split(":")[0] for note in notes] == [
        "rad 1",
        "rad 2",
        "rad 4",
        "rad 5",
        "rad 5",
        "rad 6",
    ]
    assert fix_text(fixed) == (fixed, [])
    assert fix_text(text, "en")[1][0] == "line 1: curly quotes around the value became straight"


def test_decode_plan_reads_the_encodings_editors_save():
    text = "kind: strategy\ntitle: Överenskommelse\n"
    assert decode_plan(text.encode("utf-8")) == (text, "utf-8")
    assert decode_plan(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode_plan(b"\xff\xfe" + text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_plan(b"\xfe\xff" + text.encode("utf-16-be")) == (text, "utf-16-be")
    for raw, words in [
        (text.encode("utf-16-le"), "UTF-16 utan"),
        (text.encode("utf-32"), "UTF-32"),
        (b"\x00\x01\x02binary", "binär"),
        (text.encode("latin-1"), "inte sparad som UTF-8"),
    ]:
        with pytest.raises(SourceError) as raised:
            decode_plan(raw)
        assert words in raised.value.message


def test_parse_text_chooses_the_plans_own_language():
    with pytest.raises(SourceError) as raised:
        parse_text("language: en\nkind: strategy\nkind: strategy\n")
    assert raised.value.message == "The key 'kind' appears twice (first on line 2)."


def test_an_english_plan_in_a_swedish_workspace_gets_english_parser_messages(run, write):
    text = "language: en\n" + PROJECT.replace("date: 2021-04-13", "date:2021-04-13")
    found = the_finding(run, write(text))
    assert (found["line"], found["col"]) == (line_of(text, "date:2021"), 9)
    assert found["message"] == "The space after the colon is missing."
    assert found["hint"] == "Write the line as: date: 2021-04-13"


def test_comma_inside_curly_quotes_in_a_one_line_mapping(run, write):
    """Curly quotes do not quote, so the comma still splits the value."""
    text = PROJECT.replace(
        "{id: anna, name: Anna A, municipality: Sala}",
        "{id: anna, name: Anna A, municipality: \u201dSala, Heby\u201d}",
    )
    found = the_finding(run, write(text))
    assert found["line"] == line_of(text, "Sala, Heby")
    assert found["hint"] == 'Sätt hela värdet inom citattecken: municipality: "Sala, Heby"'
