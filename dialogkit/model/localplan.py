"""A municipality's local plan with its yearly follow-up (seed 004)."""

from typing import ClassVar, Literal

from pydantic import Field

from .choices import ActivityStatus, AssessmentStatus, described
from .facts import ReportSpec, ScheduleItem, activity_schedule, kind_title
from .types import (
    Id,
    Line,
    MunicipalityCode,
    Paragraphs,
    People,
    PlanModel,
    When,
    Year,
    YearSpan,
)


class LocalActivity(PlanModel):
    """En aktivitet i den lokala planen."""

    id: Id = Field(description="Kort id.")
    what: Line = Field(description="Vilken aktivitet?")
    when: When = Field(description="När?")
    how: Paragraphs | None = Field(None, description="Hur?")
    by_whom: People = Field([], description="Av vem?")
    follow_up: Paragraphs | None = Field(None, description="Hur det följs upp.")
    sub_goals: list[int] = Field(
        [], description="Delmål (nummer i strategin) som aktiviteten bidrar till."
    )
    status: ActivityStatus = Field("planned", description=f"{described(ActivityStatus)}.")


class KeyFigure(PlanModel):
    """Ett nyckeltal från Kolada."""

    kolada_id: str = Field(pattern=r"^[NU]\d{5}$", description='Koladas id, t.ex. "U21463".')
    title: Line = Field(description="Nyckeltalets namn.")
    sub_goal: int = Field(description="Delmål nyckeltalet följer.")
    unit: Line | None = Field(None, description='Enhet, t.ex. "%" eller "antal per 1 000 inv.".')
    target: Line | None = Field(None, description='Målvärde eller riktning, t.ex. "öka".')
    values: dict[Year, float] = Field({}, description="Värde per år.")


class ScoreScale(PlanModel):
    """Skalan som självskattningens poäng ges på."""

    min: int = Field(1, ge=0, description="Lägsta poäng.")
    max: int = Field(5, ge=1, description="Högsta poäng: påståendet stämmer helt.")


class SelfAssessment(PlanModel):
    """Ett påstående i självskattningen och poängen per år."""

    id: Id = Field(description="Kort id.")
    statement: Line = Field(description="Påståendet.")
    sub_goal: int = Field(description="Delmål påståendet hör till.")
    scores: dict[Year, int] = Field(
        {},
        description="Poäng per år, på skalan i self_assessment_scale (standard 1–5, där 5 "
        "betyder att påståendet stämmer helt). Ett år utan poäng räknas inte som 0.",
    )


class Assessment(PlanModel):
    """Bedömning av arbetet mot ett delmål."""

    sub_goal: int = Field(description="Delmålets nummer.")
    status: AssessmentStatus = Field(description=f"{described(AssessmentStatus)}.")
    comment: Paragraphs | None = Field(None, description="Motivering.")


class YearlyFollowUp(PlanModel):
    """Årlig uppföljning."""

    year: Year = Field(description="Året som följs upp.")
    results: Paragraphs = Field(
        description="Vilka aktiviteter har genomförts och vilka resultat har uppnåtts?"
    )
    lessons: Paragraphs | None = Field(
        None, description="Lärdomar, framgångsfaktorer och utmaningar."
    )
    assessments: list[Assessment] = Field([], description="Bedömning per delmål.")


class LocalPlan(PlanModel):
    """En kommuns lokala plan för God och nära vård."""

    kind: Literal["local_plan"] = Field(description="Plantyp.")
    id: Id = Field(description="Planens id.")
    municipality: Line = Field(description="Kommunen.")
    municipality_code: MunicipalityCode | None = Field(
        None,
        description='Kommunkod, t.ex. "2029" för Leksand. Med den hämtar dialogkit '
        "kommunens nyckeltal från Kolada.",
    )
    version: Line | None = Field(
        None, description='Dokumentets version, t.ex. "1.0" eller "2.1, reviderad".'
    )
    case_number: Line | None = Field(
        None, description='Diarienummer, när planen har ett, t.ex. "RV200159".'
    )
    language: Literal["sv", "en"] = Field("sv", description="Språk för rapporter.")
    strategy: Id = Field(description="Id för strategin planen hör till.")
    period: YearSpan = Field(description="Planens period.")
    partners: list[Line] = Field([], description="Vilka som tagit fram planen tillsammans.")
    activities: list[LocalActivity] = Field(description="Aktiviteter.")
    key_figures: list[KeyFigure] = Field([], description="Nyckeltal (Kolada).")
    self_assessment_scale: ScoreScale = Field(
        default_factory=ScoreScale,
        description="Självskattningens skala; utan den 1–5: {min: 1, max: 5}.",
    )
    self_assessment: list[SelfAssessment] = Field([], description="Självskattning.")
    follow_ups: list[YearlyFollowUp] = Field([], description="Årlig uppföljning.")

    PRODUCTS: ClassVar[tuple[str, ...]] = ("timeline", "report")
    REPORTS: ClassVar[tuple[ReportSpec, ...]] = (ReportSpec("local-plan"),)

    @property
    def display_title(self) -> str:
        return f"{kind_title(self.kind, self.language)}: {self.municipality}"

    @property
    def byline(self) -> str:
        return self.municipality

    DRAWS_ON_OTHERS: ClassVar[bool] = True

    def draws_on(self, other: PlanModel) -> bool:
        return other.kind == "strategy" and other.id == self.strategy

    @property
    def issuer(self) -> str:
        """The organisation a document made from the plan comes from (its author)."""
        return self.municipality

    def schedule(self) -> list[ScheduleItem]:
        return activity_schedule(self.activities, "by_whom")
