"""Jinja templates: looked up in the user's folder, the workspace's `templates/`
and the built-in ones, in that order, and rendered in a sandbox with strict
undefined values, since templates may come from colleagues' branches."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .errors import DialogkitError
from .formatting import format_clock, format_date, format_money, format_number, format_time_range
from .labels import label

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
SOURCE_TEMPLATES = Path(__file__).parent.parent / "templates"


class TemplateError(DialogkitError):
    """A template is missing, broken or uses a value the plan does not have."""


def builtin_templates_dir() -> Path:
    """The templates shipped in the wheel, or the repository's when run from source."""
    return PACKAGE_TEMPLATES if PACKAGE_TEMPLATES.is_dir() else SOURCE_TEMPLATES


def template_dirs(workspace: Path | None = None, extra: Path | None = None) -> list[Path]:
    """The folders to search, first match wins."""
    dirs = []
    if extra is not None:
        if not extra.is_dir():
            raise TemplateError(f"{extra}: mallmappen finns inte.")
        dirs.append(extra)
    if workspace is not None and (workspace / "templates").is_dir():
        dirs.append(workspace / "templates")
    dirs.append(builtin_templates_dir())
    return list(dict.fromkeys(dirs))


def and_list(items, language: str = "sv", *, word: str | None = None) -> str:
    """["A", "B", "C"] -> "A, B och C" (or "A, B eller C" with word="eller")."""
    items = [str(item) for item in items]
    word = f" {word or ('och' if language == 'sv' else 'and')} "
    return word.join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def workspace_root(plan_file: Path) -> Path | None:
    """The folder whose `templates/` overrides the built-in ones: the nearest folder
    above the plan that has `templates/`, looking no further than the git root."""
    for folder in plan_file.resolve().parents:
        if (folder / "templates").is_dir():
            return folder
        if (folder / ".git").exists():
            return None
    return None


def template_environment(loaded, extra: Path | None = None):
    """The environment for a loaded plan: its workspace's templates and language."""
    language = loaded.plan.language
    return environment(template_dirs(workspace_root(loaded.path), extra), language)


def environment(dirs: list[Path], language: str = "sv"):
    """A sandboxed environment over `dirs`; `builtin/NAME` always names the shipped
    template, so a workspace template can extend the one it replaces. Environments
    are shared, so each template is compiled once per run."""
    return _environment(tuple(dirs), language)


@functools.lru_cache(maxsize=16)
def _environment(dirs: tuple[Path, ...], language: str):
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    builtin = FileSystemLoader(str(builtin_templates_dir()))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(
            [FileSystemLoader([str(d) for d in dirs]), PrefixLoader({"builtin": builtin})]
        ),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        money=lambda amount: format_money(amount, language),
        number=lambda value: format_number(value, language),
        long_date=lambda day: format_date(day, language),
        short_date=lambda day: format_date(day, language, weekday=False),
        clock=lambda moment: format_clock(moment, language),
        label=lambda value: label(value, language),
        and_list=lambda items: and_list(items, language),
        cell=table_cell,
    )
    env.globals["language"] = language
    env.globals["time_range"] = lambda d: format_time_range(d.date, d.start, d.end, language)
    return env


def table_cell(value: Any) -> str:
    """Text that is safe inside a Markdown table cell."""
    if value is None:
        return ""
    return " ".join(str(value).replace("|", "\\|").split())


def list_templates(dirs: list[Path]) -> list[tuple[str, Path]]:
    """Every template name with the file that wins for it, in lookup order."""
    found: dict[str, Path] = {}
    for folder in dirs:
        for path in sorted(folder.rglob("*.j2")):
            found.setdefault(path.relative_to(folder).as_posix(), path)
    return sorted(found.items())


def render(env, name: str, **context: Any) -> str:
    """Render template `name`; any failure names the template file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    from jinja2.exceptions import TemplateError as JinjaError

    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise TemplateError(f"Mallen {name} finns inte.") from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"{error.filename or name}:{error.lineno}: fel i mallen: {error.message}"
        ) from None
    try:
        return template.render(**context)
    except (UndefinedError, SecurityError, JinjaError, TypeError, ValueError) as error:
        where = _template_line(error, template.filename or name)
        raise TemplateError(
            f"{where}: {_explain(error)}",
            hint="Rätta mallen, eller lägg till värdet i planen.",
        ) from None


def _template_line(error: Exception, filename: str) -> str:
    """The template file and line where rendering failed; Jinja rewrites the
    traceback so that template frames carry the template's own line numbers."""
    traceback = error.__traceback__
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return f"{filename}:{line}" if line else filename


def _explain(error: Exception) -> str:
    from jinja2 import UndefinedError

    if isinstance(error, UndefinedError):
        return f"mallen använder ett värde som saknas ({error.message})"
    return f"fel när mallen fylldes i: {error}"
