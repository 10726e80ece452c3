"""Text and value limits in the model (issue 11, item 5): control characters, line
breaks in one-line fields, ids that cannot be file names, e-mail fields that hold more
than one address, and dates far outside any plan. Each is a finding at its line; none
reaches a report, a spreadsheet, a calendar file or an e-mail header."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser

import jsonschema
import pytest
from conftest import COMMUNICATION, LOCAL_PLAN, PROJECT, REPO, STRATEGY, line_of


def check(run, path):
    result = run("plan", "check", "--format", "json", path)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)["findings"]


def planted(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def findings_at(findings, line: int, code: str = "DK012"):
    return [f for f in findings if f["line"] == line and f["code"] == code]


# (plan, line as written, the line with {c} where the character goes, one line?)
FIELDS = [
    (PROJECT, "title: Invånardialog Nära vård", 'title: "Invånar{c}dialog"', True),
    (PROJECT, "  name: Kim Kontakt", '  name: "Kim{c} Kontakt"', True),
    (PROJECT, "  - Vad är viktigt för dig?", '  - "Vad är{c} viktigt för dig?"', True),
    (PROJECT, "  recipients: [Regionstyrelsen]", '  recipients: ["Region{c}styrelsen"]', True),
    (PROJECT, "purpose: Att samla in invånarnas synpunkter.", 'purpose: "Att samla{c} in."', False),
    (COMMUNICATION, "author: Kristin Lundgren", 'author: "Kristin{c} Lundgren"', True),
    (COMMUNICATION, "current_situation: Projektets andra år.", 'current_situation: "{c}"', False),
    (STRATEGY, "vision: Målbild", 'vision: "Mål{c}bild"', False),
    (LOCAL_PLAN, "    by_whom: Utvecklingsledare", '    by_whom: "Utvecklings{c}ledare"', True),
    (LOCAL_PLAN, "    results: Arbetet startade.", '    results: "Arbetet{c} startade."', False),
]  # fmt: skip


@pytest.mark.parametrize("char", [r"\x01", r"\v", r"\x7f", r"\N", r"\e"])
@pytest.mark.parametrize(("plan", "old", "new", "one_line"), FIELDS)
def test_control_character_is_a_finding_at_its_line(run, write, plan, old, new, one_line, char):
    text = planted(plan, old, new.format(c=char))
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new.format(c=char)))
    assert "osynligt styrtecken" in finding["message"]
    assert finding["hint"]


@pytest.mark.parametrize(
    ("char", "name"),
    [
        (r"\u200b", "U+200B (ZERO WIDTH SPACE)"),
        (r"\u200d", "U+200D (ZERO WIDTH JOINER)"),
        (r"\u2060", "U+2060 (WORD JOINER)"),
        (r"\ufeff", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
        (r"\u200f", "U+200F (RIGHT-TO-LEFT MARK)"),
        (r"\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        (r"\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ],
)
@pytest.mark.parametrize(("plan", "old", "new", "one_line"), FIELDS)
def test_invisible_format_character_is_a_finding_at_its_line(
    run, write, plan, old, new, one_line, char, name
):
    """Zero-width and bidi characters hide a number from a reader (and the personal-
    data gate) or show text in another order: refused on a line and in paragraphs."""
    text = planted(plan, old, new.format(c=char))
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new.format(c=char)))
    zero_width = "ZERO WIDTH" in name or "JOINER" in name
    kind = "nollbreddstecken" if zero_width else "riktningstecken"
    assert f"innehåller ett osynligt {kind} {name}" in finding["message"]
    assert "\u202e" not in finding["message"]
    assert finding["hint"].startswith("Ta bort tecknet")


@pytest.mark.parametrize(("plan", "old", "new", "one_line"), FIELDS)
def test_tab_and_newline_are_refused_on_a_line_and_kept_in_paragraphs(
    run, write, plan, old, new, one_line
):
    planted_line = new.format(c=r"\tett\nstycke")
    text = planted(plan, old, planted_line)
    _, findings = check(run, write(text))
    assert len(findings_at(findings, line_of(text, planted_line))) == (1 if one_line else 0)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Invånardialog Nära vård", r'title: "Invånardialog\nNära vård"'),
        ("title: Invånardialog Nära vård", r'title: "Invånardialog\u2028Nära vård"'),
        ("title: Invånardialog Nära vård", r'title: "Invånardialog\PNära vård"'),
        ("title: Invånardialog Nära vård", r'title: "Invånardialog Nära vård\r"'),
        ("title: Invånardialog Nära vård", r'title: "Invånardialog\tNära vård"'),
        ("  name: Kim Kontakt", r'  name: "Kim Kontakt\r\nBcc: x@evil.example"'),
        ("topic: Nära vård", r'topic: "Nära\rvård"'),
        ("reporting:", 'web_page: "https://region.example/dialog\\r"\nreporting:'),
        ("  - {id: anna, name: Anna A", r'  - {id: anna, name: "Anna\nA"'),
    ],
)
def test_line_break_or_tab_in_a_one_line_field_is_a_finding(run, write, old, new):
    text = planted(PROJECT, old, new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new.splitlines()[0]))
    assert "radbrytningar" in finding["message"] or "tabb" in finding["message"]


def test_a_folded_title_that_keeps_its_final_newline_gets_a_hint_about_the_dash(run, write):
    text = planted(PROJECT, "title: Invånardialog Nära vård", "title: >\n  Invånardialog")
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, "title: >"))
    assert ">-" in finding["hint"]


@pytest.mark.parametrize(
    "purpose",
    [
        r'purpose: "Första stycket.\n\n\tAndra stycket,\nmed en radbrytning.\u2028"',
        "purpose: |\n  Första stycket.\n\n  Andra stycket.\n",
        "purpose: >\n  En lång mening\n  som fortsätter.\n",
    ],
)
def test_newlines_and_tabs_in_a_paragraph_field_are_fine(run, write, purpose):
    text = planted(PROJECT, "purpose: Att samla in invånarnas synpunkter.", purpose)
    exit_code, findings = check(run, write(text))
    assert (exit_code, findings) == (0, [])


def test_a_carriage_return_in_a_paragraph_field_is_a_finding(run, write):
    new = r'purpose: "Rad ett\r\nRad två"'
    text = planted(PROJECT, "purpose: Att samla in invånarnas synpunkter.", new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new))
    assert "U+000D efter 'Rad ett'" in finding["message"]


def test_a_period_keeps_no_control_character(run, write):
    new = r'  - {task: Frågor, when: "december\v2020", responsible: Presidiet}'
    text = planted(PROJECT, "  - {task: Frågor, when: 2020-12, responsible: Presidiet}", new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    assert findings_at(findings, line_of(text, new))


def test_a_value_echoed_in_a_finding_cannot_steer_the_terminal(run, write):
    text = planted(PROJECT, "    format: in_person", r'    format: "\e[2J\e]0;pwned\a"')
    result = run("plan", "check", write(text))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[2J" in result.stdout


# Crashes the check let through: each command now stops at the finding, writes
# nothing, and exits 1 rather than 3.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("purpose: Att samla in invånarnas synpunkter.", r'purpose: "Att samla\v in."'),
        ("title: Invånardialog Nära vård", r'title: "Invånardialog\x01"'),
        ("title: Invånardialog Nära vård", r'title: "Invånardialog\r"'),
        ("{item: Marknadsföring, amount", r'{item: "Marknads\x01föring", amount'),
        ("when: april-maj 2021", "when: 0001-01..9999-12"),
        ("title: Invånardialog Nära vård", r'title: "Invånar\u200bdialog"'),
        ("purpose: Att samla in invånarnas synpunkter.", r'purpose: "Ring 070\u202e-123"'),
        ("amount: 20000}", f"amount: {10**25}}}"),
        ("  email: kontakt@example.se", "  email: ïnvånar@example.se"),
        ("  email: kontakt@example.se", "  email: anna@exämpel.se"),
    ],
)  # fmt: skip
@pytest.mark.parametrize(
    "command",
    [
        ("build", "--out", "{out}", "--today", "2021-03-01"),
        ("report", "--out", "{out}/rapport.docx"),
        ("cost", "--format", "xlsx", "--out", "{out}/kostnad.xlsx"),
        ("invite", "-c", "email", "-f", "eml", "--out", "{out}"),
    ],
)
def test_commands_stop_at_the_finding(run, write, tmp_path, old, new, command):
    text = planted(PROJECT, old, new)
    path = write(text)
    out = tmp_path / "ut"
    result = run(command[0], path, *(part.format(out=out) for part in command[1:]))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Internt fel" not in result.stderr
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


def test_build_names_the_line_of_a_control_character(run, write, tmp_path):
    new = r'purpose: "Att samla\v in."'
    text = planted(PROJECT, "purpose: Att samla in invånarnas synpunkter.", new)
    path = write(text)
    result = run("build", path, "--out", tmp_path / "ut")
    assert result.exit_code == 1
    assert f"{path}:{line_of(text, new)}:" in result.stdout + result.stderr
    assert "U+000B" in result.stdout + result.stderr


# Ids become file and folder names.


@pytest.mark.parametrize(("length", "ok"), [(64, True), (65, False)])
def test_an_id_is_at_most_64_characters(run, write, length, ok):
    new = "  - id: " + "s" * length
    text = planted(PROJECT, "  - id: sala", new)
    exit_code, findings = check(run, write(text))
    at_line = findings_at(findings, line_of(text, new))
    if ok:
        assert (exit_code, findings) == (0, [])
    else:
        assert exit_code == 1
        (finding,) = at_line
        assert "65 tecken" in finding["message"] and "64" in finding["message"]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("  - id: koping", "  - id: Sala", "dialogues"),
        ("  - {id: bo, name: Bo B", "  - {id: ANNA, name: Bo B", "members"),
        (
            "  - {task: Dialoger, when",
            "  - {id: dialoger, task: Frågor, when: 2020-12, responsible: P}\n"
            "  - {id: Dialoger, task: Dialoger, when",
            "timeline",
        ),
    ],
)
def test_ids_are_unique_regardless_of_letter_case(run, write, old, new, where):
    text = planted(PROJECT, old, new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new.splitlines()[-1]), "DK217")
    assert f"används redan i {where}" in finding["message"]


def test_plan_ids_are_unique_regardless_of_letter_case(run, write, tmp_path):
    write(STRATEGY, "plans/a.yaml")
    other = planted(STRATEGY, "id: strategi", "id: Strategi")
    write(other, "plans/b.yaml")
    exit_code, findings = check(run, tmp_path / "plans")
    assert exit_code == 1
    (finding,) = [f for f in findings if f["code"] == "DK217"]
    assert finding["file"].endswith("b.yaml")
    assert finding["line"] == line_of(other, "id: Strategi")
    assert "(som 'strategi')" in finding["message"]


@pytest.mark.parametrize("plan_id", ["con", "NUL", "con.txt", "Lpt9", "com1.tar.gz", "aux"])
def test_windows_reserved_names_are_refused_as_ids(run, write, plan_id):
    text = planted(STRATEGY, "id: strategi", f"id: {plan_id}")
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, f"id: {plan_id}"))
    assert "Windows" in finding["message"]


@pytest.mark.parametrize("plan_id", ["console", "com10", "nul-1", "lpt", "a.con"])
def test_names_that_only_look_reserved_are_fine(run, write, plan_id):
    text = planted(STRATEGY, "id: strategi", f"id: {plan_id}")
    assert check(run, write(text)) == (0, [])


@pytest.mark.parametrize("plan_id", ["sala.", "-sala", "sala/../x", "sa la"])
def test_an_id_of_the_wrong_form_is_refused(run, write, plan_id):
    text = planted(STRATEGY, "id: strategi", f'id: "{plan_id}"')
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, "id: "))
    assert "fel form" in finding["message"]


# E-mail fields hold one address; the eml's From never gains a second one.


@pytest.mark.parametrize(
    "address",
    [
        "a>,evil@b.c",
        "Kim <kontakt@example.se>",
        "kontakt@example.se, evil@example.se",
        "kontakt@example.se;evil@example.se",
        "kim kontakt@example.se",
        "kontakt@example",
        "kontakt..x@example.se",
        "kontakt@example.se.",
        r"kontakt@example.se\n",
    ],
)
@pytest.mark.parametrize("field", ["  email: kontakt@example.se", "      registration_email: "])
def test_an_email_field_holds_exactly_one_address(run, write, address, field):
    old = field if field.endswith(".se") else field + "anmalan@example.se"
    new = f'{field.split(":")[0]}: "{address}"'
    text = planted(PROJECT, old, new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new))
    assert "inte en e-postadress" in finding["message"]


def with_contact_named(name_line: str) -> str:
    """PROJECT with the contact renamed, and official so that its e-mail is published."""
    text = planted(PROJECT, "  name: Kim Kontakt", name_line)
    if "official: true" not in text:
        text = planted(text, name_line, name_line + "\n  official: true")
    return text


def eml_sender(raw: bytes):
    message = BytesParser(policy=policy.default).parsebytes(raw)
    (sender,) = message["From"].addresses
    return sender


def test_eml_from_has_one_address_whatever_the_contact_name(run, write, tmp_path):
    hostile = "Åsa Öberg <ceo@evil.example>,"
    text = with_contact_named(f'  name: "{hostile}"')
    out = tmp_path / "eml"
    path = write(text)
    exit_code, findings = check(run, path)
    assert exit_code == 0
    assert {f["severity"] for f in findings} <= {"warning"}  # the name holds an address
    result = run("invite", path, "-d", "koping", "-c", "email", "-f", "eml", "-o", out)
    assert result.exit_code == 0, result.stderr
    sender = eml_sender((out / "koping" / "email.eml").read_bytes())
    assert sender.addr_spec == "kontakt@example.se"
    # The name is a display name only; the public gate also masks the address in it.
    assert sender.display_name.startswith("Åsa Öberg <")
    assert "evil" not in sender.display_name


@pytest.mark.slow
def test_build_eml_keeps_a_hostile_name_as_one_literal_display_name(run, write, tmp_path):
    hostile = 'Åsa "Ö" <Berg>, Kim;'
    text = with_contact_named(f"  name: '{hostile}'")
    out = tmp_path / "ut"
    result = run("build", write(text), "--out", out, "--today", "2021-03-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    (eml,) = out.rglob("sala/email.eml")
    sender = eml_sender(eml.read_bytes())
    assert (sender.display_name, sender.addr_spec) == (hostile, "kontakt@example.se")


# Dates and periods stay within 1900–2200.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  date: 2020-06-17", "  date: 0001-01-01"),
        ("  date: 2020-06-17", "  date: 2201-01-01"),
        ("    date: 2021-04-13", "    date: 1899-12-31"),
        ("  due: 2021-08-31", "  due: 9999-12-31"),
        ("when: april-maj 2021", "when: 0001-01..9999-12"),
        ("when: april-maj 2021", "when: 1-01..9999-12"),
        ("when: april-maj 2021", "when: 0000"),
        ("when: april-maj 2021", "when: 1800"),
        ("when: april-maj 2021", "when: hösten 2300"),
        ("when: april-maj 2021", "when: 2021-01-01..9999-12-31"),
    ],
)
def test_dates_and_periods_outside_1900_to_2200_are_findings(run, write, old, new):
    text = planted(PROJECT, old, new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new))
    assert finding["hint"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("values: {2022: 88}", "values: {20220: 88}"),
        ("scores: {2022: 3}", "scores: {1: 3}"),
        ("  - year: 2022", "  - year: 2222"),
        ("period: {start: 2022, end: 2024}", "period: {start: 1, end: 9999}"),
    ],
)
def test_years_of_a_local_plan_stay_within_1900_to_2200(run, write, old, new):
    text = planted(LOCAL_PLAN, old, new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    assert findings_at(findings, line_of(text, new))


def test_edge_years_are_fine(run, write):
    text = planted(PROJECT, "  date: 2020-06-17", "  date: 1900-01-01")
    text = planted(text, "when: april-maj 2021", "when: 2021-04..2200-12")
    assert check(run, write(text)) == (0, [])


# The schema tells an editor the same.


def schema_validator():
    schema = json.loads((REPO / "schema" / "dialogkit.schema.json").read_text("utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize(
    ("key", "value", "valid"),
    [
        ("title", "Nära vård", True),
        ("title", "Nära\x01vård", False),
        ("title", "Nära\nvård", False),
        ("title", "Nära\u2028vård", False),
        ("purpose", "Stycke ett.\n\n\tStycke två.", True),
        ("purpose", "Stycke\x0bett.", False),
        ("id", "con-1", True),
        ("id", "s" * 65, False),
        ("title", "Nära\u200bvård", False),
        ("purpose", "Stycke\u202eett.", False),
        ("purpose", "Stycke\u00a0ett – med åäö.", True),
    ],
)
def test_the_schema_agrees_with_the_model(key, value, valid):
    from dialogkit.yamlsource import parse_text

    data = parse_text(PROJECT).data
    data[key] = value
    errors = list(schema_validator().iter_errors(data))
    assert (errors == []) is valid, errors


@pytest.mark.parametrize("text", ["0001-01..9999-12", "1899", "hösten 2201", "2021-01..2201-01"])
def test_the_period_parser_refuses_years_outside_1900_to_2200(text):
    from dialogkit.periods import parse_period

    with pytest.raises(ValueError, match="utanför 1900–2200"):
        parse_period(text)


# E-mail addresses are ASCII: an e-mail header cannot carry ïnvånar@ (the draft
# crashed with exit 3), and a domain with å, ä or ö is written in its ASCII form.


@pytest.mark.parametrize(
    ("address", "message", "hint"),
    [
        ("ïnvånar@example.se", "bokstäver utanför a–z före @", "invanar@example.se"),
        ("anna@exämpel.se", "domänen i 'anna@exämpel.se'", "xn--exmpel-cua.se"),
        ("åsa.öberg@räksmörgås.se", "före @", "asa.oberg@räksmörgås.se"),
    ],
)
@pytest.mark.parametrize("field", ["  email: kontakt@example.se", "      registration_email: "])
def test_an_email_address_outside_ascii_is_a_finding_with_a_hint(
    run, write, address, message, hint, field
):
    old = field if field.endswith(".se") else field + "anmalan@example.se"
    new = f"{field.split(':')[0]}: {address}"
    text = planted(PROJECT, old, new)
    exit_code, findings = check(run, write(text))
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new))
    assert message in finding["message"]
    assert hint in finding["hint"]


@pytest.mark.parametrize("address", ["ïnvånar@example.se", "anna@exämpel.se"])
@pytest.mark.parametrize(
    "command",
    [("build", "--out", "{out}"), ("invite", "-c", "email", "-f", "eml", "--out", "{out}")],
)
def test_build_and_eml_stop_at_an_address_outside_ascii(run, write, tmp_path, address, command):
    text = planted(PROJECT, "  email: kontakt@example.se", f"  email: {address}")
    out = tmp_path / "ut"
    result = run(command[0], write(text), *(part.format(out=out) for part in command[1:]))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Internt fel" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


def test_the_ascii_form_of_a_domain_reaches_the_eml(run, write, tmp_path):
    text = planted(PROJECT, "  email: kontakt@example.se", "  email: anna@xn--exmpel-cua.se")
    out = tmp_path / "ut"
    result = run("invite", write(text), "-c", "email", "-f", "eml", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert eml_sender((out / "sala" / "email.eml").read_bytes()).addr_spec == (
        "anna@xn--exmpel-cua.se"
    )


# Amounts are bounded: a 26-digit amount crashed `plan check` in the number formatting.

ONE_OFF = "{item: Marknadsföring, amount: 20000}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ONE_OFF, "{item: Marknadsföring, amount: 10000000000000000000000000}"),
        (ONE_OFF, "{item: Marknadsföring, amount: 1000000000001}"),
        ("  budget: 40000", "  budget: 99999999999999999999"),
        ("{fees: 4000}", "{fees: 10000000000000000000000000}"),
    ],
)
def test_an_amount_above_a_thousand_billion_is_a_finding(run, write, tmp_path, old, new):
    text = planted(PROJECT, old, new)
    path = write(text)
    exit_code, findings = check(run, path)
    assert exit_code == 1
    (finding,) = findings_at(findings, line_of(text, new))
    assert "högst 1 000 000 000 000 kronor" in finding["message"]
    for args in [(), ("--format", "xlsx", "--out", tmp_path / "kostnad.xlsx")]:
        result = run("cost", path, *args)
        assert result.exit_code == 1, result.stderr
        assert "Internt fel" not in result.stderr
    assert not (tmp_path / "kostnad.xlsx").exists()


@pytest.mark.slow
def test_the_largest_amount_is_costed(run, write, tmp_path):
    from openpyxl import load_workbook

    text = planted(PROJECT, ONE_OFF, "{item: Marknadsföring, amount: 1000000000000}")
    text = planted(text, "  budget: 40000", "  budget: 1000000000000")
    path = write(text)
    exit_code, _ = check(run, path)
    assert exit_code == 0
    result = run("cost", path)
    assert result.exit_code == 0, result.stderr
    assert "1 000 000 000 000" in result.stdout.replace("\u00a0", " ")
    out = tmp_path / "kostnad.xlsx"
    assert run("cost", path, "--format", "xlsx", "--out", out).exit_code == 0
    workbook = load_workbook(out)
    values = [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert 1_000_000_000_000 in values
