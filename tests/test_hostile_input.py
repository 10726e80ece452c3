"""Bad files never crash the check: each gives a finding naming the file, and no
code from a file ever runs."""

from __future__ import annotations

import json

import pytest


def check_json(run, path):
    result = run("plan", "check", "--format", "json", path)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)["findings"]


@pytest.mark.parametrize(
    ("name", "content", "code", "line"),
    [
        ("malformed", "kind: dialogue_project\ntitle: [oavslutad\n", "DK001", 2),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "DK001", 1),
        ("latin1", "kind: strategy\ntitle: Nära vård\n".encode("latin-1"), "DK001", 2),
        ("empty", "", "DK001", 1),
        ("only-comments", "# bara en kommentar\n", "DK001", 1),
        ("tabs", "kind: strategy\nperiod:\n\tstart: 2022\n", "DK001", 3),
        ("duplicate-key", "kind: strategy\nid: a\nid: b\n", "DK003", 3),
        (
            "alias-bomb",
            'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
            "DK004",
            2,
        ),
        ("multi-document", "kind: strategy\n---\nkind: strategy\n", "DK004", 2),
        ("deep-nesting", "a: " + "[" * 10_000 + "]" * 10_000 + "\n", "DK004", 1),
        ("deep-block", "".join("  " * i + f"k{i}:\n" for i in range(500)), "DK004", 65),
        ("list-root", "- kind: strategy\n", "DK005", 1),
        ("scalar-root", "just text\n", "DK005", 1),
        ("no-kind", "id: x\n", "DK005", 1),
        ("unknown-kind", "kind: dialog_project\n", "DK005", 1),
    ],
)
def test_bad_file_gives_one_finding_with_position(run, write, name, content, code, line):
    path = write(content, f"{name}.yaml")
    exit_code, findings = check_json(run, path)
    assert exit_code == 1
    assert findings[0]["code"] == code
    assert findings[0]["line"] == line
    assert findings[0]["file"] == str(path)


def test_python_tags_never_run(run, write, tmp_path):
    marker = tmp_path / "pwned"
    path = write(f'kind: strategy\nid: !!python/object/apply:os.system ["touch {marker}"]\n')
    exit_code, findings = check_json(run, path)
    assert exit_code == 1
    assert findings[0]["code"] == "DK004"
    assert findings[0]["line"] == 2
    assert not marker.exists()


def test_huge_file_is_refused_without_reading_it_as_yaml(run, write):
    path = write("kind: strategy\n" + "# fyllnad\n" * 600_000)
    exit_code, findings = check_json(run, path)
    assert exit_code == 1
    assert findings[0]["code"] == "DK001"
    assert "MB" in findings[0]["message"]


def test_text_output_names_file_line_and_column(run, write):
    path = write("kind: strategy\nid: a\nid: b\n")
    result = run("plan", "check", path)
    assert result.exit_code == 1
    assert f"{path}:3:1" in result.stdout
    assert "DK003" in result.stdout


def test_a_bad_file_does_not_hide_the_others(run, write, tmp_path):
    from conftest import STRATEGY

    write("kind: [\n", "trasig.yaml")
    write(STRATEGY.replace("id: 2,", "id: 1,"), "strategi.yaml")
    exit_code, findings = check_json(run, tmp_path)
    assert exit_code == 1
    assert sorted(f["code"] for f in findings) == ["DK001", "DK217"]
