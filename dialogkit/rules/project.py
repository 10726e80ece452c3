"""Rules for a dialogue project, from seed 000 and seed 001."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, time

from ..costs import estimate, missing_formats
from ..formatting import format_money
from ..model import DialogueProject
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
            has = "bara en ledamot" if count == 1 else "inga ledamöter"
            yield Hit(
                ("dialogues", i, "members"),
                f"Dialogen '{d.id}' har {has}; minst två ledamöter ska delta.",
                "Lägg till ledamöternas id under members.",
            )


@rule("DK202", KIND)
def no_local_member(plan: DialogueProject, _) -> Iterator[Hit]:
    home = {m.id: m.municipality for m in plan.members}
    for i, d in _active(plan):
        if not d.test and d.members and d.municipality not in {home.get(m) for m in d.members}:
            yield Hit(
                ("dialogues", i, "members"),
                f"Ingen av ledamöterna i dialogen '{d.id}' kommer från {d.municipality}.",
                "Låt om möjligt en ledamot med anknytning till kommunen delta.",
            )


@rule("DK203", KIND)
def municipality_not_covered(plan: DialogueProject, _) -> Iterator[Hit]:
    covered = {d.municipality for _, d in _active(plan) if not d.test}
    for i, name in enumerate(plan.municipalities):
        if name not in covered:
            yield Hit(
                ("municipalities", i),
                f"{name} har ingen dialog.",
                "Lägg till en dialog för kommunen, eller ta bort den ur municipalities.",
            )


@rule("DK221", KIND)
def unlisted_municipality(plan: DialogueProject, _) -> Iterator[Hit]:
    listed = set(plan.municipalities)
    for i, d in _active(plan):
        if d.municipality not in listed:
            yield Hit(
                ("dialogues", i, "municipality"),
                f"{d.municipality} står inte bland projektets kommuner.",
                "Lägg till kommunen i municipalities eller rätta stavningen.",
            )


@rule("DK204", KIND)
def venue_not_accessible(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.format == "digital":
            continue
        if d.venue is None:
            yield Hit(
                ("dialogues", i),
                f"Dialogen '{d.id}' hålls på plats men saknar lokal.",
                "Lägg till venue med name, address, accessible och hearing_loop.",
            )
            continue
        if d.venue.accessible is not True:
            yield Hit(
                ("dialogues", i, "venue", "accessible"),
                f"Lokalen {d.venue.name} är inte angiven som tillgänglighetsanpassad.",
                "Välj en tillgänglighetsanpassad lokal och skriv accessible: true.",
            )
        if d.venue.hearing_loop is not True:
            yield Hit(
                ("dialogues", i, "venue", "hearing_loop"),
                f"Lokalen {d.venue.name} har ingen hörselslinga angiven.",
                "Välj en lokal med hörselslinga och skriv hearing_loop: true.",
            )


@rule("DK205", KIND)
def digital_without_registration(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.format == "in_person":
            continue
        if d.digital is None:
            yield Hit(
                ("dialogues", i),
                f"Dialogen '{d.id}' är {d.format} men saknar digital:.",
                "Lägg till digital med platform, link och registration_email.",
            )
            continue
        if not d.digital.link:
            yield Hit(
                ("dialogues", i, "digital"),
                f"Dialogen '{d.id}' saknar möteslänk.",
                "Lägg till digital.link.",
            )
        if not (d.digital.registration_email or d.digital.registration_url):
            yield Hit(
                ("dialogues", i, "digital"),
                f"Dialogen '{d.id}' saknar sätt att anmäla sig.",
                "Lägg till digital.registration_email (e-postadress krävs för anmälan).",
            )


VENUE_ONLY = ("venue", "registration", "refreshments")
"""What only a dialogue with a venue uses (see context.dialogue_context)."""


@rule("DK223", KIND)
def block_unused_by_format(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.format == "in_person" and d.digital is not None:
            yield Hit(
                ("dialogues", i, "digital"),
                f"Dialogen '{d.id}' är fysisk, så digital: kommer inte med i inbjudan "
                "eller kalendern.",
                "Skriv format: hybrid om man också kan delta digitalt, annars ta bort digital:.",
            )
        if d.format == "digital":
            for name in VENUE_ONLY:
                if getattr(d, name) is not None:
                    yield Hit(
                        ("dialogues", i, name),
                        f"Dialogen '{d.id}' är digital, så {name}: kommer inte med i "
                        "inbjudan eller kalendern.",
                        "Skriv format: hybrid om man också kan komma till en lokal, annars "
                        f"ta bort {name}:. Anmälan till ett digitalt möte står under digital:.",
                    )


@rule("DK206", KIND)
def end_before_start(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in enumerate(plan.dialogues):
        if d.end <= d.start:
            yield Hit(
                ("dialogues", i, "end"),
                f"Dialogen '{d.id}' slutar {d.end:%H:%M}, innan den börjar {d.start:%H:%M}.",
            )
    for i, task in enumerate(plan.timeline):
        if task.when.end < task.when.start:
            yield Hit(("timeline", i, "when"), f"Perioden '{task.when}' slutar innan den börjar.")


@rule("DK207", KIND)
def time_of_day(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        if d.test and d.start >= EVENING_FROM:
            yield Hit(
                ("dialogues", i, "start"),
                f"Testdialogen '{d.id}' börjar {d.start:%H:%M}; testdialoger hålls dagtid.",
            )
        elif not d.test and d.start < EVENING_FROM:
            yield Hit(
                ("dialogues", i, "start"),
                f"Dialogen '{d.id}' börjar {d.start:%H:%M}; dialogerna hålls kvällstid.",
                "Börja kl. 17:00 eller senare, eller skriv test: true för en testdialog.",
            )


@rule("DK208", KIND)
def holiday_or_weekend(plan: DialogueProject, _) -> Iterator[Hit]:
    active = _active(plan)
    swedish = swedish_holidays(frozenset(d.date.year for _, d in active))
    for i, d in active:
        if d.date in swedish:
            yield Hit(
                ("dialogues", i, "date"),
                f"Dialogen '{d.id}' ligger på {swedish[d.date].lower()} ({d.date}).",
                "Välj en vardag.",
            )
        elif d.date.weekday() >= 5:
            day = "lördag" if d.date.weekday() == 5 else "söndag"
            yield Hit(
                ("dialogues", i, "date"),
                f"Dialogen '{d.id}' ligger på en {day} ({d.date}).",
                "Välj en vardag.",
            )


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
                f"Dialogen '{d.id}' ({d.date}) ligger efter att rapporten ska vara klar "
                f"({plan.reporting.due}).",
            )


@rule("DK210", KIND)
def registration_after_dialogue(plan: DialogueProject, _) -> Iterator[Hit]:
    for i, d in _active(plan):
        for block in ("digital", "registration"):
            deadline = getattr(d, block) and getattr(d, block).registration_deadline
            if deadline and deadline > d.date:
                yield Hit(
                    ("dialogues", i, block, "registration_deadline"),
                    f"Sista anmälningsdag {deadline} ligger efter dialogen {d.date}.",
                )


@rule("DK212", KIND)
def cost_missing(plan: DialogueProject, _) -> Iterator[Hit]:
    for fmt in missing_formats(plan):
        yield Hit(
            ("costs", "per_dialogue"),
            f"Kostnad per dialog saknas för formatet {fmt}.",
            f"Lägg till {fmt}: med fees, travel, refreshments och venue.",
        )


@rule("DK211", KIND)
def over_budget(plan: DialogueProject, _) -> Iterator[Hit]:
    if plan.costs.budget is None or missing_formats(plan):
        return
    total = estimate(plan).total
    if total > plan.costs.budget:
        yield Hit(
            ("costs", "budget"),
            f"Beräknad kostnad {format_money(total)} överstiger budgeten "
            f"{format_money(plan.costs.budget)} med {format_money(total - plan.costs.budget)}.",
            "Minska kostnaderna eller höj budgeten.",
        )


@rule("DK218", KIND)
def unknown_member(plan: DialogueProject, _) -> Iterator[Hit]:
    known = {m.id for m in plan.members}
    for i, d in enumerate(plan.dialogues):
        for j, member in enumerate(d.members):
            if member not in known:
                yield Hit(
                    ("dialogues", i, "members", j),
                    f"Ledamoten '{member}' finns inte.",
                    "Använd ett id från members: " + ", ".join(sorted(known)) + ".",
                )
