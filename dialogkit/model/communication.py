"""The communication plan (seed 003)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Id, IsoDate, People, PlanModel, Text, When

Priority = Literal["high", "normal", "low"]
ActivityStatus = Literal["planned", "ongoing", "done", "cancelled"]


class TargetGroup(PlanModel):
    """En målgrupp och vad den ska veta, känna och göra."""

    id: Id
    """Kort id som aktiviteterna hänvisar till."""
    name: Text
    """Vem eller vilka."""
    why: str | None = None
    """Varför målgruppen är viktig."""
    know: str | None = None
    """Vad målgruppen ska veta."""
    feel: str | None = None
    """Vad målgruppen ska känna."""
    do: str | None = None
    """Vad målgruppen ska göra."""
    priority: Priority = "normal"
    """high, normal eller low."""
    priority_motivation: str | None = None
    """Varför målgruppen har den prioriteten."""
    condition: str | None = None
    """Villkor, t.ex. "om beslut fattas om ny avdelning"."""


class KeyMessage(PlanModel):
    """Budskapet."""

    why: Text
    """Varför – så att jag förstår."""
    what: Text
    """Vad – så att jag vet."""
    feeling: Text
    """Din känsla – så att jag tror på dig."""
    how: Text
    """Hur – så att jag förstår vad det innebär."""


class CommunicationActivity(PlanModel):
    """En kommunikationsaktivitet."""

    id: Id
    """Kort id."""
    what: Text
    """Vad ska vi göra?"""
    when: When
    """När: en månad, en årstid som "Hösten 2023" eller ett intervall."""
    responsible: People = []
    """Ansvarig."""
    hours: float | None = Field(default=None, ge=0)
    """Tid i timmar."""
    target_groups: list[str] = []
    """Id för de målgrupper aktiviteten når."""
    status: ActivityStatus = "planned"
    """planned, ongoing, done eller cancelled."""


class CommunicationPlan(PlanModel):
    """En kommunikationsplan: nuläge, målgrupper, budskap och aktiviteter."""

    kind: Literal["communication_plan"]
    """Plantyp."""
    id: Id
    """Planens id."""
    project: Text
    """Projektet planen gäller."""
    organisation: str | None = None
    """Kommun eller region."""
    language: Literal["sv", "en"] = "sv"
    """Språk för rapporter."""
    date: IsoDate
    """Planens datum."""
    author: Text
    """Vem som skrivit planen."""
    current_situation: Text
    """Nuläge."""
    purposes: list[Text]
    """Vad kommunikationen under året ska åstadkomma."""
    target_groups: list[TargetGroup]
    """Målgrupper."""
    key_message: KeyMessage
    """Budskap."""
    activities: list[CommunicationActivity]
    """Aktiviteter."""
