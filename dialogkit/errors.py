"""The one exception family dialogkit raises for problems the user can fix.

The CLI prints a `DialogkitError` in one place (entry.py) and exits with its code;
anything else is a bug and is reported as such. Each error carries its message and
hint in Swedish (`str(error)`, `error.hint`) and in English (`english`), and the
entry point shows the one the command line speaks (`--lang`, else the workspace's).
"""

from __future__ import annotations

English = tuple[str, str | None]
"""An error's message and hint in English."""


class DialogkitError(Exception):
    """A problem the user can act on; `str(error)` is the message in Swedish."""

    exit_code = 1

    def __init__(
        self, message: str, *, hint: str | None = None, english: English | None = None
    ) -> None:
        super().__init__(message)
        self.hint = hint
        self.texts = {"sv": (message, hint), "en": english or (message, hint)}

    def in_language(self, language: str) -> English:
        """The message and hint in `language` ("sv" or "en")."""
        return self.texts.get(language, self.texts["sv"])


class UsageError(DialogkitError):
    """The command cannot run at all: no such path, wrong kind of plan, ..."""

    exit_code = 2


class PlanInvalidError(DialogkitError):
    """A plan has errors; run `dialogkit plan check` to see them. `report` is the
    check that found them, when there is one, so it need not be run again."""

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        english: English | None = None,
        report=None,
    ) -> None:
        super().__init__(message, hint=hint, english=english)
        self.report = report
