"""A check report as text for people, JSON for tools, or GitHub annotations.

Each finding speaks its plan's language (`Finding.language`), unless `--lang` chose
one for the whole run; the summary and the codes' titles speak the run's language."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from itertools import groupby
from typing import TextIO

from ..catalogue import BY_CODE, SEVERITY_WORDS
from ..cli_words import cli_words, counted
from ..findings import Finding, Report, Severity, format_key_path
from ..yamlsource import MAX_FILE_BYTES

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "note": "cyan"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}

Line = list[tuple[str, str]]
"""One line of output as (text, rich style) pieces; "" is no style."""


def present(
    report: Report,
    output: str,
    file: TextIO | None = None,
    *,
    language: str = "sv",
    chosen: str | None = None,
) -> None:
    """Print `report` as text, json or github annotations in `language`, each finding
    in its plan's language; `chosen` (`--lang`) is the language of every finding."""
    file = file or sys.stdout
    if output == "json":
        print(render_json(report, language, chosen), file=file)
    elif output == "github":
        text = render_github(report, language, chosen)
        if text:
            print(text, file=file)
    else:
        write_text(report, file, language, chosen)


def _speaks(finding: Finding, language: str, chosen: str | None) -> str:
    """The language `finding` is shown in: `chosen`, else its plan's, else the run's."""
    return chosen or finding.language or language


def write_text(
    report: Report, file: TextIO, language: str = "sv", chosen: str | None = None
) -> None:
    """Findings for people: coloured by rich on a terminal, plain text otherwise.

    Plain text is what rich would print there too; writing it directly spares a
    check in pre-commit or CI the 30 ms it takes to load rich."""
    lines = text_lines(report, language, chosen)
    if not _is_terminal(file):
        file.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.text import Text

    from . import console

    out = console(file=file)
    for line in lines:
        out.print(Text.assemble(*line))


def _is_terminal(file: TextIO) -> bool:
    """As rich decides it: a terminal, or colour forced by the environment."""
    forced = os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1"
    return bool(forced) or (hasattr(file, "isatty") and file.isatty())


def text_lines(report: Report, language: str = "sv", chosen: str | None = None) -> list[Line]:
    """Findings grouped per file, each with the source line and a caret, then a summary."""
    w = cli_words(language)
    lines: list[Line] = []
    sources: dict = {}
    for file, group in groupby(report.sorted(), key=lambda f: f.file):
        lines.append([(str(file), "bold underline")])
        shown = 0
        for finding in group:
            lines.extend(_finding_lines(finding, sources, _speaks(finding, language, chosen)))
            shown += 1
        omitted = sum(report.omitted.get(file, {}).values())
        if omitted:
            more = "  " + w["check.more"].format(count=omitted)
            lines.append([(more, "bold"), (w["check.first_shown"].format(shown=shown), "")])
        lines.append([])
    skipped = len(report.notes)
    if report.files_checked == 0:
        if skipped:
            lines.append([(w["check.all_skipped"], "bold red")])
            return lines
        lines.append([(w["check.none_found"], "yellow"), (w["check.name_folder"], "")])
        return lines
    errors, warnings = report.error_count, report.warning_count
    checked = report.files_checked
    summary = (
        f"{counted(language, 'check.checked', checked)}: "
        f"{counted(language, 'error', errors)}, {counted(language, 'warning', warnings)}"
        + (f", {counted(language, 'skipped', skipped)}." if skipped else ".")
    )
    style = "bold red" if errors else ("yellow" if warnings else "bold green")
    lines.append([(summary, style)])
    return lines


def _finding_lines(finding: Finding, sources: dict, language: str) -> Iterator[Line]:
    severity = str(finding.severity)
    message, hint = finding.text(language)
    yield [
        (f"  {finding.location()}", "dim"),
        (" ", ""),
        (SEVERITY_WORDS[language][severity], SEVERITY_STYLES[severity]),
        (" ", ""),
        (finding.code, "bold"),
        (f" {message}", ""),
    ]
    where = finding.where or format_key_path(finding.path)
    if where:
        yield [("      " + cli_words(language)["check.in"].format(where=where), "dim")]
    source_line = _source_line(finding, sources)
    if source_line is not None:
        number = f"{finding.line:>5} │ "
        yield [(number, "dim"), (source_line, "")]
        yield [(" " * (len(number) + finding.col - 1), ""), ("^", "bold")]
    if hint:
        yield [("      ", ""), (cli_words(language)["hint"], "cyan"), (f" {hint}", "")]


def _source_line(finding: Finding, cache: dict) -> str | None:
    if finding.severity is Severity.NOTE:
        return None  # about a file that was not read, and must not be read here either
    if finding.file not in cache:
        try:
            too_big = finding.file.stat().st_size > MAX_FILE_BYTES
            cache[finding.file] = [] if too_big else finding.file.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[finding.file] = []
    lines = cache[finding.file]
    if 0 < finding.line <= len(lines):
        return lines[finding.line - 1].replace("\t", " ")[:200]
    return None


def render_json(report: Report, language: str = "sv", chosen: str | None = None) -> str:
    """Counts of every finding; the findings themselves at most `MAX_PER_FILE` a file,
    each with its rule's `name`, and per file how many more there are (`omitted`).
    `codes` describes each code found, from the catalogue (`dialogkit explain CODE`)."""
    import json

    findings = report.sorted()
    return json.dumps(
        {
            "files_checked": report.files_checked,
            "errors": report.error_count,
            "warnings": report.warning_count,
            "findings": [_finding_dict(f, _speaks(f, language, chosen)) for f in findings],
            "omitted": [
                {
                    "file": str(file),
                    "errors": counts[Severity.ERROR],
                    "warnings": counts[Severity.WARNING],
                }
                for file, counts in sorted(report.omitted.items(), key=lambda item: str(item[0]))
            ],
            "codes": _codes(findings, chosen or language),
        },
        ensure_ascii=False,
        indent=2,
    )


def _finding_dict(finding: Finding, language: str) -> dict:
    entry = BY_CODE.get(finding.code)
    return {**finding.to_dict(language), "name": entry.name if entry else None}


def _codes(findings: list[Finding], language: str) -> dict:
    """Code -> severity, name and title, for the codes among `findings`."""
    entries = [BY_CODE[code] for code in sorted({f.code for f in findings}) if code in BY_CODE]
    return {
        entry.code: {
            "severity": str(entry.severity),
            "name": entry.name,
            "title": entry.title.get(language),
        }
        for entry in entries
    }


def render_github(report: Report, language: str = "sv", chosen: str | None = None) -> str:
    """Workflow commands: `::error file=...,line=...,col=...,title=...::message`; past
    the cap, one notice per file says how many more there are."""
    w = cli_words(language)
    out = []
    for file, group in groupby(report.sorted(), key=lambda f: f.file):
        for f in group:
            speaks = _speaks(f, language, chosen)
            said, hint = f.text(speaks)
            hint = f" {cli_words(speaks)['check.hint']} {hint}" if hint else ""
            message = _escape_data(said + hint)
            out.append(
                f"::{GITHUB_COMMANDS[f.severity]} file={_escape_property(str(file))},"
                f"line={f.line},col={f.col},title={f.code}::{message}"
            )
        omitted = sum(report.omitted.get(file, {}).values())
        if omitted:
            message = _escape_data(w["check.more_in_file"].format(count=omitted, file=file))
            out.append(f"::notice file={_escape_property(str(file))}::{message}")
    return "\n".join(out)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(",", "%2C").replace(":", "%3A")
