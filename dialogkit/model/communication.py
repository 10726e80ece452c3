"""The communication plan (seed 003)."""

from typing import ClassVar, Literal

from pydantic import Field

from .choices import ActivityStatus, Priority, described
from .facts import ReportSpec, ScheduleItem, activity_schedule, kind_title
from .types import Id, IsoDate, Line, Paragraphs, People, PlanModel, When


class TargetGroup(PlanModel):
    """En målgrupp och vad den ska veta, känna och göra."""

    id: Id = Field(description="Kort id som aktiviteterna hänvisar till.")
    name: Line = Field(description="Vem eller vilka.")
    why: Paragraphs | None = Field(None, description="Varför målgruppen är viktig.")
    know: Paragraphs | None = Field(None, description="Vad målgruppen ska veta.")
    feel: Paragraphs | None = Field(None, description="Vad målgruppen ska känna.")
    do: Paragraphs | None = Field(None, description="Vad målgruppen ska göra.")
    priority: Priority = Field("normal", description=f"{described(Priority)}.")
    priority_motivation: Paragraphs | None = Field(
        None, description="Varför målgruppen har den prioriteten."
    )
    condition: Line | None = Field(
        None, description='Villkor, t.ex. "om beslut fattas om ny avdelning".'
    )


class KeyMessage(PlanModel):
    """Budskapet."""

    why: Paragraphs = Field(description="Varför – så att jag förstår.")
    what: Paragraphs = Field(description="Vad – så att jag vet.")
    feeling: Paragraphs = Field(description="Din känsla – så att jag tror på dig.")
    how: Paragraphs = Field(description="Hur – så att jag förstår vad det innebär.")


class CommunicationActivity(PlanModel):
    """En kommunikationsaktivitet."""

    id: Id = Field(description="Kort id.")
    what: Line = Field(description="Vad ska vi göra?")
    when: When = Field(
        description='När: en månad, en årstid som "Hösten 2023" eller ett intervall.'
    )
    responsible: People = Field([], description="Ansvarig.")
    hours: float | None = Field(default=None, ge=0, description="Tid i timmar.")
    target_groups: list[Line] = Field([], description="Id för de målgrupper aktiviteten når.")
    status: ActivityStatus = Field("planned", description=f"{described(ActivityStatus)}.")

    REFERENCES: ClassVar[frozenset[str]] = frozenset({"target_groups"})
    """Fields that hold ids (privacy.IDENTIFIERS)."""


class CommunicationPlan(PlanModel):
    """En kommunikationsplan: nuläge, målgrupper, budskap och aktiviteter."""

    kind: Literal["communication_plan"] = Field(description="Plantyp.")
    id: Id = Field(description="Planens id.")
    project: Line = Field(description="Projektet planen gäller.")
    organisation: Line | None = Field(None, description="Kommun eller region.")
    version: Line | None = Field(
        None, description='Dokumentets version, t.ex. "1.0" eller "2.1, reviderad".'
    )
    case_number: Line | None = Field(
        None, description='Diarienummer, när planen har ett, t.ex. "RV200159".'
    )
    language: Literal["sv", "en"] = Field("sv", description="Språk för rapporter.")
    date: IsoDate = Field(description="Planens datum.")
    author: Line = Field(description="Vem som skrivit planen.")
    current_situation: Paragraphs = Field(description="Nuläge.")
    purposes: list[Line] = Field(description="Vad kommunikationen under året ska åstadkomma.")
    target_groups: list[TargetGroup] = Field(description="Målgrupper.")
    key_message: KeyMessage = Field(description="Budskap.")
    activities: list[CommunicationActivity] = Field(description="Aktiviteter.")

    PRODUCTS: ClassVar[tuple[str, ...]] = ("timeline", "workload", "report")
    REPORTS: ClassVar[tuple[ReportSpec, ...]] = (ReportSpec("communication-plan"),)

    @property
    def display_title(self) -> str:
        return f"{kind_title(self.kind, self.language)}: {self.project}"

    @property
    def byline(self) -> str:
        return self.author

    @property
    def issuer(self) -> str:
        """The organisation a document made from the plan comes from (its author)."""
        return self.organisation or self.author

    def schedule(self) -> list[ScheduleItem]:
        return activity_schedule(self.activities, "responsible")
