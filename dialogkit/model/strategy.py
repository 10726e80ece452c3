"""A county strategy with sub-goals (seed 004)."""

from typing import ClassVar, Literal

from pydantic import Field

from .facts import ReportSpec
from .types import Decision, Id, Line, MunicipalityCode, Paragraphs, PlanModel, YearSpan


class SubGoal(PlanModel):
    """Ett delmål."""

    id: int = Field(ge=1, description="Delmålets nummer; lokala planer hänvisar till det.")
    title: Line = Field(description='Kort namn, t.ex. "Nära för mig".')
    description: Paragraphs = Field(description="Vad delmålet innebär.")


class Strategy(PlanModel):
    """En länsgemensam strategi med målbild, delmål och principer."""

    kind: Literal["strategy"] = Field(description="Plantyp.")
    id: Id = Field(description="Strategins id; lokala planer hänvisar till det.")
    title: Line = Field(description="Strategins namn.")
    organisation: Line = Field(description="Vilka som står bakom strategin.")
    region_code: MunicipalityCode | None = Field(
        None, description='Regionens kod i Kolada, t.ex. "0020" för Region Dalarna.'
    )
    version: Line | None = Field(
        None, description='Dokumentets version, t.ex. "1.0" eller "2.1, reviderad".'
    )
    case_number: Line | None = Field(
        None, description='Diarienummer, när planen har ett, t.ex. "RV200159".'
    )
    language: Literal["sv", "en"] = Field("sv", description="Språk för rapporter.")
    decided: Decision | None = Field(None, description="Beslutet som antog strategin.")
    period: YearSpan = Field(description="Strategins period.")
    vision: Paragraphs = Field(description="Målbild.")
    sub_goals: list[SubGoal] = Field(description="Delmål.")
    principles: list[Line] = Field([], description="Principer för samverkan.")
    municipalities: list[Line] = Field(
        [],
        description="Kommunerna som strategin gäller; den regionala sammanställningen "
        "visar vilka som ännu inte har en lokal plan.",
    )
    municipality_codes: dict[Line, MunicipalityCode] = Field(
        {},
        description='Kommunkod per kommun i municipalities, t.ex. {Mora: "2062", Leksand: "2029"}.',
    )
    follow_up: list[Line] = Field([], description="Verktyg för den årliga uppföljningen.")

    PRODUCTS: ClassVar[tuple[str, ...]] = ("report",)
    REPORTS: ClassVar[tuple[ReportSpec, ...]] = (ReportSpec("regional"),)

    @property
    def display_title(self) -> str:
        return self.title

    @property
    def byline(self) -> str:
        return self.organisation

    DRAWS_ON_OTHERS: ClassVar[bool] = True

    def draws_on(self, other: PlanModel) -> bool:
        return other.kind == "local_plan" and other.strategy == self.id

    @property
    def issuer(self) -> str:
        """The organisation a document made from the plan comes from (its author)."""
        return self.organisation
