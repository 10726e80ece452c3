"""The dialogue project (seed 000), with the dialogue process of seed 001 and
the documentation principles of seed 002."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import ClockTime, Decision, Id, IsoDate, Money, People, Person, PlanModel, Text, When

ParticipationRung = Literal["information", "consultation", "dialogue", "influence", "co_decision"]
DialogueFormat = Literal["in_person", "digital", "hybrid"]
DialogueStatus = Literal["planned", "booked", "held", "cancelled"]
TaskStatus = Literal["planned", "ongoing", "done", "cancelled"]
Method = Literal["survey", "dialogue_meeting", "focus_group", "working_group", "citizen_panel"]
Channel = Literal["email", "web", "facebook", "newspaper_ad", "press_release", "reminder"]
COST_ITEMS = ("fees", "travel", "refreshments", "venue")


class Member(PlanModel):
    """En ledamot som kan delta i dialogerna."""

    id: Id
    """Kort id som dialogerna hänvisar till, t.ex. "anna-l"."""
    name: Text
    """Namn."""
    municipality: str | None = None
    """Hemkommun; helst deltar en ledamot med anknytning till dialogens kommun."""
    role: str | None = None
    """Roll, t.ex. "ordförande" eller "ledamot"."""
    party: str | None = None
    """Parti."""


class Venue(PlanModel):
    """Lokalen för en fysisk eller hybrid dialog."""

    name: Text
    """Lokalens namn."""
    address: str | None = None
    """Gatuadress och ort."""
    accessible: bool | None = None
    """Är lokalen tillgänglighetsanpassad?"""
    hearing_loop: bool | None = None
    """Finns hörselslinga?"""
    capacity: int | None = Field(default=None, ge=1)
    """Antal platser."""


class DigitalAccess(PlanModel):
    """Hur man deltar digitalt."""

    platform: Text = "Teams"
    """Plattform, t.ex. "Teams"."""
    link: str | None = None
    """Länk till mötet (skickas till dem som anmält sig)."""
    registration_email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    """E-postadress för anmälan; deltagarna anmäler sig med sin e-postadress."""
    registration_url: str | None = None
    """Webbformulär för anmälan, om sådant finns."""
    registration_deadline: IsoDate | None = None
    """Sista dag för anmälan."""


class CostItems(PlanModel):
    """Kostnad per dialog, i hela kronor."""

    fees: Money = 0
    """Arvoden."""
    travel: Money = 0
    """Resekostnader."""
    refreshments: Money = 0
    """Förtäring."""
    venue: Money = 0
    """Lokal."""


class CostOverride(PlanModel):
    """Avvikande kostnader för en enskild dialog; det som inte anges följer formatet."""

    fees: Money | None = None
    """Arvoden."""
    travel: Money | None = None
    """Resekostnader."""
    refreshments: Money | None = None
    """Förtäring."""
    venue: Money | None = None
    """Lokal."""


class FollowUp(PlanModel):
    """Uppföljningsfrågorna som besvaras efter varje dialog."""

    dialogue_type: str | None = None
    """Vilken typ av dialog genomfördes?"""
    influence: str | None = None
    """Hur påverkade dialogen beslut eller utveckling?"""
    main_lesson: str | None = None
    """Vad är det viktigaste vi har lärt oss från dialogen?"""
    purpose_met: str | None = None
    """Har syfte och mål uppnåtts?"""
    unspoken_purposes: str | None = None
    """Uppdagades några outtalade syften eller förhoppningar som inte specificerades från början?"""
    went_well: str | None = None
    """Vad gjordes bra?"""
    could_improve: str | None = None
    """Vad kunde gjorts bättre?"""


class Feedback(PlanModel):
    """Återkoppling till deltagare eller allmänhet."""

    date: IsoDate
    """När återkopplingen gavs."""
    audience: Literal["participants", "public"] = "participants"
    """Till vem: deltagarna eller allmänheten."""
    channel: str | None = None
    """Hur, t.ex. "e-post" eller "webbsidan"."""
    description: Text
    """Vad som återkopplades."""


class Outcome(PlanModel):
    """Det som dokumenteras efter dialogen."""

    participants: int | None = Field(default=None, ge=0)
    """Antal deltagare."""
    public_notes: str | None = None
    """Dokumentation som får publiceras."""
    internal_notes: str | None = None
    """Interna kommentarer och reflektioner; kommer aldrig med i publika rapporter."""
    follow_up: FollowUp | None = None
    """Svar på uppföljningsfrågorna."""
    feedback: list[Feedback] = []
    """Återkoppling som har getts."""


class Dialogue(PlanModel):
    """Ett dialogtillfälle, oftast ett per kommun."""

    id: Id
    """Kort id, t.ex. "sala"."""
    municipality: Text
    """Kommunen dialogen gäller."""
    format: DialogueFormat
    """in_person (fysisk), digital eller hybrid."""
    test: bool = False
    """true för en testdialog (dagtid, för att öva)."""
    date: IsoDate
    """Datum (ÅÅÅÅ-MM-DD)."""
    start: ClockTime
    """Starttid, "TT:MM"."""
    end: ClockTime
    """Sluttid, "TT:MM"."""
    venue: Venue | None = None
    """Lokal; krävs för fysiska och hybrida dialoger."""
    digital: DigitalAccess | None = None
    """Digitalt deltagande; krävs för digitala och hybrida dialoger."""
    members: list[str] = []
    """Id för de ledamöter som deltar (minst två)."""
    expert: str | None = None
    """Sakkunnig som deltar, om någon."""
    focus_question: str | None = None
    """Frågan i fokus för just denna dialog, om den skiljer sig från projektets första fråga."""
    status: DialogueStatus = "planned"
    """planned, booked, held eller cancelled."""
    costs: CostOverride | None = None
    """Avvikande kostnader för just denna dialog."""
    outcome: Outcome | None = None
    """Dokumentation efter dialogen."""


class OneOffCost(PlanModel):
    """En engångskostnad."""

    item: Text
    """Vad kostnaden avser."""
    amount: Money
    """Belopp i kronor."""


class Scenario(PlanModel):
    """Ett tänkt alternativ att jämföra kostnaden med."""

    id: Id
    """Kort id, t.ex. "halva-digitalt"."""
    title: Text
    """Rubrik."""
    format: DialogueFormat | None = None
    """Alla riktiga dialoger flyttas till detta format."""
    per_dialogue: dict[DialogueFormat, CostItems] | None = None
    """Andra kostnader per format i detta alternativ."""


class Costs(PlanModel):
    """Kostnadsberäkning."""

    per_dialogue: dict[DialogueFormat, CostItems]
    """Kostnad per dialog för varje format (arvoden, resor, förtäring, lokal)."""
    one_off: list[OneOffCost] = []
    """Engångskostnader, t.ex. kommunikation och marknadsföring."""
    budget: Money | None = None
    """Budget i kronor."""
    scenarios: list[Scenario] = []
    """Alternativ att jämföra med."""


class Task(PlanModel):
    """En uppgift eller milstolpe i tidsaxeln."""

    id: Id | None = None
    """Kort id, om andra delar hänvisar till uppgiften."""
    task: Text
    """Vad som ska göras."""
    when: When
    """Månad, datum eller period."""
    responsible: People = []
    """Vem som ansvarar."""
    status: TaskStatus = "planned"
    """planned, ongoing, done eller cancelled."""
    milestone: bool = False
    """true för en milstolpe."""


class InvitationChannel(PlanModel):
    """En kanal för inbjudan."""

    channel: Channel
    """email, web, facebook, newspaper_ad, press_release eller reminder."""
    where: str | None = None
    """Var, t.ex. "regionens och kommunens Facebooksida"."""


class Reporting(PlanModel):
    """Återrapportering när dialogperioden är slut."""

    recipients: list[Text]
    """Vilka rapporten lämnas till."""
    due: IsoDate
    """Sista dag för rapporten."""
    description: str | None = None
    """Hur slutsatserna presenteras."""


class DialogueProject(PlanModel):
    """Ett invånardialogprojekt: uppdrag, syfte, dialoger, tidsaxel och kostnader."""

    kind: Literal["dialogue_project"]
    """Plantyp."""
    id: Id
    """Planens id."""
    title: Text
    """Projektets namn."""
    organisation: Text
    """Region eller kommun."""
    topic: str | None = None
    """Vad dialogerna handlar om, i löptext, t.ex. "Nära vård"; används i inbjudningarna."""
    language: Literal["sv", "en"] = "sv"
    """Språk för inbjudningar och rapporter."""
    mandate: Decision
    """Uppdraget: beslutande organ, datum och referens."""
    owner: Text
    """Uppdragsägare, t.ex. beredningen."""
    anchoring: str | None = None
    """Hur genomförandet är förankrat hos projektägare eller linjechef."""
    purpose: Text
    """Syftet: vad dialogerna ska uppnå."""
    participation_rung: ParticipationRung
    """Steg på delaktighetstrappan."""
    use_of_views: Text
    """Hur åsikterna kommer att tas till vara."""
    method: Method = "dialogue_meeting"
    """Metod: survey, dialogue_meeting, focus_group, working_group eller citizen_panel."""
    compensation: str | None = None
    """Ersättning till deltagarna, om någon."""
    principles: list[str] = []
    """Principer för dialogen."""
    process_leader: Person
    """Processledare."""
    contact: Person
    """Kontaktperson för invånarna."""
    web_page: str | None = None
    """Projektets webbsida."""
    members: list[Member]
    """Ledamöter."""
    municipalities: list[Text]
    """Kommuner som ska ha en dialog."""
    questions: list[Text]
    """Frågeställningar; den första är i fokus om inget annat anges."""
    dialogues: list[Dialogue]
    """Dialogtillfällen."""
    invitation_channels: list[InvitationChannel] = []
    """Kanaler för inbjudan."""
    costs: Costs
    """Kostnad per dialog och format, engångskostnader, budget och alternativ."""
    timeline: list[Task] = []
    """Tidsaxel."""
    reporting: Reporting | None = None
    """Återrapportering."""
