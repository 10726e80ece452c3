"""The catalogue of finding codes for people and tools: one entry or the list of all,
as text, Markdown or JSON (`dialogkit explain`), and the README's table of codes."""

from __future__ import annotations

import json
import textwrap

from ..catalogue import ENTRIES, SEVERITY_WORDS, Entry, lookup
from ..errors import UsageError

FORMATS = ("text", "json", "markdown")
README_START = "<!-- codes:start -->"
README_END = "<!-- codes:end -->"

HEADINGS = {
    "sv": {"why": "Varför", "example": "Exempel", "fix": "Så rättar du"},
    "en": {"why": "Why", "example": "Example", "fix": "How to fix it"},
}
TABLE_HEADER = {"sv": ("kod", "allvar", "vad"), "en": ("code", "severity", "what")}
WIDTH = 88
SUMMARY = ("code", "severity", "name", "title")
"""The keys of an entry in a list."""


def explain(query: str, language: str, output: str = "text") -> str:
    """The entry for a code or rule name: code, severity, title, why, example, fix."""
    entry = lookup(query)
    _check_format(output)
    if output == "json":
        return json.dumps(entry_dict(entry, language), ensure_ascii=False, indent=2)
    if output == "markdown":
        return _markdown(entry, language)
    return _text(entry, language)


def listing(language: str, output: str = "text") -> str:
    """Every entry in one line: code, severity and title."""
    _check_format(output)
    if output == "json":
        rows = [
            {key: value for key, value in entry_dict(e, language).items() if key in SUMMARY}
            for e in ENTRIES
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if output == "markdown":
        return markdown_table(language)
    words = SEVERITY_WORDS[language]
    width = max(len(word) for word in words.values())
    return "\n".join(
        f"{e.code}  {words[e.severity]:<{width}}  {e.title.get(language)}" for e in ENTRIES
    )


def entry_dict(entry: Entry, language: str) -> dict:
    return {
        "code": entry.code,
        "severity": str(entry.severity),
        "name": entry.name,
        "title": entry.title.get(language),
        "why": entry.why.get(language),
        "example": entry.example.get(language),
        "fix": entry.fix.get(language),
    }


def markdown_table(language: str = "sv") -> str:
    """The table of codes in the README: code | severity | title."""
    words = SEVERITY_WORDS[language]
    code, severity, title = TABLE_HEADER[language]
    rows = [f"| {code} | {severity} | {title} |", "|---|---|---|"]
    for e in ENTRIES:
        rows.append(f"| {e.code} | {words[e.severity]} | {_cell(e.title.get(language))} |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def replace_readme_table(readme: str) -> str:
    """`readme` with the text between the codes markers replaced by `markdown_table()`."""
    before, start, rest = readme.partition(README_START)
    _, end, after = rest.partition(README_END)
    if not start or not end:
        raise ValueError(f"The README has no {README_START} ... {README_END} region.")
    return f"{before}{README_START}\n{markdown_table('sv')}\n{README_END}{after}"


def _check_format(output: str) -> None:
    if output not in FORMATS:
        raise UsageError(
            f"Formatet '{output}' finns inte.",
            hint="Välj text, json eller markdown.",
            english=(f"There is no format '{output}'.", "Choose text, json or markdown."),
        )


def _text(entry: Entry, language: str) -> str:
    headings = HEADINGS[language]
    severity = SEVERITY_WORDS[language][entry.severity]

    def paragraph(text: str) -> str:
        return textwrap.fill(
            text, WIDTH, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
        )

    return "\n".join(
        [
            f"{entry.code} {entry.name} ({severity})",
            entry.title.get(language),
            "",
            headings["why"],
            paragraph(entry.why.get(language)),
            "",
            headings["example"],
            textwrap.indent(entry.example.get(language).expandtabs(4), "    ").rstrip("\n"),
            "",
            headings["fix"],
            paragraph(entry.fix.get(language)),
        ]
    )


def _markdown(entry: Entry, language: str) -> str:
    headings = HEADINGS[language]
    severity = SEVERITY_WORDS[language][entry.severity]
    example = entry.example.get(language)
    fence = "shell" if example.startswith("#") else "yaml"  # DK006, DK030, DK031: commands
    return "\n".join(
        [
            f"## {entry.code} {entry.name} ({severity})",
            "",
            f"**{entry.title.get(language)}**",
            "",
            f"### {headings['why']}",
            "",
            entry.why.get(language),
            "",
            f"### {headings['example']}",
            "",
            f"```{fence}",
            example.rstrip("\n"),
            "```",
            "",
            f"### {headings['fix']}",
            "",
            entry.fix.get(language),
        ]
    )
