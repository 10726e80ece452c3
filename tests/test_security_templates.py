"""Issue 11, item 1: a workspace template can read plan data and nothing else, is
found only inside its workspace, and cannot run for ever or fill the memory."""

from __future__ import annotations

import re
import time

import pytest
from conftest import PROJECT

from dialogkit import sandbox

FACEBOOK = "templates/sv/invite/facebook.txt.j2"
PICKLE = (
    "{{ project.parse_raw(\"cos\\nsystem\\n(S'id > PWNED.txt'\\ntR.\", "
    "proto='pickle', allow_pickle=True) }}"
)


@pytest.fixture
def workspace(tmp_path, write):
    """A workspace (with its marker) holding the test project in plans/."""
    (tmp_path / "dialogkit.toml").write_text("")
    return write(PROJECT, "plans/projekt.yaml")


def plant(tmp_path, body: str, name: str = FACEBOOK) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Rubrik\n\n" + body + "\n", encoding="utf-8")


def refused(result, tmp_path, name: str = FACEBOOK, line: int = 3) -> str:
    """The command failed with a message naming the template file and line."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / name}:{line}" in result.stderr, result.stderr
    return result.stderr


ATTACKS = {
    "pickle": PICKLE,
    "parse_file": "{{ project.parse_file('/etc/passwd') }}",
    "model_validate": "{{ project.model_validate({}) }}",
    "model_dump": "{{ dialogue.model_dump() }}",
    "class chain": "{{ project.__class__.__mro__[1].__subclasses__() }}",
    "string class chain": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "getitem class chain": "{{ project['__class__'] }}",
    "cycler": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "joiner": "{{ joiner.__init__.__globals__.os }}",
    "namespace": "{{ namespace.__init__.__globals__.os.popen('id').read() }}",
    "namespace call chain": "{% set ns = namespace() %}{{ ns.__init__.__globals__ }}",
    "str.format": "{{ '{0.__class__}'.format(project) }}",
    "date method": "{{ dialogue.date.replace(year=1) }}",
    "self": "{{ self.__init__ }}",
    "range escape": "{{ range.__globals__ }}",
    "filter object": "{{ (project.title | list).__class__ }}",
}


@pytest.mark.parametrize("template", ATTACKS.values(), ids=ATTACKS.keys())
def test_every_escape_is_refused_with_the_template_file_and_line(
    template, run, workspace, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    plant(tmp_path, template)
    out = tmp_path / "ut"
    result = run("invite", workspace, "--channel", "facebook", "--out", out)
    refused(result, tmp_path)
    assert not (tmp_path / "PWNED.txt").exists()
    assert "root:" not in result.stderr + result.stdout  # /etc/passwd was not read
    assert not out.exists() or not any(out.rglob("*.txt"))


@pytest.mark.slow
def test_build_is_refused_too_and_writes_nothing(run, workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plant(tmp_path, PICKLE)
    result = run("build", workspace.parent, "--out", tmp_path / "ut")
    refused(result, tmp_path)
    assert not (tmp_path / "PWNED.txt").exists()


def test_templates_still_read_every_kind_of_plan_data(run, workspace, tmp_path):
    plant(
        tmp_path,
        "{{ project.title | upper }} {{ dialogue.date.isoformat() }} "
        "{{ members | map(attribute='name') | join(', ') }} "
        "{% for key, value in {'a': 1}.items() %}{{ key }}={{ value }}{% endfor %} "
        "{{ project.costs.per_dialogue.in_person.fees | money }} {{ m.topic() }}",
    )
    (tmp_path / FACEBOOK).write_text(
        '{% import "sv/invite/_macros.j2" as m with context %}' + (tmp_path / FACEBOOK).read_text()
    )
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert result.exit_code == 0, result.stderr
    assert "INVÅNARDIALOG NÄRA VÅRD 2021-04-13 Anna A, Bo B a=1" in result.stdout


def test_a_missing_field_is_named(run, workspace, tmp_path):
    plant(tmp_path, "{{ project.parse_raw }}")
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    message = refused(result, tmp_path)
    assert "'parse_raw' finns inte i planens data" in message


# --- where templates are looked up ------------------------------------------------


def test_a_stray_templates_folder_above_the_workspace_is_not_used(run, write, tmp_path):
    """No marker and no git root: only the built-in templates are used."""
    plant(tmp_path, "ONDSKEFULL MALL")
    plan = write(PROJECT, "a/b/c/projekt.yaml")
    result = run("invite", plan, "--dialogue", "sala", "--channel", "facebook")
    assert result.exit_code == 0, result.stderr
    assert "ONDSKEFULL" not in result.stdout
    assert "Sala" in result.stdout


def test_lookup_stops_at_the_workspace_marker(run, write, tmp_path):
    plant(tmp_path, "OVANFÖR ARBETSYTAN")
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "dialogkit.toml").write_text("")
    plant(tmp_path / "ws" / "plans", "I PLANMAPPEN")  # a templates/ folder below the root
    plan = write(PROJECT, "ws/plans/projekt.yaml")
    result = run("invite", plan, "--dialogue", "sala", "--channel", "facebook")
    assert "OVANFÖR" not in result.stdout and "I PLANMAPPEN" not in result.stdout
    plant(tmp_path / "ws", "I ARBETSYTAN")
    result = run("invite", plan, "--dialogue", "sala", "--channel", "facebook")
    assert "I ARBETSYTAN" in result.stdout


def test_lookup_stops_at_the_git_root(run, write, tmp_path):
    plant(tmp_path, "OVANFÖR REPOT")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    plan = write(PROJECT, "repo/plans/projekt.yaml")
    result = run("invite", plan, "--dialogue", "sala", "--channel", "facebook")
    assert "OVANFÖR" not in result.stdout
    plant(tmp_path / "repo", "I REPOT")
    result = run("invite", plan, "--dialogue", "sala", "--channel", "facebook")
    assert "I REPOT" in result.stdout


def test_a_symlink_out_of_the_templates_folder_is_refused(run, workspace, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-utanfor"
    outside.mkdir()
    (outside / "hemlig.j2").write_text("HEMLIG MALL {{ project.title }}\n")
    link = tmp_path / FACEBOOK
    link.parent.mkdir(parents=True)
    link.symlink_to(outside / "hemlig.j2")
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert result.exit_code == 1
    assert "HEMLIG" not in result.stdout
    assert "symbolisk länk" in result.stderr and "facebook.txt.j2" in result.stderr
    assert "templates list" not in result.stderr
    listed = run("templates", "list", workspace)
    assert "hemlig" not in listed.stdout


# --- bounded work -------------------------------------------------------------------

BOMBS = {
    "billion loop": "{% for i in range(100000) %}{% for j in range(100000) %}"
    "{% endfor %}{% endfor %}",
    "repeated string": "{{ 'x' * 10000000000 }}",
    "doubling concat": "{% set s = namespace(t='ab') %}{% for i in range(64) %}"
    "{% set s.t = s.t ~ s.t %}{% endfor %}{{ s.t | length }}",
    "doubling plus": "{% set s = namespace(t='ab') %}{% for i in range(64) %}"
    "{% set s.t = s.t + s.t %}{% endfor %}",
    "doubling replace": "{% set s = namespace(t='ab') %}{% for i in range(64) %}"
    "{% set s.t = s.t | replace('a', 'aa') | replace('b', 'bb') %}{% endfor %}",
    "wide center": "{{ 'x' | center(1000000000) }}",
    "wide format": "{{ '%1000000000s' | format('x') }}",
    "wide percent": "{{ '%1000000000s' % 'x' }}",
    "huge power": "{{ 9 ** 99999999 }}",
    "squaring": "{% set n = namespace(v=9) %}{% for i in range(40) %}"
    "{% set n.v = n.v * n.v %}{% endfor %}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "replace everywhere": "{{ ('x' * 3000000) | replace('', 'yyyyyyyy') }}",
    "indent every line": "{{ ('\\n' * 1500000) | indent(10000, blank=True) | length }}",
    "one text many times": "{% set x = 'a' * 4900000 %}{{ ([x] * 1000) | tojson | length }}",
    "many format fields": "{{ ('%(a)9999s' * 490000 % {'a': 'x'}) | length }}",
    "many large results": "{% set x = 'a' * 4900000 %}{{ ([x] * 20) | map('reverse') "
    "| list | length }}",
    "long list": "{% for i in [0] * 4000000 %}x{% endfor %}",
    "doubling set block": "{% set ns = namespace(s='x' * 4000000) %}{% for i in range(9) %}"
    "{% set t %}{{ ns.s }}{{ ns.s }}{% endset %}{% set ns.s = t %}{% endfor %}{{ ns.s | length }}",
    "doubling macros": "{% macro d(s) %}{{ s }}{{ s }}{% endmacro %}"
    "{{ d(d(d(d(d(d(d(d(d('x' * 4000000))))))))) | length }}",
    "doubling caller": "{% macro d() %}{{ caller() }}{{ caller() }}{% endmacro %}"
    "{% set ns = namespace(s='x' * 4000000) %}{% for i in range(9) %}"
    "{% set ns.s %}{% call d() %}{{ ns.s }}{% endcall %}{% endset %}{% endfor %}",
    "join keyword": "{% set big = 'X' * 4000000 %}{{ (range(700) | list) | join(d=big) }}",
    "replace keywords": "{% set big = 'X' * 4000000 %}"
    "{{ ('a' * 700) | replace(old='a', new=big) }}",
    "wordwrap break": "{% set big = 'X' * 4000000 %}"
    "{{ ('a' * 700) | wordwrap(1, wrapstring=big) }}",
    "indent by text": "{% set big = 'X' * 4000000 %}{{ ('a\\n' * 700) | indent(big) }}",
    "sum of lists": "{% set big = range(100000) | list %}{% set ns = namespace(l=[]) %}"
    "{% for i in range(400) %}{% set ns.l = ns.l + [big] %}{% endfor %}"
    "{{ ns.l | sum(start=[]) | length }}",
}


@pytest.mark.slow
@pytest.mark.parametrize("template", BOMBS.values(), ids=BOMBS.keys())
def test_a_runaway_template_stops_with_a_clear_error(template, run, workspace, tmp_path):
    plant(tmp_path, template)
    started = time.monotonic()
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert time.monotonic() - started < sandbox.TIME_LIMIT + 5
    message = refused(result, tmp_path)
    assert re.search(r"stoppades|längre än|orimligt|bredd|högst|steg|utan slut", message)


@pytest.mark.slow
def test_a_loop_without_any_hook_is_stopped_by_the_clock(run, workspace, tmp_path, monkeypatch):
    """Iterating a long string calls none of the sandbox's hooks; the alarm stops it."""
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.0)
    plant(
        tmp_path, "{% for c in 'x' * 4000000 %}{% for d in 'x' * 4000000 %}{% endfor %}{% endfor %}"
    )
    started = time.monotonic()
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert time.monotonic() - started < 10
    assert "tog längre tid än 1 sekunder" in refused(result, tmp_path)


@pytest.mark.slow
def test_a_word_report_too_long_for_word_is_refused_before_conversion(run, workspace, tmp_path):
    """The template's output is within its limits, but 300 000 paragraphs would take
    python-docx minutes and gigabytes."""
    plant(
        tmp_path,
        "# T\n{% for i in range(100) %}{% for j in range(3000) %}\nx\n{% endfor %}{% endfor %}",
        "templates/sv/report/project-plan.md.j2",
    )
    started = time.monotonic()
    result = run("report", workspace, "--out", tmp_path / "r.docx")
    assert time.monotonic() - started < 60
    assert result.exit_code == 1, result.stderr
    assert "för stor för Word" in result.stderr
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("target", ["outside", "workspace"])
def test_a_templates_folder_that_is_a_link_is_refused(run, workspace, tmp_path, target):
    """A linked templates/ would let `{% include %}` read any file, such as `.env`."""
    (tmp_path / ".env").write_text("SECRET=hunter2\n")
    if target == "outside":
        folder = tmp_path.parent / f"{tmp_path.name}-mallar"
        plant(folder, '{% include "hemlig.txt" %}', "sv/invite/facebook.txt.j2")
        (folder / "hemlig.txt").write_text("HEMLIG\n")
        (tmp_path / "templates").symlink_to(folder)
    else:
        plant(tmp_path, '{% include ".env" %}', "sv/invite/facebook.txt.j2")
        (tmp_path / "templates").symlink_to(tmp_path)
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert result.exit_code == 1
    assert "HEMLIG" not in result.stdout and "hunter2" not in result.stdout
    assert "mallmappen är en symbolisk länk" in result.stderr


def test_hidden_files_are_never_templates(run, workspace, tmp_path):
    (tmp_path / "templates" / ".git").mkdir(parents=True)
    (tmp_path / "templates" / ".git" / "config").write_text("[remote] token=hunter2\n")
    plant(tmp_path, '{% include ".git/config" %}')
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert "hunter2" not in result.stdout + result.stderr
    assert "dolda filer" in refused(result, tmp_path)


WRONG_VALUES = {
    "time_range of a number": "{{ time_range(1) }}",
    "time_range of a namespace": "{{ time_range(namespace(date=1, start=2, end=3)) }}",
    "long_date of text": "{{ 'x' | long_date }}",
    "clock of text": "{{ 'x' | clock }}",
    "money of text": "{{ 'x' | money }}",
}


@pytest.mark.parametrize("template", WRONG_VALUES.values(), ids=WRONG_VALUES.keys())
def test_a_filter_given_the_wrong_kind_of_value_names_the_template_line(
    template, run, workspace, tmp_path
):
    plant(tmp_path, template)
    result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert "Internt fel" not in result.stderr
    refused(result, tmp_path)


def test_a_word_table_wider_than_word_allows_is_refused(run, workspace, tmp_path):
    plant(
        tmp_path,
        "# T\n\n|{% for i in range(100) %} a |{% endfor +%}\n"
        "|{% for i in range(100) %}---|{% endfor +%}\n",
        "templates/sv/report/project-plan.md.j2",
    )
    result = run("report", workspace, "--out", tmp_path / "r.docx")
    assert result.exit_code == 1 and "100 kolumner, högst 63" in result.stderr
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.slow
def test_a_report_with_too_many_table_cells_is_refused_before_conversion(run, workspace, tmp_path):
    plant(
        tmp_path,
        "# T\n\n| a | b |\n|---|---|\n"
        "{% set row = '| x ' * 6000 %}{% for i in range(200) %}{{ row }}|\n{% endfor %}",
        "templates/sv/report/project-plan.md.j2",
    )
    started = time.monotonic()
    result = run("report", workspace, "--out", tmp_path / "r.docx")
    assert time.monotonic() - started < 60
    assert result.exit_code == 1 and "tabellceller" in result.stderr


@pytest.mark.parametrize(
    "name", [FACEBOOK, "templates/sv/report/dialogue-report.md.j2"], ids=["text", "report"]
)
def test_a_template_that_writes_a_control_character_is_refused(run, workspace, tmp_path, name):
    plant(tmp_path, '{{ "a\\x01b" }}', name)
    if "report" in name:
        result = run("report", workspace, "-k", "dialogue-report", "--out", tmp_path / "r.docx")
    else:
        result = run("invite", workspace, "--dialogue", "sala", "--channel", "facebook")
    assert result.exit_code == 1, result.stderr
    assert "U+0001" in result.stderr and name in result.stderr
