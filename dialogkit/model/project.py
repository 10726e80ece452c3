"""The dialogue project (seed 000), with the dialogue process of seed 001 and
the documentation principles of seed 002."""

from typing import ClassVar, Literal

from pydantic import Field, NonNegativeInt

from ..formatting import format_clock, format_date
from .choices import (
    Audience,
    Channel,
    DialogueFormat,
    DialogueStatus,
    Gender,
    MaterialKind,
    Method,
    ParticipationRung,
    ResponseState,
    TaskStatus,
    described,
    keyed_by,
)
from .facts import ReportSpec, ScheduleItem
from .types import (
    ClockTime,
    Decision,
    Email,
    Id,
    IsoDate,
    Line,
    Money,
    MunicipalityCode,
    Paragraphs,
    People,
    Person,
    PlanModel,
    WebAddress,
    When,
)

COST_ITEMS = ("fees", "travel", "refreshments", "venue")


class Member(PlanModel):
    """En ledamot som kan delta i dialogerna."""

    id: Id = Field(description='Kort id som dialogerna hänvisar till, t.ex. "anna-l".')
    name: Line = Field(description="Namn.")
    municipality: Line | None = Field(
        None, description="Hemkommun; helst deltar en ledamot med anknytning till dialogens kommun."
    )
    role: Line | None = Field(None, description='Roll, t.ex. "ordförande" eller "ledamot".')
    party: Line | None = Field(None, description="Parti.")


class Venue(PlanModel):
    """Lokalen för en fysisk eller hybrid dialog."""

    name: Line = Field(description="Lokalens namn.")
    address: Line | None = Field(None, description="Gatuadress och ort.")
    accessible: bool | None = Field(None, description="Är lokalen tillgänglighetsanpassad?")
    hearing_loop: bool | None = Field(None, description="Finns hörselslinga?")
    capacity: int | None = Field(default=None, ge=1, description="Antal platser.")


class DigitalAccess(PlanModel):
    """Hur man deltar digitalt."""

    platform: Line = Field("Teams", description='Plattform, t.ex. "Teams".')
    link: Line | None = Field(
        None, description="Länk till mötet (skickas till dem som anmält sig)."
    )
    registration_email: Email | None = Field(
        None,
        description="E-postadress för anmälan; deltagarna anmäler sig med sin e-postadress.",
    )
    registration_url: Line | None = Field(
        None, description="Webbformulär för anmälan, om sådant finns."
    )
    registration_deadline: IsoDate | None = Field(None, description="Sista dag för anmälan.")


class Registration(PlanModel):
    """Föranmälan till lokalen vid en fysisk eller hybrid dialog. Digitalt deltagande
    anmäls under digital:."""

    required: bool = Field(
        description="true om man måste anmäla sig i förväg; false skriver "
        '"ingen föranmälan behövs" i inbjudan.'
    )
    registration_email: Email | None = Field(None, description="E-postadress för anmälan.")
    registration_url: Line | None = Field(
        None, description="Webbformulär för anmälan, om sådant finns."
    )
    registration_deadline: IsoDate | None = Field(None, description="Sista dag för anmälan.")


class PressRelease(PlanModel):
    """Det pressmeddelandet behöver utöver dialogens uppgifter."""

    quote: Paragraphs | None = Field(
        None, description="Ett citat, t.ex. från beredningens ordförande, utan citattecken."
    )
    quoted: Line | None = Field(
        None, description='Vem som citeras, t.ex. "Anna Lind, ordförande i beredningen".'
    )
    place: Line | None = Field(
        None, description="Orten i datumraden; utan den står dialogens kommun där."
    )
    contact: Person | None = Field(
        None, description="Presskontakt; utan den står projektets kontaktperson."
    )


class CostItems(PlanModel):
    """Kostnad per dialog, i hela kronor."""

    fees: Money = Field(0, description="Arvoden.")
    travel: Money = Field(0, description="Resekostnader.")
    refreshments: Money = Field(0, description="Förtäring.")
    venue: Money = Field(0, description="Lokal.")


class CostOverride(PlanModel):
    """Avvikande kostnader för en enskild dialog; det som inte anges följer formatet."""

    fees: Money | None = Field(None, description="Arvoden.")
    travel: Money | None = Field(None, description="Resekostnader.")
    refreshments: Money | None = Field(None, description="Förtäring.")
    venue: Money | None = Field(None, description="Lokal.")


class FollowUp(PlanModel):
    """Uppföljningsfrågorna som besvaras efter varje dialog."""

    dialogue_type: Paragraphs | None = Field(None, description="Vilken typ av dialog genomfördes?")
    influence: Paragraphs | None = Field(
        None, description="Hur påverkade dialogen beslut eller utveckling?"
    )
    main_lesson: Paragraphs | None = Field(
        None, description="Vad är det viktigaste vi har lärt oss från dialogen?"
    )
    purpose_met: Paragraphs | None = Field(None, description="Har syfte och mål uppnåtts?")
    unspoken_purposes: Paragraphs | None = Field(
        None,
        description="Uppdagades några outtalade syften eller förhoppningar som inte "
        "specificerades från början?",
    )
    went_well: Paragraphs | None = Field(None, description="Vad gjordes bra?")
    could_improve: Paragraphs | None = Field(None, description="Vad kunde gjorts bättre?")


class Feedback(PlanModel):
    """Återkoppling till deltagare eller allmänhet."""

    date: IsoDate = Field(description="När återkopplingen gavs.")
    audience: Audience = Field("participants", description=f"Till vem: {described(Audience)}.")
    channel: Line | None = Field(None, description='Hur, t.ex. "e-post" eller "webbsidan".')
    description: Paragraphs = Field(description="Vad som återkopplades.")


class Outcome(PlanModel):
    """Det som dokumenteras efter dialogen."""

    participants: int | None = Field(default=None, ge=0, description="Antal deltagare.")
    age_groups: dict[Line, NonNegativeInt] = Field(
        {},
        description="Antal deltagare per åldersgrupp, så som de räknades, t.ex. "
        '{"under 30": 4, "30–64": 12, "65 och äldre": 8}. Bara antal, aldrig namn.',
    )
    genders: keyed_by(Gender, NonNegativeInt) = Field(
        {},
        description=f"Antal deltagare per kön: {described(Gender)}. Bara antal, aldrig namn.",
    )
    themes: list[Line] = Field(
        [],
        description='Teman som kom upp, med korta ord, t.ex. "kontinuitet"; samma ord i '
        "flera dialoger samlas i rapporten.",
    )
    public_notes: Paragraphs | None = Field(None, description="Dokumentation som får publiceras.")
    internal_notes: Paragraphs | None = Field(
        None,
        description="Interna kommentarer och reflektioner; kommer aldrig med i publika rapporter.",
    )
    follow_up: FollowUp | None = Field(None, description="Svar på uppföljningsfrågorna.")
    feedback: list[Feedback] = Field([], description="Återkoppling som har getts.")


class Dialogue(PlanModel):
    """Ett dialogtillfälle, oftast ett per kommun."""

    id: Id = Field(description='Kort id, t.ex. "sala".')
    municipality: Line = Field(description="Kommunen dialogen gäller.")
    format: DialogueFormat = Field(description=f"{described(DialogueFormat)}.")
    test: bool = Field(False, description="true för en testdialog (dagtid, för att öva).")
    date: IsoDate = Field(description="Datum (ÅÅÅÅ-MM-DD).")
    start: ClockTime = Field(description='Starttid, "TT:MM".')
    end: ClockTime = Field(description='Sluttid, "TT:MM".')
    venue: Venue | None = Field(None, description="Lokal; krävs för fysiska och hybrida dialoger.")
    digital: DigitalAccess | None = Field(
        None, description="Digitalt deltagande; krävs för digitala och hybrida dialoger."
    )
    members: list[Line] = Field([], description="Id för de ledamöter som deltar (minst två).")
    expert: Line | None = Field(None, description="Sakkunnig som deltar, om någon.")
    focus_question: Line | None = Field(
        None,
        description="Frågan i fokus för just denna dialog, om den skiljer sig från projektets "
        "första fråga.",
    )
    registration: Registration | None = Field(
        None,
        description="Föranmälan till lokalen: required: false (ingen föranmälan behövs) eller "
        "required: true med sista dag och e-postadress eller webbformulär.",
    )
    refreshments: Line | None = Field(
        None,
        description='Vad som bjuds i lokalen, t.ex. "fika"; inbjudan skriver "Vi bjuder på …".',
    )
    support: list[Line] = Field(
        [],
        description='Tolkning och annat stöd vid dialogen, t.ex. "teckenspråkstolk" eller '
        '"tolk till arabiska".',
    )
    status: DialogueStatus = Field("planned", description=f"{described(DialogueStatus)}.")
    costs: CostOverride | None = Field(
        None, description="Avvikande kostnader för just denna dialog."
    )
    outcome: Outcome | None = Field(None, description="Dokumentation efter dialogen.")


class OneOffCost(PlanModel):
    """En engångskostnad."""

    item: Line = Field(description="Vad kostnaden avser.")
    amount: Money = Field(description="Belopp i kronor.")


class Scenario(PlanModel):
    """Ett tänkt alternativ att jämföra kostnaden med."""

    id: Id = Field(description='Kort id, t.ex. "halva-digitalt".')
    title: Line = Field(description="Rubrik.")
    format: DialogueFormat | None = Field(
        None, description="Alla riktiga dialoger flyttas till detta format."
    )
    per_dialogue: keyed_by(DialogueFormat, CostItems) | None = Field(
        None, description="Andra kostnader per format i detta alternativ."
    )


class Costs(PlanModel):
    """Kostnadsberäkning."""

    per_dialogue: keyed_by(DialogueFormat, CostItems) = Field(
        description="Kostnad per dialog för varje format (arvoden, resor, förtäring, lokal)."
    )
    one_off: list[OneOffCost] = Field(
        [],
        description="Engångskostnader, t.ex. kommunikation och marknadsföring.",
    )
    budget: Money | None = Field(None, description="Budget i kronor.")
    scenarios: list[Scenario] = Field([], description="Alternativ att jämföra med.")


class Task(PlanModel):
    """En uppgift eller milstolpe i tidsaxeln."""

    id: Id | None = Field(None, description="Kort id, om andra delar hänvisar till uppgiften.")
    task: Line = Field(description="Vad som ska göras.")
    when: When = Field(description="Månad, datum eller period.")
    responsible: People = Field([], description="Vem som ansvarar.")
    status: TaskStatus = Field("planned", description=f"{described(TaskStatus)}.")
    milestone: bool = Field(False, description="true för en milstolpe.")


class InvitationChannel(PlanModel):
    """En kanal för inbjudan."""

    channel: Channel = Field(description=f"{described(Channel)}.")
    where: Line | None = Field(
        None, description='Var, t.ex. "regionens och kommunens Facebooksida".'
    )


class Response(PlanModel):
    """ "Ni sa – vi gör": vad som händer med ett tema som invånarna lyfte."""

    theme: Line = Field(
        description="Temat med samma ord som i dialogernas outcome.themes, t.ex. "
        '"Psykisk hälsa bland unga".'
    )
    response: Paragraphs = Field(description="Vad som händer med det invånarna sa.")
    decided_by: Line | None = Field(None, description='Vem som beslutar, t.ex. "Regionstyrelsen".')
    due: IsoDate | None = Field(None, description="När svaret eller beslutet kommer (ÅÅÅÅ-MM-DD).")
    state: ResponseState = Field(
        "considering",
        description="utreds (considering), beslutat (decided), tas inte vidare (declined; "
        "skriv varför i reason) eller genomfört (done).",
    )
    reason: Paragraphs | None = Field(
        None, description="Varför temat inte tas vidare (för state: declined)."
    )
    decision: Decision | None = Field(
        None, description="Beslutet, när det finns: organ, datum och diarienummer."
    )


class Material(PlanModel):
    """En film, presentation eller annat material som visas på projektets webbsida."""

    title: Line = Field(description='Rubrik, t.ex. "Informationsfilm om Nära vård".')
    url: WebAddress = Field(description="Webbadress (https://) där materialet finns.")
    kind: MaterialKind = Field(
        "other",
        description=f"Vilket slags material; länktexten säger det: {described(MaterialKind)}.",
    )
    description: Paragraphs | None = Field(
        None, description="Kort beskrivning, t.ex. vem som medverkar eller hur lång filmen är."
    )


class Views(PlanModel):
    """Hur invånarna kan skicka in idéer, förslag och synpunkter utanför dialogerna."""

    url: WebAddress | None = Field(
        None,
        description="Webbformulär för idéer och synpunkter; utan det hänvisar webbsidan "
        "till projektets webbsida (web_page).",
    )
    text: Paragraphs | None = Field(
        None,
        description="Vad man kan skicka in och vad som händer med det, visas på webbsidan; "
        "e-post går till kontaktpersonen (contact.email).",
    )


class Deadlines(PlanModel):
    """Hur lång tid efter en dialog dokumentation och återkoppling ska vara klara, och
    hur långt före en dialog varje kanals inbjudan ska gå ut."""

    documentation_days: int = Field(
        14, ge=0, description="Dagar efter dialogen då dokumentationen ska finnas (14)."
    )
    feedback_days: int = Field(
        30, ge=0, description="Dagar efter dialogen då deltagarna ska ha fått återkoppling (30)."
    )
    lead_days: keyed_by(Channel, int) = Field(
        {},
        description="Dagar före dialogen som inbjudan i en kanal ska gå ut, t.ex. "
        "{annons: 28}; kanaler som inte nämns får standardvärdet.",
    )


class Reporting(PlanModel):
    """Återrapportering när dialogperioden är slut."""

    recipients: list[Line] = Field(description="Vilka rapporten lämnas till.")
    due: IsoDate = Field(description="Sista dag för rapporten.")
    description: Paragraphs | None = Field(None, description="Hur slutsatserna presenteras.")


class DialogueProject(PlanModel):
    """Ett invånardialogprojekt: uppdrag, syfte, dialoger, tidsaxel och kostnader."""

    kind: Literal["dialogue_project"] = Field(description="Plantyp.")
    id: Id = Field(description="Planens id.")
    title: Line = Field(description="Projektets namn.")
    organisation: Line = Field(description="Region eller kommun.")
    version: Line | None = Field(
        None, description='Dokumentets version, t.ex. "1.0" eller "2.1, reviderad".'
    )
    case_number: Line | None = Field(
        None, description='Diarienummer, när planen har ett, t.ex. "RV200159".'
    )
    topic: Line | None = Field(
        None,
        description='Vad dialogerna handlar om, i löptext, t.ex. "Nära vård"; '
        "används i inbjudningarna.",
    )
    language: Literal["sv", "en"] = Field("sv", description="Språk för inbjudningar och rapporter.")
    mandate: Decision = Field(description="Uppdraget: beslutande organ, datum och referens.")
    owner: Line = Field(description="Uppdragsägare, t.ex. beredningen.")
    anchoring: Paragraphs | None = Field(
        None, description="Hur genomförandet är förankrat hos projektägare eller linjechef."
    )
    purpose: Paragraphs = Field(description="Syftet: vad dialogerna ska uppnå.")
    participation_rung: ParticipationRung = Field(
        description=f"Steg på delaktighetstrappan: {described(ParticipationRung)}."
    )
    use_of_views: Paragraphs = Field(description="Hur åsikterna kommer att tas till vara.")
    method: Method = Field(
        "dialogue_meeting",
        description=f"Metod: {described(Method)}.",
    )
    compensation: Line | None = Field(None, description="Ersättning till deltagarna, om någon.")
    principles: list[Line] = Field([], description="Principer för dialogen.")
    process_leader: Person = Field(description="Processledare.")
    contact: Person = Field(description="Kontaktperson för invånarna.")
    web_page: Line | None = Field(None, description="Projektets webbsida.")
    material: list[Material] = Field(
        [],
        description="Film, presentation och annat material som visas på projektets "
        "webbsida, under Film och material.",
    )
    views: Views | None = Field(
        None, description="Hur invånarna kan skicka in idéer och synpunkter, t.ex. ett formulär."
    )
    press: PressRelease | None = Field(
        None, description="Citat, datumradens ort och presskontakt för pressmeddelandet."
    )
    members: list[Member] = Field(description="Ledamöter.")
    municipalities: list[Line] = Field(description="Kommuner som ska ha en dialog.")
    municipality_codes: dict[Line, MunicipalityCode] = Field(
        {},
        description='Kommunkod per kommun i municipalities, t.ex. {Arboga: "1984", '
        'Västerås: "1980"}.',
    )
    questions: list[Line] = Field(
        description="Frågeställningar; den första är i fokus om inget annat anges."
    )
    dialogues: list[Dialogue] = Field(description="Dialogtillfällen.")
    invitation_channels: list[InvitationChannel] = Field([], description="Kanaler för inbjudan.")
    costs: Costs = Field(
        description="Kostnad per dialog och format, engångskostnader, budget och alternativ."
    )
    population: dict[Line, NonNegativeInt] = Field(
        {},
        description="Antal invånare per kommun, för deltagare per 1 000 invånare, "
        "t.ex. {Sala: 22900}.",
    )
    implementation_plan: Id | None = Field(
        None, description="Id för genomförandeplanen som projektet genomför en del av."
    )
    deviation_reason: Paragraphs | None = Field(
        None,
        description="Varför projektets metod eller steg på delaktighetstrappan skiljer sig "
        "från genomförandeplanens område.",
    )
    timeline: list[Task] = Field([], description="Tidsaxel.")
    reporting: Reporting | None = Field(None, description="Återrapportering.")
    responses: list[Response] = Field(
        [],
        description='"Ni sa – vi gör": för varje tema som invånarna lyfte, vad som händer '
        "med det, vem som beslutar och när.",
    )
    deadlines: Deadlines = Field(
        default_factory=Deadlines,
        description="Tidsgränser för dokumentation, återkoppling och inbjudningar.",
    )

    PRODUCTS: ClassVar[tuple[str, ...]] = (
        "timeline",
        "calendar",
        "cost",
        "invitations",
        "feedback",
        "report",
        "site",
    )
    REPORTS: ClassVar[tuple[ReportSpec, ...]] = (
        ReportSpec("project-plan"),
        ReportSpec("dialogue-report", ("internal", "public")),
    )

    @property
    def display_title(self) -> str:
        return self.title

    @property
    def byline(self) -> str:
        return f"{self.process_leader.name}, {self.organisation}"

    @property
    def issuer(self) -> str:
        """The organisation a document made from the plan comes from (its author)."""
        return self.organisation

    def schedule(self) -> list[ScheduleItem]:
        """The tasks and milestones of the timeline, then every dialogue. A task
        without an id gets one in the plan's language: "uppgift-1", "task-1"."""
        from ..words import label

        names = {m.id: m.name for m in self.members}
        tasks = [
            ScheduleItem(
                "milestone" if task.milestone else "task",
                task.id or f"{label('task', self.language)}-{number}",
                task.task,
                task.when.start,
                task.when.end,
                task.status,
                tuple(task.responsible),
                task.when.text,
            )
            for number, task in enumerate(self.timeline, start=1)
        ]
        dialogues = [
            ScheduleItem(
                "test_dialogue" if d.test else "dialogue",
                d.id,
                d.municipality,
                d.date,
                d.date,
                d.status,
                tuple(names[m] for m in d.members if m in names),
                f"{format_date(d.date, self.language, weekday=False)} "
                f"{format_clock(d.start, self.language)}–{format_clock(d.end, self.language)}",
            )
            for d in self.dialogues
        ]
        return tasks + dialogues
