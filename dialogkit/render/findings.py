"""A check report as text for people, JSON for tools, or GitHub annotations."""

from __future__ import annotations

import json
from itertools import groupby

from rich.console import Console
from rich.markup import escape

from ..findings import Finding, Report, format_key_path
from ..yamlsource import MAX_FILE_BYTES

SEVERITY_WORDS = {"error": "fel", "warning": "varning"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}


def render_text(report: Report, console: Console) -> None:
    """Findings grouped per file, each with the source line and a caret."""
    findings = report.sorted()
    lines_by_file: dict = {}
    for file, group in groupby(findings, key=lambda f: f.file):
        console.print(f"[bold underline]{escape(str(file))}[/]")
        for finding in group:
            _render_one(finding, console, lines_by_file)
        console.print()
    if report.files_checked == 0:
        console.print("[yellow]Inga planer (*.yaml, *.yml) hittades.[/] Ange mappen med planerna.")
        return
    errors, warnings = len(report.errors), len(report.warnings)
    plans = "plan" if report.files_checked == 1 else "planer"
    summary = (
        f"{report.files_checked} {plans} kontrollerade: "
        f"{errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}."
    )
    style = "bold red" if errors else ("yellow" if warnings else "bold green")
    console.print(f"[{style}]{summary}[/]")


def _render_one(finding: Finding, console: Console, cache: dict) -> None:
    severity = str(finding.severity)
    word = SEVERITY_WORDS[severity]
    console.print(
        f"  [dim]{escape(finding.location())}[/] "
        f"[{SEVERITY_STYLES[severity]}]{word}[/] [bold]{finding.code}[/] {escape(finding.message)}"
    )
    where = finding.where or format_key_path(finding.path)
    if where:
        console.print(f"      [dim]i {escape(where)}[/]")
    source_line = _source_line(finding, cache)
    if source_line is not None:
        number = f"{finding.line:>5} │ "
        console.print(f"[dim]{number}[/]{escape(source_line)}", highlight=False)
        console.print(" " * (len(number) + finding.col - 1) + "[bold]^[/]", highlight=False)
    if finding.hint:
        console.print(f"      [cyan]tips:[/] {escape(finding.hint)}")


def _source_line(finding: Finding, cache: dict) -> str | None:
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


def render_json(report: Report) -> str:
    return json.dumps(
        {
            "files_checked": report.files_checked,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "findings": [f.to_dict() for f in report.sorted()],
        },
        ensure_ascii=False,
        indent=2,
    )


def render_github(report: Report) -> str:
    """Workflow commands: `::error file=...,line=...,col=...,title=...::message`."""
    out = []
    for f in report.sorted():
        message = f.message + (f" Tips: {f.hint}" if f.hint else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = str(f.file).replace(",", "%2C").replace(":", "%3A")
        out.append(
            f"::{f.severity} file={file},line={f.line},col={f.col},title={f.code}::{message}"
        )
    return "\n".join(out)
