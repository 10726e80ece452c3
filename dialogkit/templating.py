"""Jinja templates: looked up in the user's folder, the workspace's `templates/`
and the built-in ones, in that order, and rendered in a sandbox with strict
undefined values, since templates may come from colleagues' branches."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from .errors import DialogkitError
from .formatting import (
    format_clock,
    format_date,
    format_money,
    format_number,
    format_period,
    format_rung,
    format_time_range,
    full_stop,
)
from .settings import workspace_root
from .words import label, words

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
            raise TemplateError(
                f"{extra}: mallmappen finns inte.",
                english=(f"{extra}: the template folder does not exist.", None),
            )
        dirs.append(extra)
    if workspace is not None and (workspace / "templates").is_dir():
        dirs.append(_inside(workspace / "templates", workspace))
    dirs.append(builtin_templates_dir())
    return list(dict.fromkeys(dirs))


def _inside(templates: Path, workspace: Path) -> Path:
    """The workspace's `templates/`, if it is a real folder inside the workspace: a
    link would let a template include files from anywhere (or, pointing at the
    workspace itself, its `.env` and `.git`)."""
    real = templates.resolve()
    if (
        templates.is_symlink()
        or real == workspace.resolve()
        or not real.is_relative_to(workspace.resolve())
    ):
        raise TemplateError(
            f"{templates}: mallmappen är en symbolisk länk ({real}); den används inte.",
            hint=SYMLINK_HINT,
            english=(
                f"{templates}: the template folder is a symbolic link ({real}); it is not used.",
                SYMLINK_HINT_EN,
            ),
        )
    return templates


def and_list(items, language: str = "sv", *, word: str | None = None) -> str:
    """["A", "B", "C"] -> "A, B och C" (or "A, B eller C" with word="eller")."""
    items = [str(item) for item in items]
    word = f" {word or words(language)['list.and']} "
    return word.join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def template_environment(loaded, extra: Path | None = None, *, markdown: bool = False):
    """The environment for a loaded plan: its workspace's templates and language."""
    language = loaded.plan.language
    return environment(template_dirs(workspace_root(loaded.path), extra), language, markdown)


def environment(dirs: list[Path], language: str = "sv", markdown: bool = False):
    """A sandboxed environment over `dirs`; `builtin/NAME` always names the shipped
    template, so a workspace template can extend the one it replaces. Environments
    are shared, so each template is compiled once per run. With `markdown`, every
    value a template prints is escaped for Markdown (see markup)."""
    return _environment(tuple(dirs), language, markdown)


@functools.lru_cache(maxsize=16)
def _environment(dirs: tuple[Path, ...], language: str, markdown: bool = False):
    from jinja2 import ChoiceLoader, PrefixLoader, StrictUndefined

    from .markup import Markdown, finalize_markdown, table_cell
    from .sandbox import ContainedLoader, TemplateSandbox

    env = TemplateSandbox(
        loader=ChoiceLoader(
            [
                ContainedLoader(list(dirs)),
                PrefixLoader({"builtin": ContainedLoader([builtin_templates_dir()])}),
            ]
        ),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize_markdown if markdown else None,
    )
    if markdown:
        env.rendered_type = Markdown  # a macro's output is escaped already
    env.filters.update(
        money=lambda amount: format_money(amount, language),
        number=lambda value: format_number(value, language),
        long_date=lambda day: format_date(day, language),
        short_date=lambda day: format_date(day, language, weekday=False),
        clock=lambda moment: format_clock(moment, language),
        period=lambda when: format_period(when, language),
        label=lambda value: label(value, language),
        rung=lambda value: format_rung(value, language),
        full_stop=full_stop,
        and_list=lambda items: and_list(items, language),
        cell=table_cell,
    )
    env.globals["language"] = language
    env.globals["time_range"] = lambda d: format_time_range(d.date, d.start, d.end, language)
    env.finish_setup()
    return env


def list_templates(dirs: list[Path]) -> list[tuple[str, Path]]:
    """Every template name with the file that wins for it, in lookup order."""
    found: dict[str, Path] = {}
    for folder in dirs:
        root = folder.resolve()
        for path in sorted(folder.rglob("*.j2")):
            if path.resolve().is_relative_to(root):
                found.setdefault(path.relative_to(folder).as_posix(), path)
    return sorted(found.items())


def render(env, name: str, **context: Any) -> str:
    """Render template `name` with `context` as plain data (see template_data);
    any failure names the template file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from .model.types import NOT_IN_PARAGRAPHS
    from .sandbox import bounded_render
    from .template_data import to_data

    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise TemplateError(
            f"Mallen {name} finns inte.", english=(f"There is no template {name}.", None)
        ) from None
    except TemplateSyntaxError as error:
        where = f"{error.filename or name}:{error.lineno}"
        raise TemplateError(
            f"{where}: fel i mallen: {error.message}",
            english=(f"{where}: error in the template: {error.message}", None),
        ) from None
    except SecurityError as error:
        english = getattr(error, "english", str(error))
        raise TemplateError(
            str(error), hint=SYMLINK_HINT, english=(english, SYMLINK_HINT_EN)
        ) from None
    data = {key: to_data(value) for key, value in context.items()}
    try:
        text = bounded_render(template, data)
    except Exception as error:  # a filter given the wrong kind of value fails in many ways
        where = _template_line(error, template.filename or name)
        explained, english = _explain(error)
        link = "symbolisk länk" in str(error)
        raise TemplateError(
            f"{where}: {explained}",
            hint=SYMLINK_HINT if link else TEMPLATE_HINT,
            english=(f"{where}: {english}", SYMLINK_HINT_EN if link else TEMPLATE_HINT_EN),
        ) from None
    control = NOT_IN_PARAGRAPHS.search(text)
    if control:  # plan text cannot hold them (the model refuses them): the template wrote it
        raise TemplateError(
            f"{template.filename or name}: mallen skriver styrtecknet "
            f"U+{ord(control.group()):04X}, som inte hör hemma i en text.",
            hint="Ta bort tecknet ur mallen.",
            english=(
                f"{template.filename or name}: the template writes the control character "
                f"U+{ord(control.group()):04X}, which does not belong in a text.",
                "Remove the character from the template.",
            ),
        )
    return text


TEMPLATE_HINT = "Rätta mallen, eller lägg till värdet i planen."
SYMLINK_HINT = "Lägg mallen som en vanlig fil i arbetsytans templates/."
TEMPLATE_HINT_EN = "Fix the template, or add the value to the plan."
SYMLINK_HINT_EN = "Put the template as a plain file in the workspace's templates/."


def _template_line(error: Exception, filename: str) -> str:
    """The template file and line where rendering failed: the innermost template
    frame (a macro file imported by the template counts). Jinja rewrites the
    traceback so that template frames carry the template's own line numbers."""
    traceback = error.__traceback__
    where = filename
    while traceback is not None:
        frame_file = traceback.tb_frame.f_code.co_filename
        if frame_file.endswith(".j2"):
            where = f"{frame_file}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return where


def _explain(error: Exception) -> tuple[str, str]:
    """What went wrong while the template was filled in, in Swedish and English."""
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError
    from jinja2.exceptions import TemplateError as JinjaError

    if isinstance(error, UndefinedError):
        missing = re.search(r"has no attribute '([^']+)'", error.message or "")
        if missing:
            return (
                f"'{missing.group(1)}' finns inte i planens data "
                "(mallar kan bara läsa planens fält, inte anropa metoder)",
                f"'{missing.group(1)}' is not in the plan's data "
                "(templates can only read the plan's fields, not call methods)",
            )
        return (
            f"mallen använder ett värde som saknas ({error.message})",
            f"the template uses a value that is missing ({error.message})",
        )
    if isinstance(error, SecurityError):
        english = getattr(error, "english", str(error))
        return f"mallen stoppades: {error}", f"the template was stopped: {english}"
    if isinstance(error, RecursionError):
        return "mallen anropar sig själv utan slut", "the template calls itself without end"
    if isinstance(error, MemoryError):
        return (
            "mallen bygger mer data än minnet rymmer",
            "the template builds more data than memory holds",
        )
    if isinstance(error, JinjaError):
        return f"fel när mallen fylldes i: {error}", f"error while filling in the template: {error}"
    return (
        "ett filter eller en funktion i mallen fick ett värde av fel slag "
        f"({type(error).__name__}: {error})",
        "a filter or function in the template got a value of the wrong kind "
        f"({type(error).__name__}: {error})",
    )
