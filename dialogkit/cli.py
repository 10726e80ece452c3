"""The `dialogkit` command: parse arguments, call the library, present the result.

Heavy modules are imported inside the commands that need them, so that
`dialogkit --help` and a check of one plan start quickly.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import DialogkitError

app = typer.Typer(
    help="dialogkit: planera och följ upp invånardialoger och God och nära vård.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
plan_app = typer.Typer(help="Kontrollera planer och visa deras schema.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")

_state = {"debug": False}


@app.callback()
def _main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Visa hela felspåret vid fel.")] = False,
) -> None:
    _state["debug"] = debug


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@plan_app.command("check")
def plan_check(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Planer eller mappar (standard: aktuell mapp).")
    ] = None,
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json eller github.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option(help="Avsluta med fel även vid varningar.")] = False,
) -> None:
    """Kontrollera planerna och visa fel och varningar med fil, rad och kolumn."""
    from .checking import check
    from .render import findings as render

    report = check(paths or [Path(".")])
    if output is CheckFormat.json:
        print(render.render_json(report))
    elif output is CheckFormat.github:
        text = render.render_github(report)
        if text:
            print(text)
    else:
        render.render_text(report, _console())
    raise typer.Exit(report.exit_code(strict=strict))


@plan_app.command("schema")
def plan_schema() -> None:
    """Skriv ut JSON-schemat för planerna (för editorns YAML-stöd)."""
    from .schema import schema_json

    print(schema_json())


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def main() -> None:
    """Entry point: one place turns every error into a message and an exit code."""
    try:
        code = app(standalone_mode=False)
    except DialogkitError as error:
        _report_error(str(error), error.hint)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        _report_error("Avbrutet.", None)
        sys.exit(130)
    except Exception as error:  # the last line of defence: never a traceback by default
        import click

        if isinstance(error, click.exceptions.ClickException):
            error.show()
            sys.exit(error.exit_code)
        if isinstance(error, click.exceptions.Exit | click.exceptions.Abort):
            raise
        if _state["debug"]:
            raise
        _report_error(
            f"Internt fel i dialogkit: {type(error).__name__}: {error}",
            "Kör igen med --debug för detaljer och rapportera felet.",
        )
        sys.exit(3)
    sys.exit(code or 0)


def _report_error(message: str, hint: str | None) -> None:
    from rich.markup import escape

    console = _console(stderr=True)
    console.print(f"[bold red]fel:[/] {escape(message)}")
    if hint:
        console.print(f"[cyan]tips:[/] {escape(hint)}")
