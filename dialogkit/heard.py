""" "Ni sa – vi gör": the themes the residents raised in a project's dialogues, where
they came up and what happens with each. Shared by the dialogue report and the
year's follow-up, which merges them across an implementation plan's projects."""

from __future__ import annotations

from typing import NamedTuple

from .model.project import Response
from .words import words


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
    by_theme = {r.theme.casefold(): r for r in project.responses}
    states = words(project.language)

    def heard(theme: str, places: list[str]) -> Heard:
        response = by_theme.get(theme.casefold())
        state = states[f"response_state.{response.state}"] if response else None
        return Heard(theme, places, response, state)

    themes = [heard(theme, places) for theme, places in themes_heard(held)]
    named = {h.theme.casefold() for h in themes}
    elsewhere = [heard(r.theme, []) for r in project.responses if r.theme.casefold() not in named]
    places = {h.theme.casefold(): h.places for h in themes}
    return {
        "themes": themes,
        "said_done": [h for h in themes if h.response] + elsewhere,
        "without_response": [h for h in themes if not h.response],
        "dialogue_themes": {
            d.id: [heard(theme, places[theme.casefold()]) for theme in unique(d.outcome.themes)]
            for d in held
        },
    }


def unique(themes: list[str]) -> list[str]:
    """The themes, each once whatever its case, in the order written."""
    seen: dict[str, str] = {}
    for theme in themes:
        seen.setdefault(theme.casefold(), theme)
    return list(seen.values())


def themes_heard(held) -> list[tuple[str, list[str]]]:
    """Each theme the dialogues' outcomes name, with the municipalities where it came
    up: the most common first, then in the order first met. A theme is the same
    theme whatever its case ("Kontinuitet", "kontinuitet")."""
    found: dict[str, tuple[str, list[str]]] = {}
    for dialogue in held:
        for theme in dialogue.outcome.themes:
            places = found.setdefault(theme.casefold(), (theme, []))[1]
            if dialogue.municipality not in places:
                places.append(dialogue.municipality)
    return sorted(found.values(), key=lambda theme: -len(theme[1]))
