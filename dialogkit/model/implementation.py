"""A committee's yearly implementation plan for citizen dialogue (genomförandeplan,
seed 002): its principles with their rung on the participation ladder, and the
dialogue areas of the year, each carried out by dialogue projects."""

from typing import ClassVar, Literal

from pydantic import Field

from .choices import Method, ParticipationRung, TaskStatus, described
from .facts import ReportSpec, ScheduleItem
from .types import Decision, Id, Line, Paragraphs, PlanModel, When, Year


class Principle(PlanModel):
    """En princip för medborgardialog."""

    text: Paragraphs = Field(description="Principen.")
    rung: ParticipationRung | None = Field(
        None,
        description="Steg på delaktighetstrappan som principen placerar dialogerna på: "
        f"{described(ParticipationRung)}.",
    )


class DialogueArea(PlanModel):
    """Ett dialog- eller frågeområde för året."""

    id: Id = Field(description='Kort id, t.ex. "nara-vard".')
    question_area: Line = Field(description='Frågeområdet, t.ex. "Omställningen till Nära vård".')
    purpose: Paragraphs = Field(description="Syftet: varför nämnden för dialog om området.")
    target_groups: list[Line] = Field(min_length=1, description="Målgrupper.")
    method: Method = Field(description=f"Metod: {described(Method)}.")
    rung: ParticipationRung = Field(
        description=f"Steg på delaktighetstrappan: {described(ParticipationRung)}."
    )
    owner: Line = Field(description="Vem som äger området, t.ex. nämndens presidium.")
    period: When = Field(description='Planerad period, t.ex. "2021-03..2021-05".')
    projects: list[Id] = Field([], description="Id för de dialogprojekt som genomför området.")
    status: TaskStatus = Field(
        "planned",
        description=f"{described(TaskStatus)}; ett inställt område behöver inget projekt.",
    )
    note: Paragraphs | None = Field(
        None, description="Kommentar, t.ex. varför området ställdes in eller flyttades."
    )


class ImplementationPlan(PlanModel):
    """En nämnds genomförandeplan för medborgardialog under ett år."""

    kind: Literal["implementation_plan"] = Field(description="Plantyp.")
    id: Id = Field(description="Planens id; dialogprojekt hänvisar till det.")
    title: Line = Field(description="Planens namn.")
    organisation: Line = Field(description="Region eller kommun.")
    committee: Line = Field(description="Nämnden eller beredningen som äger planen.")
    year: Year = Field(description="Året planen gäller.")
    version: Line | None = Field(
        None, description='Dokumentets version, t.ex. "1.0" eller "2.1, reviderad".'
    )
    case_number: Line | None = Field(
        None, description='Diarienummer, när planen har ett, t.ex. "RV200159".'
    )
    language: Literal["sv", "en"] = Field("sv", description="Språk för rapporter.")
    decided: Decision | None = Field(None, description="Beslutet som fastställde planen.")
    prepared_by: Line | None = Field(
        None,
        description='Vem som tog fram planen, t.ex. "nämndens presidium och tjänstemän".',
    )
    principles: list[Principle] = Field([], description="Principer för medborgardialog.")
    areas: list[DialogueArea] = Field(min_length=1, description="Årets dialogområden.")

    PRODUCTS: ClassVar[tuple[str, ...]] = ("timeline", "report")
    REPORTS: ClassVar[tuple[ReportSpec, ...]] = (
        ReportSpec("implementation-plan"),
        ReportSpec("yearly-follow-up", ("internal", "public")),
    )

    @property
    def display_title(self) -> str:
        return self.title

    @property
    def byline(self) -> str:
        return self.committee

    @property
    def issuer(self) -> str:
        """The organisation a document made from the plan comes from (its author)."""
        return self.organisation

    DRAWS_ON_OTHERS: ClassVar[bool] = True

    def draws_on(self, other: PlanModel) -> bool:
        """The dialogue projects that carry out its areas, or that name the plan."""
        if other.kind != "dialogue_project":
            return False
        return other.implementation_plan == self.id or any(
            other.id in area.projects for area in self.areas
        )

    def schedule(self) -> list[ScheduleItem]:
        return [
            ScheduleItem(
                "activity",
                area.id,
                area.question_area,
                area.period.start,
                area.period.end,
                area.status,
                (area.owner,),
                area.period.text,
            )
            for area in self.areas
        ]
