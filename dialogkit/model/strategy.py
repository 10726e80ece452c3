"""A county strategy with sub-goals (seed 004)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Decision, Id, PlanModel, Text, YearSpan


class SubGoal(PlanModel):
    """Ett delmål."""

    id: int = Field(ge=1)
    """Delmålets nummer; lokala planer hänvisar till det."""
    title: Text
    """Kort namn, t.ex. "Nära för mig"."""
    description: Text
    """Vad delmålet innebär."""


class Strategy(PlanModel):
    """En länsgemensam strategi med målbild, delmål och principer."""

    kind: Literal["strategy"]
    """Plantyp."""
    id: Id
    """Strategins id; lokala planer hänvisar till det."""
    title: Text
    """Strategins namn."""
    organisation: Text
    """Vilka som står bakom strategin."""
    language: Literal["sv", "en"] = "sv"
    """Språk för rapporter."""
    decided: Decision | None = None
    """Beslutet som antog strategin."""
    period: YearSpan
    """Strategins period."""
    vision: Text
    """Målbild."""
    sub_goals: list[SubGoal]
    """Delmål."""
    principles: list[Text] = []
    """Principer för samverkan."""
    follow_up: list[Text] = []
    """Verktyg för den årliga uppföljningen."""
