"""A municipality's local plan with its yearly follow-up (seed 004)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Id, People, PlanModel, Text, When, YearSpan

Status = Literal["on_track", "partly", "behind", "not_started"]
ActivityStatus = Literal["planned", "ongoing", "done", "cancelled"]


class LocalActivity(PlanModel):
    """En aktivitet i den lokala planen."""

    id: Id
    """Kort id."""
    what: Text
    """Vilken aktivitet?"""
    when: When
    """När?"""
    how: str | None = None
    """Hur?"""
    by_whom: People = []
    """Av vem?"""
    follow_up: str | None = None
    """Hur det följs upp."""
    sub_goals: list[int] = []
    """Delmål (nummer i strategin) som aktiviteten bidrar till."""
    status: ActivityStatus = "planned"
    """planned, ongoing, done eller cancelled."""


class KeyFigure(PlanModel):
    """Ett nyckeltal från Kolada."""

    kolada_id: str = Field(pattern=r"^[NU]\d{5}$")
    """Koladas id, t.ex. "U21463"."""
    title: Text
    """Nyckeltalets namn."""
    sub_goal: int
    """Delmål nyckeltalet följer."""
    unit: str | None = None
    """Enhet, t.ex. "%" eller "antal per 1 000 inv."."""
    target: str | None = None
    """Målvärde eller riktning, t.ex. "öka"."""
    values: dict[int, float] = {}
    """Värde per år."""


class SelfAssessment(PlanModel):
    """Ett påstående i självskattningen och poängen per år."""

    id: Id
    """Kort id."""
    statement: Text
    """Påståendet."""
    sub_goal: int
    """Delmål påståendet hör till."""
    scores: dict[int, int] = {}
    """Poäng per år (1–5, där 5 betyder att påståendet stämmer helt)."""


class Assessment(PlanModel):
    """Bedömning av arbetet mot ett delmål."""

    sub_goal: int
    """Delmålets nummer."""
    status: Status
    """on_track, partly, behind eller not_started."""
    comment: str | None = None
    """Motivering."""


class YearlyFollowUp(PlanModel):
    """Årlig uppföljning."""

    year: int = Field(ge=1900, le=2200)
    """Året som följs upp."""
    results: Text
    """Vilka aktiviteter har genomförts och vilka resultat har uppnåtts?"""
    lessons: str | None = None
    """Lärdomar, framgångsfaktorer och utmaningar."""
    assessments: list[Assessment] = []
    """Bedömning per delmål."""


class LocalPlan(PlanModel):
    """En kommuns lokala plan för God och nära vård."""

    kind: Literal["local_plan"]
    """Plantyp."""
    id: Id
    """Planens id."""
    municipality: Text
    """Kommunen."""
    language: Literal["sv", "en"] = "sv"
    """Språk för rapporter."""
    strategy: Id
    """Id för strategin planen hör till."""
    period: YearSpan
    """Planens period."""
    partners: list[Text] = []
    """Vilka som tagit fram planen tillsammans."""
    activities: list[LocalActivity]
    """Aktiviteter."""
    key_figures: list[KeyFigure] = []
    """Nyckeltal (Kolada)."""
    self_assessment: list[SelfAssessment] = []
    """Självskattning."""
    follow_ups: list[YearlyFollowUp] = []
    """Årlig uppföljning."""
