"""Rules for a dialogue project, from seed 000 and seed 001."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, time

from ..costs import estimate, missing_formats
from ..findings import Text
from ..formatting import format_money
from ..model import DialogueProject
from .common import reversed_period
from .registry import Hit, rule

EVENING_FROM = time(17, 0)
KIND = "dialogue_project"


def _active(plan: DialogueProject):
    """(index, dialogue) for every dialogue that is not cancelled."""
    return [(i, d) for i, d in enumerate(plan.dialogues) if d.status != "cancelled"]


@rule("DK201", KIND)
def too_few_members(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        count = len(set(d.members))
        if count < 2:
            has = _ONE_MEMBER if count == 1 else _NO_MEMBERS
            yield Hit(
                ("dialogues", i, "members"),
                Text(
                    f"Dialogen '{d.id}' har {has.sv}; minst två ledamöter ska delta.",
                    f"The dialogue '{d.id}' has {has.en}; at least two members must take part.",
                ),
                Text(
                    "Lägg till ledamöternas id under members.",
                    "Add the members' ids under members.",
                ),
            )


_ONE_MEMBER = Text("bara en ledamot", "only one member")
_NO_MEMBERS = Text("inga ledamöter", "no members")


@rule("DK202", KIND)
def no_local_member(plan: DialogueProject, _) -> Iterator[Hit]:
    home = {m.id: m.municipality for m in plan.members}
    for i, d in _active(plan):
        if not d.test and d.members and d.municipality not in {home.get(m) for m in d.members}:
            yield Hit(
                ("dialogues", i, "members"),
                Text(
                    f"Ingen av ledamöterna i dialogen '{d.id}' kommer från {d.municipality}.",
                    f"None of the members of the dialogue '{d.id}' comes from {d.municipality}.",
                ),
                Text(
                    "Låt om möjligt en ledamot med anknytning till kommunen delta.",
                    "If you can, let a member with ties to the municipality take part.",
                ),
            )


@rule("DK203", KIND)
def municipality_not_covered(plan: DialogueProject, _) -> Iterator[Hit]:
    covered = {d.municipality for _, d in _active(plan) if not d.test}
    for i, name in enumerate(plan.municipalities):
        if name not in covered:
            yield Hit(
                ("municipalities", i),
                Text(f"{name} har ingen dialog.", f"{name} has no dialogue."),
                Text(
                    "Lägg till en dialog för kommunen, eller ta bort den ur municipalities.",
                    "Add a dialogue for the municipality, or remove it from municipalities.",
                ),
            )


@rule("DK221", KIND)
def unlisted_municipality(plan: DialogueProject, _) -> Iterator[Hit]:
    listed = set(plan.municipalities)
    for i, d in _active(plan):
        if d.municipality not in listed:
            yield Hit(
                ("dialogues", i, "municipality"),
                Text(
                    f"{d.municipality} står inte bland projektets kommuner.",
                    f"{d.municipality} is not among the project's municipalities.",
                ),
                Text(
                    "Lägg till kommunen i municipalities eller rätta stavningen.",
                    "Add the municipality to municipalities, or correct the spelling.",
                ),
            )


@rule("DK204", KIND)
def venue_not_accessible(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.format == "digital":
            continue
        if d.venue is None:
            yield Hit(
                ("dialogues", i),
                Text(
                    f"Dialogen '{d.id}' hålls på plats men saknar lokal.",
                    f"The dialogue '{d.id}' is held in person but has no venue.",
                ),
                Text(
                    "Lägg till venue med name, address, accessible och hearing_loop.",
                    "Add a venue with name, address, accessible and hearing_loop.",
                ),
            )
            continue
        if d.venue.accessible is not True:
            yield Hit(
                ("dialogues", i, "venue", "accessible"),
                Text(
                    f"Lokalen {d.venue.name} är inte angiven som tillgänglighetsanpassad.",
                    f"The venue {d.venue.name} is not given as accessible.",
                ),
                Text(
                    "Välj en tillgänglighetsanpassad lokal och skriv accessible: true.",
                    "Choose an accessible venue and write accessible: true.",
                ),
            )
        if d.venue.hearing_loop is not True:
            yield Hit(
                ("dialogues", i, "venue", "hearing_loop"),
                Text(
                    f"Lokalen {d.venue.name} har ingen hörselslinga angiven.",
                    f"The venue {d.venue.name} has no hearing loop given.",
                ),
                Text(
                    "Välj en lokal med hörselslinga och skriv hearing_loop: true.",
                    "Choose a venue with a hearing loop and write hearing_loop: true.",
                ),
            )


@rule("DK205", KIND)
def digital_without_registration(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.format == "in_person":
            continue
        if d.digital is None:
            yield Hit(
                ("dialogues", i),
                Text(
                    f"Dialogen '{d.id}' är {d.format} men saknar digital:.",
                    f"The dialogue '{d.id}' is {d.format} but has no digital:.",
                ),
                Text(
                    "Lägg till digital med platform, link och registration_email.",
                    "Add digital with platform, link and registration_email.",
                ),
            )
            continue
        if not d.digital.link:
            yield Hit(
                ("dialogues", i, "digital"),
                Text(
                    f"Dialogen '{d.id}' saknar möteslänk.",
                    f"The dialogue '{d.id}' has no meeting link.",
                ),
                Text("Lägg till digital.link.", "Add digital.link."),
            )
        if not (d.digital.registration_email or d.digital.registration_url):
            yield Hit(
                ("dialogues", i, "digital"),
                Text(
                    f"Dialogen '{d.id}' saknar sätt att anmäla sig.",
                    f"The dialogue '{d.id}' has no way to register.",
                ),
                Text(
                    "Lägg till digital.registration_email (e-postadress krävs för anmälan).",
                    "Add digital.registration_email (registration needs an e-mail address).",
                ),
            )


VENUE_ONLY = ("venue", "registration", "refreshments")
"""What only a dialogue with a venue uses (see context.dialogue_context)."""


@rule("DK223", KIND)
def block_unused_by_format(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.format == "in_person" and d.digital is not None:
            yield Hit(
                ("dialogues", i, "digital"),
                Text(
                    f"Dialogen '{d.id}' är fysisk, så digital: kommer inte med i inbjudan "
                    "eller kalendern.",
                    f"The dialogue '{d.id}' is in person, so digital: is left out of the "
                    "invitation and the calendar.",
                ),
                Text(
                    "Skriv format: hybrid om man också kan delta digitalt, annars ta bort "
                    "digital:.",
                    "Write format: hybrid if one can also take part online, otherwise "
                    "remove digital:.",
                ),
            )
        if d.format == "digital":
            for name in VENUE_ONLY:
                if getattr(d, name) is not None:
                    yield Hit(
                        ("dialogues", i, name),
                        Text(
                            f"Dialogen '{d.id}' är digital, så {name}: kommer inte med i "
                            "inbjudan eller kalendern.",
                            f"The dialogue '{d.id}' is digital, so {name}: is left out of "
                            "the invitation and the calendar.",
                        ),
                        Text(
                            "Skriv format: hybrid om man också kan komma till en lokal, "
                            f"annars ta bort {name}:. Anmälan till ett digitalt möte står "
                            "under digital:.",
                            "Write format: hybrid if one can also come to a venue, otherwise "
                            f"remove {name}:. Registration for an online meeting goes under "
                            "digital:.",
                        ),
                    )


@rule("DK206", KIND)
def end_before_start(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in enumerate(plan.dialogues):
        if d.end <= d.start:
            yield Hit(
                ("dialogues", i, "end"),
                Text(
                    f"Dialogen '{d.id}' slutar {d.end:%H:%M}, innan den börjar {d.start:%H:%M}.",
                    f"The dialogue '{d.id}' ends at {d.end:%H:%M}, before it starts at "
                    f"{d.start:%H:%M}.",
                ),
            )
    for i, task in enumerate(plan.timeline):
        if task.when.end < task.when.start:
            yield Hit(("timeline", i, "when"), reversed_period(task.when))


@rule("DK207", KIND)
def time_of_day(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.test and d.start >= EVENING_FROM:
            yield Hit(
                ("dialogues", i, "start"),
                Text(
                    f"Testdialogen '{d.id}' börjar {d.start:%H:%M}; testdialoger hålls dagtid.",
                    f"The test dialogue '{d.id}' starts at {d.start:%H:%M}; test dialogues "
                    "are held in the daytime.",
                ),
            )
        elif not d.test and d.start < EVENING_FROM:
            yield Hit(
                ("dialogues", i, "start"),
                Text(
                    f"Dialogen '{d.id}' börjar {d.start:%H:%M}; dialogerna hålls kvällstid.",
                    f"The dialogue '{d.id}' starts at {d.start:%H:%M}; the dialogues are "
                    "held in the evening.",
                ),
                Text(
                    "Börja kl. 17:00 eller senare, eller skriv test: true för en testdialog.",
                    "Start at 17:00 or later, or write test: true for a test dialogue.",
                ),
            )


@rule("DK208", KIND)
def holiday_or_weekend(plan: DialogueProject, _) -> Iterator[Hit]:
    active = _active(plan)
    swedish = swedish_holidays(frozenset(d.date.year for _, d in active))
    for i, d in active:
        if d.date in swedish:
            yield Hit(
                ("dialogues", i, "date"),
                Text(
                    f"Dialogen '{d.id}' ligger på {swedish[d.date].lower()} ({d.date}).",
                    f"The dialogue '{d.id}' falls on "
                    f"{HOLIDAYS_EN.get(swedish[d.date], 'a public holiday')} ({d.date}).",
                ),
                _WEEKDAY,
            )
        elif d.date.weekday() >= 5:
            day = _SATURDAY if d.date.weekday() == 5 else _SUNDAY
            yield Hit(
                ("dialogues", i, "date"),
                Text(
                    f"Dialogen '{d.id}' ligger på en {day.sv} ({d.date}).",
                    f"The dialogue '{d.id}' falls on a {day.en} ({d.date}).",
                ),
                _WEEKDAY,
            )


_WEEKDAY = Text("Välj en vardag.", "Choose a weekday.")
_SATURDAY, _SUNDAY = Text("lördag", "Saturday"), Text("söndag", "Sunday")


HOLIDAYS_EN = {
    "Alla helgons dag": "All Saints' Day",
    "Annandag jul": "Boxing Day",
    "Annandag påsk": "Easter Monday",
    "Första maj": "May Day",
    "Julafton": "Christmas Eve",
    "Juldagen": "Christmas Day",
    "Kristi himmelsfärdsdag": "Ascension Day",
    "Långfredagen": "Good Friday",
    "Midsommarafton": "Midsummer Eve",
    "Midsommardagen": "Midsummer Day",
    "Nationaldagen": "the National Day",
    "Nyårsafton": "New Year's Eve",
    "Nyårsdagen": "New Year's Day",
    "Pingstdagen": "Whit Sunday",
    "Påskdagen": "Easter Sunday",
    "Trettondedag jul": "Epiphany",
}
"""The Swedish holidays' names in English, for DK208's message."""


def swedish_holidays(years: frozenset[int]) -> dict[date, str]:
    """Public holidays and the eves everyone takes off (midsommarafton, julafton), by
    date, with their Swedish names. A table made from the `holidays` library covers the
    usual years without importing it; other years ask the library."""
    from ..holiday_table import FIRST_YEAR, LAST_YEAR, SWEDISH_HOLIDAYS

    if all(FIRST_YEAR <= year <= LAST_YEAR for year in years):
        return {
            date.fromisoformat(day): name
            for day, name in SWEDISH_HOLIDAYS.items()
            if int(day[:4]) in years
        }
    return _library_holidays(years)


@functools.cache
def _library_holidays(years: frozenset[int]) -> dict[date, str]:
    import holidays

    calendar = holidays.country_holidays(
        "SE", years=years, categories=("public", "de_facto"), language="sv"
    )
    return dict(calendar.items())


@rule("DK209", KIND)
def after_report_due(plan: DialogueProject, _) -> Iterator[Hit]:
    if plan.reporting is None:
        return
    for i, d in _active(plan):
        if d.date > plan.reporting.due:
            yield Hit(
                ("dialogues", i, "date"),
                Text(
                    f"Dialogen '{d.id}' ({d.date}) ligger efter att rapporten ska vara klar "
                    f"({plan.reporting.due}).",
                    f"The dialogue '{d.id}' ({d.date}) falls after the report is due "
                    f"({plan.reporting.due}).",
                ),
            )


@rule("DK210", KIND)
def registration_after_dialogue(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        for block in ("digital", "registration"):
            deadline = getattr(d, block) and getattr(d, block).registration_deadline
            if deadline and deadline > d.date:
                yield Hit(
                    ("dialogues", i, block, "registration_deadline"),
                    Text(
                        f"Sista anmälningsdag {deadline} ligger efter dialogen {d.date}.",
                        f"The registration deadline {deadline} falls after the dialogue {d.date}.",
                    ),
                )


@rule("DK212", KIND)
def cost_missing(plan: DialogueProject, _) -> Iterator[Hit]:
    for fmt in missing_formats(plan):
        yield Hit(
            ("costs", "per_dialogue"),
            Text(
                f"Kostnad per dialog saknas för formatet {fmt}.",
                f"The cost per dialogue is missing for the format {fmt}.",
            ),
            Text(
                f"Lägg till {fmt}: med fees, travel, refreshments och venue.",
                f"Add {fmt}: with fees, travel, refreshments and venue.",
            ),
        )


@rule("DK211", KIND)
def over_budget(plan: DialogueProject, _) -> Iterator[Hit]:
    if plan.costs.budget is None or missing_formats(plan):
        return
    total = estimate(plan).total
    if total > plan.costs.budget:
        yield Hit(
            ("costs", "budget"),
            Text(
                f"Beräknad kostnad {format_money(total)} överstiger budgeten "
                f"{format_money(plan.costs.budget)} med "
                f"{format_money(total - plan.costs.budget)}.",
                f"The estimated cost {format_money(total, 'en')} exceeds the budget "
                f"{format_money(plan.costs.budget, 'en')} by "
                f"{format_money(total - plan.costs.budget, 'en')}.",
            ),
            Text("Minska kostnaderna eller höj budgeten.", "Cut the costs or raise the budget."),
        )


@rule("DK218", KIND)
def unknown_member(plan: DialogueProject, _) -> Iterator[Hit]:
    known = {m.id for m in plan.members}
    for i, d in enumerate(plan.dialogues):
        for j, member in enumerate(d.members):
            if member not in known:
                yield Hit(
                    ("dialogues", i, "members", j),
                    Text(
                        f"Ledamoten '{member}' finns inte.",
                        f"There is no member '{member}'.",
                    ),
                    Text(
                        f"Använd ett id från members: {', '.join(sorted(known))}.",
                        f"Use an id from members: {', '.join(sorted(known))}.",
                    ),
                )
