"""The communication plan (seed 003)."""

from typing import Literal

from pydantic import Field

from .types import Id, IsoDate, People, PlanModel, Text, When

Priority = Literal["high", "normal", "low"]
ActivityStatus = Literal["planned", "ongoing", "done", "cancelled"]


class TargetGroup(PlanModel):
    """En målgrupp och vad den ska veta, känna och göra."""

    id: Id = Field(description="Kort id som aktiviteterna hänvisar till.")
    name: Text = Field(description="Vem eller vilka.")
    why: str | None = Field(None, description="Varför målgruppen är viktig.")
    know: str | None = Field(None, description="Vad målgruppen ska veta.")
    feel: str | None = Field(None, description="Vad målgruppen ska känna.")
    do: str | None = Field(None, description="Vad målgruppen ska göra.")
    priority: Priority = Field("normal", description="high, normal eller low.")
    priority_motivation: str | None = Field(
        None, description="Varför målgruppen har den prioriteten."
    )
    condition: str | None = Field(
        None, description='Villkor, t.ex. "om beslut fattas om ny avdelning".'
    )


class KeyMessage(PlanModel):
    """Budskapet."""

    why: Text = Field(description="Varför – så att jag förstår.")
    what: Text = Field(description="Vad – så att jag vet.")
    feeling: Text = Field(description="Din känsla – så att jag tror på dig.")
    how: Text = Field(description="Hur – så att jag förstår vad det innebär.")


class CommunicationActivity(PlanModel):
    """En kommunikationsaktivitet."""

    id: Id = Field(description="Kort id.")
    what: Text = Field(description="Vad ska vi göra?")
    when: When = Field(
        description='När: en månad, en årstid som "Hösten 2023" eller ett intervall.'
    )
    responsible: People = Field([], description="Ansvarig.")
    hours: float | None = Field(default=None, ge=0, description="Tid i timmar.")
    target_groups: list[str] = Field([], description="Id för de målgrupper aktiviteten når.")
    status: ActivityStatus = Field("planned", description="planned, ongoing, done eller cancelled.")


class CommunicationPlan(PlanModel):
    """En kommunikationsplan: nuläge, målgrupper, budskap och aktiviteter."""

    kind: Literal["communication_plan"] = Field(description="Plantyp.")
    id: Id = Field(description="Planens id.")
    project: Text = Field(description="Projektet planen gäller.")
    organisation: str | None = Field(None, description="Kommun eller region.")
    language: Literal["sv", "en"] = Field("sv", description="Språk för rapporter.")
    date: IsoDate = Field(description="Planens datum.")
    author: Text = Field(description="Vem som skrivit planen.")
    current_situation: Text = Field(description="Nuläge.")
    purposes: list[Text] = Field(description="Vad kommunikationen under året ska åstadkomma.")
    target_groups: list[TargetGroup] = Field(description="Målgrupper.")
    key_message: KeyMessage = Field(description="Budskap.")
    activities: list[CommunicationActivity] = Field(description="Aktiviteter.")
