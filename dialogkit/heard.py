""" "Ni sa – vi gör": the themes the residents raised in a project's dialogues, where
they came up and what happens with each. Shared by the dialogue report and the
year's follow-up, which merges them across an implementation plan's projects."""

from __future__ import annotations

from typing import NamedTuple

from .model.project import Response
from .words import words


def theme_key(theme: str) -> str:
    """A theme as themes and responses are matched: the same words whatever their case
    or spacing ("Kontinuitet", "kontinuitet", "Psykisk  hälsa")."""
    return " ".join(theme.split()).casefold()


class Heard(NamedTuple):
    """A theme the residents raised ("Ni sa"), the municipalities where it came up
    and what happens with it ("vi gör"): the project's response, its state in words."""

    theme: str
    places: list[str]
    response: Response | None
    state: str | None


def said_and_done(project, held) -> dict:
    """ "Ni sa – vi gör": every theme heard with its response (the most common first),
    then the responses to themes no dialogue names (raised elsewhere, e.g. on the web
    page); the heard themes that have no response yet; and each dialogue's themes."""
    by_theme: dict[str, Response] = {}
    for response in project.responses:  # the first response to a theme, as feedback reads it
        by_theme.setdefault(theme_key(response.theme), response)
    states = words(project.language)

    def heard(theme: str, places: list[str]) -> Heard:
        response = by_theme.get(theme_key(theme))
        state = states[f"response_state.{response.state}"] if response else None
        return Heard(theme, places, response, state)

    themes = [heard(theme, places) for theme, places in themes_heard(held)]
    named = {theme_key(h.theme) for h in themes}
    elsewhere = [heard(r.theme, []) for r in project.responses if theme_key(r.theme) not in named]
    places = {theme_key(h.theme): h.places for h in themes}
    return {
        "themes": themes,
        "said_done": [h for h in themes if h.response] + elsewhere,
        "without_response": [h for h in themes if not h.response],
        "dialogue_themes": {
            d.id: [heard(theme, places[theme_key(theme)]) for theme in unique(d.outcome.themes)]
            for d in held
        },
    }


def unique(themes: list[str]) -> list[str]:
    """The themes, each once whatever its case or spacing, in the order written."""
    seen: dict[str, str] = {}
    for theme in themes:
        seen.setdefault(theme_key(theme), theme)
    return list(seen.values())


def themes_heard(held) -> list[tuple[str, list[str]]]:
    """Each theme the dialogues' outcomes name, with the municipalities where it came
    up: the most common first, then in the order first met. A theme is the same
    theme whatever its case or spacing (`theme_key`)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for dialogue in held:
        for theme in dialogue.outcome.themes:
            places = found.setdefault(theme_key(theme), (theme, []))[1]
            if dialogue.municipality not in places:
                places.append(dialogue.municipality)
    return sorted(found.values(), key=lambda theme: -len(theme[1]))
